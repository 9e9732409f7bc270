package clinic.refund.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The fields of complaint-service's {@code complaint.filed.v1} that this service needs; the rest is ignored. A
 * payload without them cannot be processed.
 */
public record ComplaintFiledMessage(UUID complaintId, String branchId, String customerRef, String requestedRemedy,
                                    Amount amountPaid, Instant filedAt) {

    public record Amount(Long minorUnits, String currency) {
        public Amount {
            Objects.requireNonNull(minorUnits, "amountPaid.minorUnits is required");
            Objects.requireNonNull(currency, "amountPaid.currency is required");
        }
    }

    public ComplaintFiledMessage {
        Objects.requireNonNull(complaintId, "complaintId is required");
        Objects.requireNonNull(branchId, "branchId is required");
        Objects.requireNonNull(customerRef, "customerRef is required");
        Objects.requireNonNull(requestedRemedy, "requestedRemedy is required");
        Objects.requireNonNull(amountPaid, "amountPaid is required");
        Objects.requireNonNull(filedAt, "filedAt is required");
    }
}
