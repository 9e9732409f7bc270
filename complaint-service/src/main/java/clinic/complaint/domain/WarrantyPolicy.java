package clinic.complaint.domain;

/**
 * The after-sales windows, in days after the service or sale (policy, per chain and branch): feedback on a service,
 * free correction, product warranty, and the after-sales guarantee of a service.
 */
public record WarrantyPolicy(int feedbackDays, int freeCorrectionDays, int productWarrantyDays, int guaranteeDays) {

    public static final WarrantyPolicy DEFAULT = new WarrantyPolicy(3, 7, 90, 365);

    public WarrantyPolicy {
        if (feedbackDays < 0 || freeCorrectionDays < 0 || productWarrantyDays < 0 || guaranteeDays < 0) {
            throw new IllegalArgumentException("warranty windows are days, never negative");
        }
    }
}
