package clinic.eventstore.security;

/** The caller may not see or act on this branch's data: 403, nothing read or changed. */
public class BranchForbidden extends RuntimeException {

    public BranchForbidden(String detail) {
        super(detail);
    }
}
