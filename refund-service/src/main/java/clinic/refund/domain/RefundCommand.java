package clinic.refund.domain;

import clinic.eventstore.domain.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What is asked of a refund case. Every command carries the time it happens at; {@link #step()} names it. */
public sealed interface RefundCommand {

    Instant at();

    String step();

    /**
     * A command that follows another service's event (the complaint's remedies, agreement and assessment) or the
     * service's own alarm: not refused for the case's state; it decides nothing where it does not apply.
     */
    sealed interface Automatic extends RefundCommand {
    }

    /**
     * A complaint asked for a refund, or a refund remedy was proposed or agreed on it: open its refund case. Not a
     * step of the API ({@link RefundStep}): a case that is open already refuses it ({@link RefundAlreadyOpen}).
     */
    record RequestRefund(UUID refundId, UUID complaintId, String branchId, String customerRef, RefundKind kind,
                         Money amountPaid, Instant at) implements RefundCommand {
        public String step() {
            return "request";
        }
    }

    record StartReview(String by, Instant at) implements RefundCommand {
        public String step() {
            return RefundStep.START_REVIEW.apiName();
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
            return RefundStep.OFFER.apiName();
        }
    }

    /** The review's entitlement, calculated from the customer's recorded orders (see {@code EntitlementCalculator}). */
    record RecordEntitlement(List<UUID> orders, clinic.refund.domain.entitlement.Entitlement entitlement, String by,
                             Instant at) implements RefundCommand {
        public String step() {
            return RefundStep.ENTITLEMENT.apiName();
        }
    }

    /** The customer took the refund to an outside body (consumer association, 12315, mediation, court...). */
    record Escalate(String body, String reference, String by, Instant at) implements RefundCommand {
        public String step() {
            return RefundStep.ESCALATE.apiName();
        }
    }

    record CounterOffer(Party party, Money amount, RefundRemedy remedy, String reason, String by, Instant at)
            implements RefundCommand {
        public CounterOffer(Party party, Money amount, String reason, String by, Instant at) {
            this(party, amount, null, reason, by, at);
        }

        public String step() {
            return RefundStep.COUNTER_OFFER.apiName();
        }
    }

    /**
     * The written agreement: amount, how it is paid (one or more channels), by when ({@code today}: the date where the
     * branch is, before which the due date may not fall). Above {@code approvalThreshold} HQ approves it first.
     */
    record Agree(Money amount, RefundRemedy remedy, List<ChannelShare> channels, LocalDate dueDate, LocalDate today,
                 Money approvalThreshold, String by, Instant at) implements RefundCommand {

        public String step() {
            return RefundStep.AGREE.apiName();
        }
    }

    record ApproveAgreement(String approvedBy, Instant at) implements RefundCommand {
        public String step() {
            return RefundStep.APPROVE.apiName();
        }
    }

    /** A payment made on one channel, confirmed by its reference. */
    record RecordPayment(String channel, Money amount, String reference, String by, Instant at) implements RefundCommand {
        public String step() {
            return RefundStep.RECORD_PAYMENT.apiName();
        }
    }

    record Reject(String reason, String by, Instant at) implements RefundCommand {
        public String step() {
            return RefundStep.REJECT.apiName();
        }
    }

    record Withdraw(String reason, String by, Instant at) implements RefundCommand {
        public String step() {
            return RefundStep.WITHDRAW.apiName();
        }
    }

    /** The overdue alarm's look: an agreement past its due date without full payment raises the alarm, once. */
    record CheckOverdue(LocalDate today, Instant at) implements Automatic {
        public String step() {
            return "check-overdue";
        }
    }

    /**
     * The third-party assessment recorded on the complaint ({@code assessedAt}: when complaint-service recorded it);
     * the case keeps the latest.
     */
    record NoteAssessment(AssessmentFinding finding, String assessor, Instant assessedAt, Instant at)
            implements Automatic {
        public String step() {
            return "note-assessment";
        }
    }

    /** HQ sets aside a not-at-fault finding for this case, with the reason on record. */
    record OverrideAssessment(String reason, String by, Instant at) implements RefundCommand {
        public String step() {
            return RefundStep.OVERRIDE_ASSESSMENT.apiName();
        }
    }

    /**
     * An offer or counter-offer made on the complaint with a money remedy: recorded as a round of this case's
     * negotiation, so that the two negotiations are one.
     */
    record RecordComplaintOffer(Party party, RefundRemedy remedy, Money amount, String by, Instant at)
            implements Automatic {
        public String step() {
            return "record-complaint-offer";
        }
    }

    /**
     * The written agreement reached on the complaint with a money remedy: becomes this case's agreement (one channel,
     * the payment method named; HQ approval above the threshold), unless the case agreed already or cannot take it,
     * which is recorded with the reason ({@code ComplaintAgreementNotApplied}) and goes to HQ.
     */
    record RecordComplaintAgreement(RefundRemedy remedy, Money amount, String paymentMethod, LocalDate dueDate,
                                    Money approvalThreshold, String by, Instant at) implements Automatic {
        public String step() {
            return "record-complaint-agreement";
        }
    }

    /**
     * The complaint ended the refund's reason to be while the refund case still negotiates: withdrawn by the customer,
     * closed out of after-sales scope ({@code rejected}), or agreed on a remedy without money. Nothing once agreed.
     */
    record EndWithComplaint(boolean rejected, String reason, Instant at) implements Automatic {
        public String step() {
            return "end-with-complaint";
        }
    }

    enum Party { CUSTOMER, CLINIC }

    /** Part of the agreed amount and the channel it is paid through (card, the financing partner, a balance...). */
    record ChannelShare(String channel, Money amount) {
    }
}
