package clinic.complaint.domain;

import clinic.complaint.domain.sla.SlaContext;
import clinic.eventstore.domain.Money;

import clinic.calendar.BusinessCalendar;
import clinic.complaint.domain.sla.SlaPolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What a user or a branch system asks of a case. Every command carries the time it happens at and the actor who asks;
 * {@link #step()} is its name in the API and in refusals (a {@link ComplaintStep}'s, but for the automatic ones).
 */
public sealed interface ComplaintCommand {

    Instant at();

    String step();

    /**
     * A command the system gives itself (the SLA scheduler, another service's event): never refused for the case's
     * state; it decides nothing when it does not apply.
     */
    sealed interface Automatic extends ComplaintCommand {
    }

    /** refund-service opened the case's refund. */
    record RecordRefundOpened(UUID refundId, Instant at) implements Automatic {
        public String step() {
            return "record-refund-opened";
        }
    }

    /**
     * refund-service agreed a refund for the case: the refund case owns the written money agreement, so a case still
     * negotiating takes it as its agreement ({@code remedy}, {@code paymentMethod}: the refund's, as far as the case
     * names them; null from older messages).
     */
    record RecordRefundAgreed(UUID refundId, Money amount, LocalDate dueDate, Remedy remedy, String paymentMethod,
                              Instant at) implements Automatic {
        public RecordRefundAgreed(UUID refundId, Money amount, LocalDate dueDate, Instant at) {
            this(refundId, amount, dueDate, null, null, at);
        }

        public String step() {
            return "record-refund-agreed";
        }
    }

    /** refund-service recorded a payment of the agreed refund. */
    record RecordRefundPayment(UUID refundId, Money amount, Instant at) implements Automatic {
        public String step() {
            return "record-refund-payment";
        }
    }

    /** refund-service could not take the agreement reached on the case (why): the case goes to HQ. */
    record RecordRefundAgreementNotApplied(UUID refundId, String reason, Instant at) implements Automatic {
        public String step() {
            return "record-refund-agreement-not-applied";
        }
    }

    /** refund-service paid the refund in full. */
    record RecordRefundSettled(UUID refundId, Money amount, Instant at) implements Automatic {
        public String step() {
            return "record-refund-settled";
        }
    }

    /** refund-service's alarm: the refund promised was not paid by its due date. The case goes to HQ. */
    record RecordRefundOverdue(UUID refundId, LocalDate dueDate, Instant at) implements Automatic {
        public String step() {
            return "record-refund-overdue";
        }
    }

    /** followup-service found the customer still dissatisfied (at a call or in a survey). */
    record ReopenOnDissatisfaction(String reason, String by, Instant at) implements Automatic {
        public String step() {
            return "reopen-on-dissatisfaction";
        }
    }

    /**
     * followup-service's follow-up window of resolution cycle {@code cycle} (the reopen count it began at) ended with
     * the customer satisfied: a case still resolved in that cycle is closed, saying why.
     */
    record CloseAfterFollowUp(int cycle, String reason, String by, Instant at) implements Automatic {
        public String step() {
            return "close-after-follow-up";
        }
    }

    /** {@code sla}: the branch's SLA targets now, kept with the case. */
    record FileComplaint(UUID complaintId, String caseNumber, String branchId, String customerRef, Channel channel,
                         Category category, Remedy requestedRemedy, Money amountPaid, SlaPolicy sla,
                         clinic.calendar.CalendarSnapshot calendar, Instant at) implements ComplaintCommand {
        public FileComplaint(UUID complaintId, String caseNumber, String branchId, String customerRef, Channel channel,
                             Category category, Remedy requestedRemedy, Money amountPaid, SlaPolicy sla, Instant at) {
            this(complaintId, caseNumber, branchId, customerRef, channel, category, requestedRemedy, amountPaid, sla, null,
                    at);
        }

        public String step() {
            return ComplaintStep.FILE.apiName();
        }
    }

    /** {@code sla}: the case's clock context, for the reading kept in the event (null: none kept). */
    record AcknowledgeComplaint(String acknowledgedBy, Instant at, SlaContext sla) implements ComplaintCommand {
        public AcknowledgeComplaint(String acknowledgedBy, Instant at) {
            this(acknowledgedBy, at, null);
        }

        public String step() {
            return ComplaintStep.ACKNOWLEDGE.apiName();
        }
    }

    /**
     * The initial assessment. Scope is decided from {@code serviceDate} and the {@code warranty} windows in force.
     */
    record AssessComplaint(Category category, Severity severity, Subject subject, LocalDate serviceDate,
                           LocalDate today, WarrantyPolicy warranty, String owner, String assessedBy, Instant at)
            implements ComplaintCommand {
        public String step() {
            return ComplaintStep.ASSESS.apiName();
        }
    }

    record CloseOutOfScope(String explanation, String closedBy, Instant at) implements ComplaintCommand {
        public String step() {
            return ComplaintStep.CLOSE_OUT_OF_SCOPE.apiName();
        }
    }

    record StartInvestigation(String investigator, Instant at) implements ComplaintCommand {
        public String step() {
            return ComplaintStep.START_INVESTIGATION.apiName();
        }
    }

    record StartWait(WaitReason reason, String note, String by, Instant at) implements ComplaintCommand {
        public String step() {
            return ComplaintStep.WAIT.apiName();
        }
    }

    record EndWait(String by, Instant at) implements ComplaintCommand {
        public String step() {
            return ComplaintStep.RESUME.apiName();
        }
    }

    record AddEvidence(UUID evidenceId, EvidenceType type, String suppliedBy, String sha256, long sizeBytes,
                       String storedBy, Instant at) implements ComplaintCommand {
        public String step() {
            return ComplaintStep.ADD_EVIDENCE.apiName();
        }
    }

    record RequestAssessment(String assessor, String requestedBy, Instant at) implements ComplaintCommand {
        public String step() {
            return ComplaintStep.REQUEST_ASSESSMENT.apiName();
        }
    }

    record RecordAssessment(AssessmentResult result, String summary, String recordedBy, Instant at)
            implements ComplaintCommand {
        public String step() {
            return ComplaintStep.RECORD_ASSESSMENT.apiName();
        }
    }

    record ProposeRemedy(Remedy remedy, Money amount, String note, String proposedBy, Instant at)
            implements ComplaintCommand {
        public String step() {
            return ComplaintStep.PROPOSE_REMEDY.apiName();
        }
    }

    record CounterOffer(Party party, Remedy remedy, Money amount, String reason, String by, Instant at)
            implements ComplaintCommand {
        public String step() {
            return ComplaintStep.COUNTER_OFFER.apiName();
        }
    }

    record Agree(Remedy remedy, Money amount, String paymentMethod, LocalDate dueDate, LocalDate today, String recordedBy,
                 Instant at)
            implements ComplaintCommand {
        public String step() {
            return ComplaintStep.AGREE.apiName();
        }
    }

    /** {@code sla}: as for {@link AcknowledgeComplaint}. */
    record Resolve(String decision, String communicatedBy, Instant at, SlaContext sla) implements ComplaintCommand {
        public Resolve(String decision, String communicatedBy, Instant at) {
            this(decision, communicatedBy, at, null);
        }

        public String step() {
            return ComplaintStep.RESOLVE.apiName();
        }
    }

    record Close(String closedBy, Instant at) implements ComplaintCommand {
        public String step() {
            return ComplaintStep.CLOSE.apiName();
        }
    }

    record Reopen(String reason, String by, Instant at) implements ComplaintCommand {
        public String step() {
            return ComplaintStep.REOPEN.apiName();
        }
    }

    record Withdraw(String reason, String by, Instant at) implements ComplaintCommand {
        public String step() {
            return ComplaintStep.WITHDRAW.apiName();
        }
    }

    record Escalate(UUID escalationId, EscalationBody body, String referenceNumber, LocalDate deadline, String by,
                    Instant at) implements ComplaintCommand {
        public String step() {
            return ComplaintStep.ESCALATE.apiName();
        }
    }

    /**
     * The SLA scheduler's look at the case: raises the at-risk and breach warnings of its SLA clocks, and the at-risk
     * and missed warnings of its open external escalations' deadlines, that are due and not raised yet. Not a user's
     * step; it is never refused.
     */
    record CheckSla(SlaPolicy policy, BusinessCalendar calendar, Instant at) implements Automatic {
        public String step() {
            return "check-sla";
        }
    }

    record RecordEscalationOutcome(UUID escalationId, String outcome, String by, Instant at)
            implements ComplaintCommand {
        public String step() {
            return ComplaintStep.RECORD_ESCALATION_OUTCOME.apiName();
        }
    }
}
