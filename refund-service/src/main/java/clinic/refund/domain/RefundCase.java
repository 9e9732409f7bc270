package clinic.refund.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A refund case as its events made it. */
public record RefundCase(UUID id, UUID complaintId, String branchId, String customerRef, RefundKind kind,
                         Money amountPaid, RefundStatus status, Instant requestedAt, List<Offer> offers,
                         Agreement agreement, long paidMinor, boolean overdue) {

    public static final RefundCase NONE = new RefundCase(null, null, null, null, null, null, RefundStatus.NONE, null,
            List.of(), null, 0, false);

    /** An offer or counter-offer of a negotiation round. */
    public record Offer(RefundCommand.Party party, Money amount, String reason, String by, Instant at) {
    }

    public record Agreement(Money amount, List<RefundCommand.ChannelShare> channels, LocalDate dueDate,
                            boolean needsApproval, boolean approved, Instant agreedAt) {
    }

    RefundCase with(RefundStatus status) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paidMinor, overdue);
    }

    RefundCase withOffer(Offer offer, RefundStatus status) {
        List<Offer> more = new java.util.ArrayList<>(offers);
        more.add(offer);
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt,
                List.copyOf(more), agreement, paidMinor, overdue);
    }

    RefundCase withAgreement(Agreement agreement, RefundStatus status) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paidMinor, overdue);
    }

    RefundCase withPayment(long paid, RefundStatus status, boolean overdue) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paid, overdue);
    }
}
