package clinic.complaint.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Whether a complaint is in after-sales scope, and why: the warranty window of the {@link WarrantyPolicy} it falls in,
 * counted in days from the service or sale to today, decides. A product is in scope within its warranty; a service
 * within the feedback window, then the free correction window, then the after-sales guarantee. {@code scope} says which
 * window (or by how much it is outside), for staff and the customer.
 */
public record WarrantyScope(boolean inScope, String scope) {

    /** The scope of a complaint about {@code subject} delivered on {@code serviceDate}, today not before it. */
    public static WarrantyScope of(Subject subject, LocalDate serviceDate, LocalDate today, WarrantyPolicy w) {
        long days = ChronoUnit.DAYS.between(serviceDate, today);
        if (subject == Subject.PRODUCT) {
            return days <= w.productWarrantyDays()
                    ? new WarrantyScope(true, "product warranty (" + w.productWarrantyDays() + " days)")
                    : new WarrantyScope(false, "outside the product warranty: " + days + " days after the sale ("
                    + w.productWarrantyDays() + " allowed)");
        }
        if (days <= w.feedbackDays()) {
            return new WarrantyScope(true, "feedback window (" + w.feedbackDays() + " days)");
        }
        if (days <= w.freeCorrectionDays()) {
            return new WarrantyScope(true, "free correction window (" + w.freeCorrectionDays() + " days)");
        }
        return days <= w.guaranteeDays()
                ? new WarrantyScope(true, "after-sales guarantee (" + w.guaranteeDays() + " days)")
                : new WarrantyScope(false, "outside the after-sales guarantee: " + days + " days after the service ("
                + w.guaranteeDays() + " allowed)");
    }
}
