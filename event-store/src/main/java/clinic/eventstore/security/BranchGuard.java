package clinic.eventstore.security;

/**
 * Whether a command may change a branch's data, checked on the aggregate as stored (inside the command's transaction):
 * a request's {@link CurrentUser} (their own branches), or {@link #ANY_BRANCH} for what a service does by itself (a
 * consumer, a scheduler) and for HQ's chain-wide steps.
 */
@FunctionalInterface
public interface BranchGuard {

    /** Every branch: the service acting on its own, or an HQ role in an operation that is chain-wide (approvals). */
    BranchGuard ANY_BRANCH = branchId -> {
    };

    /** Refuses ({@link BranchForbidden}, 403) a change to {@code branchId}'s data. */
    void requireWorksFor(String branchId);
}
