package clinic.refund.domain;

import clinic.refund.domain.entitlement.Entitlement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A refund case as its events made it.
 *
 * @param entitlement the latest entitlement calculated from the customer's recorded orders (null before the review
 *                    calculates one), with {@code orders} the orders it read
 */
public record RefundCase(UUID id, UUID complaintId, String branchId, String customerRef, RefundKind kind,
                         Money amountPaid, RefundStatus status, Instant requestedAt, List<Offer> offers,
                         Agreement agreement, long paidMinor, boolean overdue, Entitlement entitlement,
                         List<UUID> orders) {

    public static final RefundCase NONE = new RefundCase(null, null, null, null, null, null, RefundStatus.NONE, null,
            List.of(), null, 0, false, null, List.of());

    /** An offer or counter-offer of a negotiation round. */
    public record Offer(RefundCommand.Party party, Money amount, RefundRemedy remedy, String reason, String by,
                        Instant at) {
    }

    public record Agreement(Money amount, RefundRemedy remedy, List<RefundCommand.ChannelShare> channels,
                            LocalDate dueDate, boolean needsApproval, boolean approved, Instant agreedAt) {
    }

    /** The amount at stake: agreed, else the last offer, else what was paid. */
    public Money amountAtStake() {
        if (agreement != null) {
            return agreement.amount();
        }
        return offers.isEmpty() ? amountPaid : offers.getLast().amount();
    }

    RefundCase with(RefundStatus status) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paidMinor, overdue, entitlement, orders);
    }

    RefundCase withOffer(Offer offer, RefundStatus status) {
        List<Offer> more = new ArrayList<>(offers);
        more.add(offer);
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt,
                List.copyOf(more), agreement, paidMinor, overdue, entitlement, orders);
    }

    RefundCase withAgreement(Agreement agreement, RefundStatus status) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paidMinor, overdue, entitlement, orders);
    }

    RefundCase withPayment(long paid, RefundStatus status, boolean overdue) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paid, overdue, entitlement, orders);
    }

    RefundCase withEntitlement(Entitlement entitlement, List<UUID> orders) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paidMinor, overdue, entitlement, List.copyOf(orders));
    }
}
