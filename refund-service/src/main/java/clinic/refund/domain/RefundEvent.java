package clinic.refund.domain;

import java.time.Instant;
import java.util.UUID;

/** What happened to a refund case; stored under the names in {@code RefundEventTypes}. */
public sealed interface RefundEvent {

    record RefundRequested(UUID refundId, UUID complaintId, String branchId, String customerRef, RefundKind kind,
                           Money amountPaid, Instant requestedAt) implements RefundEvent {
    }
}
