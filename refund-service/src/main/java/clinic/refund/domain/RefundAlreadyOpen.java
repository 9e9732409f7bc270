package clinic.refund.domain;

import java.util.UUID;

/** A refund case exists already for this id. */
public final class RefundAlreadyOpen extends RuntimeException {
    public RefundAlreadyOpen(UUID refundId) {
        super("refund case " + refundId + " is already open");
    }
}
