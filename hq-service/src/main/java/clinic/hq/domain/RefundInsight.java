package clinic.hq.domain;

import clinic.eventstore.domain.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A refund case as HQ sees it: whose case, its branch, what was promised and by when, what was paid, and since when
 * refund-service has called it overdue (promised, due, not paid).
 *
 * @param paid the payments recorded so far, in the agreed currency (null before any)
 */
public record RefundInsight(UUID refundId, UUID complaintId, String branchId, String status, Instant openedAt,
                            Money agreed, LocalDate dueDate, Instant agreedAt, Money paid, Instant settledAt,
                            Instant overdueSince) {

    public static final String OPEN = "OPEN";
    public static final String AGREED = "AGREED";
    public static final String SETTLED = "SETTLED";

    public static final RefundInsight NONE = new RefundInsight(null, null, null, null, null, null, null, null, null,
            null, null);

    public boolean exists() {
        return refundId != null;
    }

    public static RefundInsight evolve(RefundInsight s, RefundFact fact) {
        RefundInsight r = s.refundId != null ? s : new RefundInsight(fact.refundId(), null, null, OPEN, null, null,
                null, null, null, null, null);
        return switch (fact) {
            case RefundFact.Requested q -> new RefundInsight(q.refundId(), q.complaintId(), q.branchId(), r.status,
                    q.requestedAt(), r.agreed, r.dueDate, r.agreedAt, r.paid, r.settledAt, r.overdueSince);
            case RefundFact.Agreed a -> new RefundInsight(r.refundId, r.complaintId, r.branchId, AGREED, r.openedAt,
                    a.amount(), a.dueDate(), a.agreedAt(), r.paid, r.settledAt, r.overdueSince);
            case RefundFact.PaymentRecorded p -> new RefundInsight(r.refundId, r.complaintId, r.branchId, r.status,
                    r.openedAt, r.agreed, r.dueDate, r.agreedAt, added(r.paid, p.amount()),
                    r.settledAt, r.overdueSince);
            case RefundFact.Settled x -> new RefundInsight(r.refundId, r.complaintId, r.branchId, SETTLED, r.openedAt,
                    r.agreed, r.dueDate, r.agreedAt, r.paid, x.settledAt(), r.overdueSince);
            case RefundFact.Overdue o -> new RefundInsight(r.refundId, r.complaintId, r.branchId, r.status,
                    r.openedAt, r.agreed, o.dueDate() != null ? o.dueDate() : r.dueDate, r.agreedAt, r.paid,
                    r.settledAt, r.overdueSince != null ? r.overdueSince : o.raisedAt());
            // rejected or withdrawn (an agreement still awaiting approval can be): nothing is promised any more
            case RefundFact.Ended e -> new RefundInsight(r.refundId, r.complaintId, r.branchId, e.how(), r.openedAt,
                    null, null, null, r.paid, r.settledAt, null);
            case RefundFact.Step ignored -> r;
        };
    }

    /** Payments add up in one currency; one in another (not expected: refunds are paid as they were paid) is kept apart by refusing it. */
    private static Money added(Money sum, Money payment) {
        if (sum == null) {
            return payment;
        }
        if (!sum.currency().equals(payment.currency())) {
            throw new IllegalArgumentException("amount: a payment in " + payment.currency() + " on a refund paid in "
                    + sum.currency());
        }
        return new Money(Math.addExact(sum.minorUnits(), payment.minorUnits()), sum.currency());
    }

    /** Promised (agreed), not settled, and past the day refund-service raised its overdue alarm. */
    public boolean overdue() {
        return AGREED.equals(status) && overdueSince != null;
    }
}
