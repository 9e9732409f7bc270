package clinic.complaint.domain;

/**
 * The case's assessment: how severe, about a service or a product, whether it is in after-sales scope and under
 * which window (see {@link WarrantyScope}), and who owns the case from then on. All null until assessed.
 */
public record Assessment(Severity severity, Subject subject, Boolean inScope, String scope, String owner) {

    /** Not assessed yet. */
    static final Assessment NONE = new Assessment(null, null, null, null, null);
}
