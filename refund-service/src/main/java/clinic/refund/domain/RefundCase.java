package clinic.refund.domain;

import clinic.eventstore.domain.Money;

import clinic.refund.domain.entitlement.Entitlement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A refund case as its events made it.
 *
 * @param paidMinor   everything paid of the agreement so far, over all its channels (minor units)
 * @param entitlement the latest entitlement calculated from the customer's recorded orders (null before the review
 *                    calculates one), with {@code orders} the orders it read
 * @param payments    every payment recorded, in order: its channel, amount and reference
 * @param assessment  the complaint's third-party assessment as the case follows it (null: none recorded), with HQ's
 *                    override of a not-at-fault finding if any
 */
public record RefundCase(UUID id, UUID complaintId, String branchId, String customerRef, RefundKind kind,
                         Money amountPaid, RefundStatus status, Instant requestedAt, List<Offer> offers,
                         Agreement agreement, long paidMinor, boolean overdue, Entitlement entitlement,
                         List<UUID> orders, List<PaymentMade> payments, Assessment assessment) {

    public static final RefundCase NONE = new RefundCase(null, null, null, null, null, null, RefundStatus.NONE, null,
            List.of(), null, 0, false, null, List.of());

    public RefundCase {
        payments = payments == null ? List.of() : List.copyOf(payments);
    }

    /** A case without payments recorded. */
    public RefundCase(UUID id, UUID complaintId, String branchId, String customerRef, RefundKind kind, Money amountPaid,
                      RefundStatus status, Instant requestedAt, List<Offer> offers, Agreement agreement, long paidMinor,
                      boolean overdue, Entitlement entitlement, List<UUID> orders) {
        this(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers, agreement, paidMinor,
                overdue, entitlement, orders, List.of(), null);
    }

    /** The assessment's finding, who made it and when; {@code overrideReason} once HQ set a not-at-fault finding aside. */
    public record Assessment(AssessmentFinding finding, String assessor, Instant assessedAt, String overrideReason,
                             String overriddenBy) {
        /** Not at fault and not overridden: no full refund, no compensation from the clinic. */
        public boolean forbidsFullRefund() {
            return finding == AssessmentFinding.NOT_AT_FAULT && overrideReason == null;
        }
    }

    /** Whether a negotiation is still open: no agreement yet, not closed. */
    public boolean negotiating() {
        return switch (status) {
            case REQUESTED, UNDER_REVIEW, OFFERED, COUNTER_OFFERED, ESCALATED -> true;
            default -> false;
        };
    }

    /** A payment of the agreement, made on one of its channels and confirmed by its reference. */
    public record PaymentMade(String channel, Money amount, String reference) {
    }

    /** An offer or counter-offer of a negotiation round. */
    public record Offer(RefundCommand.Party party, Money amount, RefundRemedy remedy, String reason, String by,
                        Instant at) {
    }

    public record Agreement(Money amount, RefundRemedy remedy, List<RefundCommand.ChannelShare> channels,
                            LocalDate dueDate, boolean needsApproval, boolean approved, Instant agreedAt) {
    }

    /** The payment recorded under {@code reference}, if any. */
    public java.util.Optional<PaymentMade> paymentWithReference(String reference) {
        return payments.stream().filter(p -> p.reference() != null && p.reference().equals(reference)).findFirst();
    }

    /** What has been paid so far on {@code channel} (minor units). */
    public long paidOn(String channel) {
        return payments.stream().filter(p -> p.channel().equals(channel)).mapToLong(p -> p.amount().minorUnits()).sum();
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
                agreement, paidMinor, overdue, entitlement, orders, payments, assessment);
    }

    RefundCase withOffer(Offer offer, RefundStatus status) {
        List<Offer> more = new ArrayList<>(offers);
        more.add(offer);
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt,
                List.copyOf(more), agreement, paidMinor, overdue, entitlement, orders, payments, assessment);
    }

    RefundCase withAgreement(Agreement agreement, RefundStatus status) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paidMinor, overdue, entitlement, orders, payments, assessment);
    }

    RefundCase withPayment(long paid, RefundStatus status, boolean overdue) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paid, overdue, entitlement, orders, payments, assessment);
    }

    RefundCase withPaymentMade(PaymentMade payment) {
        List<PaymentMade> more = new ArrayList<>(payments);
        more.add(payment);
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, RefundStatus.SETTLING,
                requestedAt, offers, agreement, paidMinor + payment.amount().minorUnits(), overdue, entitlement, orders,
                more, assessment);
    }

    RefundCase withEntitlement(Entitlement entitlement, List<UUID> orders) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paidMinor, overdue, entitlement, List.copyOf(orders), payments, assessment);
    }

    RefundCase withAssessment(Assessment assessment) {
        return new RefundCase(id, complaintId, branchId, customerRef, kind, amountPaid, status, requestedAt, offers,
                agreement, paidMinor, overdue, entitlement, orders, payments, assessment);
    }
}
