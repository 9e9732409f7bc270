package clinic.refund.domain;

import java.time.Instant;
import java.util.UUID;

/** A refund case as its events made it. */
public record RefundCase(UUID id, UUID complaintId, String branchId, String customerRef, RefundKind kind,
                         Money amountPaid, RefundStatus status, Instant requestedAt) {

    public static final RefundCase NONE = new RefundCase(null, null, null, null, null, null, RefundStatus.NONE, null);
}
