package clinic.refund.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What is asked of a refund case. Every command carries the time it happens at; {@link #step()} names it. */
public sealed interface RefundCommand {

    Instant at();

    String step();

    /** A complaint asked for a refund: open its refund case. */
    record RequestRefund(UUID refundId, UUID complaintId, String branchId, String customerRef, RefundKind kind,
                         Money amountPaid, Instant at) implements RefundCommand {
        public String step() {
            return "request";
        }
    }

    record StartReview(String by, Instant at) implements RefundCommand {
        public String step() {
            return "start-review";
        }
    }

    /**
     * The clinic's offer; {@code calculationPolicy} names the policy version of the entitlement it rests on, if any;
     * {@code remedy} null means the one the amount implies.
     */
    record MakeOffer(Money amount, RefundRemedy remedy, String reason, String calculationPolicy, String by, Instant at)
            implements RefundCommand {
        public MakeOffer(Money amount, String reason, String calculationPolicy, String by, Instant at) {
            this(amount, null, reason, calculationPolicy, by, at);
        }

        public String step() {
            return "offer";
        }
    }

    /** The review's entitlement, calculated from the customer's recorded orders (see {@code EntitlementCalculator}). */
    record RecordEntitlement(List<UUID> orders, clinic.refund.domain.entitlement.Entitlement entitlement, String by,
                             Instant at) implements RefundCommand {
        public String step() {
            return "calculate-entitlement";
        }
    }

    /** The customer took the refund to an outside body (consumer association, 12315, mediation, court...). */
    record Escalate(String body, String reference, String by, Instant at) implements RefundCommand {
        public String step() {
            return "escalate";
        }
    }

    record CounterOffer(Party party, Money amount, RefundRemedy remedy, String reason, String by, Instant at)
            implements RefundCommand {
        public CounterOffer(Party party, Money amount, String reason, String by, Instant at) {
            this(party, amount, null, reason, by, at);
        }

        public String step() {
            return "counter-offer";
        }
    }

    /**
     * The written agreement: amount, how it is paid (one or more channels), by when ({@code today}: the date where the
     * branch is, before which the due date may not fall). Above {@code approvalThreshold} HQ approves it first.
     */
    record Agree(Money amount, RefundRemedy remedy, List<ChannelShare> channels, LocalDate dueDate, LocalDate today,
                 Money approvalThreshold, String by, Instant at) implements RefundCommand {

        public String step() {
            return "agree";
        }
    }

    record ApproveAgreement(String approvedBy, Instant at) implements RefundCommand {
        public String step() {
            return "approve";
        }
    }

    /** A payment made on one channel, confirmed by its reference. */
    record RecordPayment(String channel, Money amount, String reference, String by, Instant at) implements RefundCommand {
        public String step() {
            return "record-payment";
        }
    }

    record Reject(String reason, String by, Instant at) implements RefundCommand {
        public String step() {
            return "reject";
        }
    }

    record Withdraw(String reason, String by, Instant at) implements RefundCommand {
        public String step() {
            return "withdraw";
        }
    }

    /** The overdue alarm's look: an agreement past its due date without full payment raises the alarm, once. */
    record CheckOverdue(LocalDate today, Instant at) implements RefundCommand {
        public String step() {
            return "check-overdue";
        }
    }

    enum Party { CUSTOMER, CLINIC }

    /** Part of the agreed amount and the channel it is paid through (card, the financing partner, a balance...). */
    record ChannelShare(String channel, Money amount) {
    }
}
