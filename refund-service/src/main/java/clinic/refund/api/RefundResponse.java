package clinic.refund.api;

import clinic.refund.projection.RefundCaseRow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

/** A refund case as the API shows it. */
public record RefundResponse(UUID id, UUID complaintId, String branchId, String status, String kind,
                             Amount amountPaid, Amount agreedAmount, java.time.LocalDate dueDate, Amount paid,
                             boolean overdue, Instant requestedAt, long version) {

    /** Money as people write it: {@code {"amount": "12800.00", "currency": "CNY"}}. */
    public record Amount(String amount, String currency) {
        static Amount of(long minorUnits, String currency) {
            int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
            return new Amount(BigDecimal.valueOf(minorUnits, digits).toPlainString(), currency);
        }
    }

    /** From the case's state, as a step left it. */
    static RefundResponse of(clinic.refund.domain.RefundCase c, long version) {
        String currency = c.amountPaid().currency();
        var agreement = c.agreement();
        return new RefundResponse(c.id(), c.complaintId(), c.branchId(), c.status().name(), c.kind().name(),
                Amount.of(c.amountPaid().minorUnits(), currency),
                agreement == null ? null : Amount.of(agreement.amount().minorUnits(), currency),
                agreement == null ? null : agreement.dueDate(), Amount.of(c.paidMinor(), currency), c.overdue(),
                c.requestedAt(), version);
    }

    static RefundResponse of(RefundCaseRow row) {
        return new RefundResponse(row.id, row.complaintId, row.branchId, row.status, row.kind,
                Amount.of(row.amountPaidMinor, row.currency),
                row.agreedMinor == null ? null : Amount.of(row.agreedMinor, row.currency), row.dueDate,
                Amount.of(row.paidMinor, row.currency), row.overdue, row.requestedAt, row.version);
    }
}
