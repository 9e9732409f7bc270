package clinic.refund.domain;

import clinic.refund.domain.RefundCommand.RequestRefund;
import clinic.refund.domain.RefundEvent.RefundRequested;

import java.util.List;

/** The rules of a refund case, as two pure functions. */
public final class RefundDecider {

    private RefundDecider() {
    }

    public static List<RefundEvent> decide(RefundCommand command, RefundCase state) {
        return switch (command) {
            case RequestRefund c -> {
                if (state.status() != RefundStatus.NONE) {
                    throw new RefundAlreadyOpen(c.refundId());
                }
                yield List.of(new RefundRequested(c.refundId(), c.complaintId(), c.branchId(), c.customerRef(),
                        c.kind(), c.amountPaid(), c.at()));
            }
        };
    }

    public static RefundCase evolve(RefundCase state, RefundEvent event) {
        return switch (event) {
            case RefundRequested e -> new RefundCase(e.refundId(), e.complaintId(), e.branchId(), e.customerRef(),
                    e.kind(), e.amountPaid(), RefundStatus.REQUESTED, e.requestedAt());
        };
    }
}
