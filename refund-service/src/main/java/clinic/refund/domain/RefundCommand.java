package clinic.refund.domain;

import java.time.Instant;
import java.util.UUID;

/** What is asked of a refund case. Every command carries the time it happens at. */
public sealed interface RefundCommand {

    Instant at();

    /** A complaint asked for a refund: open its refund case. */
    record RequestRefund(UUID refundId, UUID complaintId, String branchId, String customerRef, RefundKind kind,
                         Money amountPaid, Instant at) implements RefundCommand {
    }
}
