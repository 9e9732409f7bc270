package clinic.complaint.domain;

import clinic.eventstore.domain.Money;

import clinic.calendar.CalendarSnapshot;
import clinic.complaint.domain.sla.SlaClockName;
import clinic.complaint.domain.sla.SlaClockStop;
import clinic.complaint.domain.sla.SlaPolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What happened to a case. Stored and published under the type names of
 * {@code clinic.complaint.application.ComplaintEventTypes}. No personal data: the customer is a reference, free text
 * is the staff's (explanations, decisions), and evidence is a hash, never the file.
 */
public sealed interface ComplaintEvent {

    /**
     * {@code sla}: the SLA targets in force for the branch when the complaint was received, which its clocks keep
     * counting by (null in events recorded before they were kept: the current policy applies). {@code calendar}: the
     * branch's business calendar for the year from the filing (hours, public holidays, make-up days), which the case's
     * clocks and deadlines keep counting in when the holiday data changes later (null: recorded before).
     */
    record ComplaintFiled(UUID complaintId, String caseNumber, String branchId, String customerRef, Channel channel,
                          Category category, Remedy requestedRemedy, Money amountPaid, Instant filedAt, SlaPolicy sla,
                          CalendarSnapshot calendar) implements ComplaintEvent {
        /** Without a frozen calendar: recorded before calendars were kept (the branch's current one applies). */
        public ComplaintFiled(UUID complaintId, String caseNumber, String branchId, String customerRef, Channel channel,
                              Category category, Remedy requestedRemedy, Money amountPaid, Instant filedAt, SlaPolicy sla) {
            this(complaintId, caseNumber, branchId, customerRef, channel, category, requestedRemedy, amountPaid, filedAt,
                    sla, null);
        }
    }

    /**
     * {@code clock}: the acknowledge clock as it stopped (null in events recorded before it was kept, and when the
     * command carried no clock context).
     */
    record ComplaintAcknowledged(UUID complaintId, String acknowledgedBy, Instant acknowledgedAt, SlaClockStop clock)
            implements ComplaintEvent {
        public ComplaintAcknowledged(UUID complaintId, String acknowledgedBy, Instant acknowledgedAt) {
            this(complaintId, acknowledgedBy, acknowledgedAt, null);
        }
    }

    /** {@code scope} says which window the case falls in, or why it falls in none. */
    record ComplaintAssessed(UUID complaintId, Category category, Severity severity, Subject subject,
                             LocalDate serviceDate, boolean inScope, String scope, String owner, String assessedBy,
                             Instant assessedAt) implements ComplaintEvent {
    }

    record ComplaintClosedOutOfScope(UUID complaintId, String explanation, String closedBy, Instant closedAt)
            implements ComplaintEvent {
    }

    record InvestigationStarted(UUID complaintId, String investigator, Instant startedAt) implements ComplaintEvent {
    }

    record WaitStarted(UUID complaintId, WaitReason reason, String note, String by, Instant startedAt)
            implements ComplaintEvent {
    }

    record WaitEnded(UUID complaintId, WaitReason reason, String by, Instant endedAt) implements ComplaintEvent {
    }

    record EvidenceAdded(UUID complaintId, UUID evidenceId, EvidenceType type, String suppliedBy, String sha256,
                         long sizeBytes, String storedBy, Instant addedAt) implements ComplaintEvent {
    }

    record ThirdPartyAssessmentRequested(UUID complaintId, String assessor, String requestedBy, Instant requestedAt)
            implements ComplaintEvent {
    }

    record ThirdPartyAssessmentRecorded(UUID complaintId, String assessor, AssessmentResult result, String summary,
                                        String recordedBy, Instant recordedAt) implements ComplaintEvent {
    }

    record RemedyProposed(UUID complaintId, Remedy remedy, Money amount, String note, String proposedBy,
                          Instant proposedAt) implements ComplaintEvent {
    }

    record CounterOfferMade(UUID complaintId, Party party, Remedy remedy, Money amount, String reason, String by,
                            Instant madeAt) implements ComplaintEvent {
    }

    /**
     * The written agreement. {@code dueDate} may be null for a money remedy agreed without one: refund-service dates it
     * by its policy and the case learns it from the refund. {@code refundId}: set when the agreement is the refund
     * case's, reached in refund-service (null when reached here).
     */
    record AgreementReached(UUID complaintId, Remedy remedy, Money amount, String paymentMethod, LocalDate dueDate,
                            String recordedBy, Instant agreedAt, UUID refundId) implements ComplaintEvent {
    }

    /** {@code clock}: the resolve clock of this cycle as it stopped (null as for {@link ComplaintAcknowledged}). */
    record ComplaintResolved(UUID complaintId, String decision, String communicatedBy, Instant resolvedAt,
                             SlaClockStop clock) implements ComplaintEvent {
        public ComplaintResolved(UUID complaintId, String decision, String communicatedBy, Instant resolvedAt) {
            this(complaintId, decision, communicatedBy, resolvedAt, null);
        }
    }

    /**
     * {@code reason}: why the case closed when the system closed it (followup-service's window ended with the customer
     * satisfied, {@code closedBy} "followup-service"); null when staff closed it, and in events stored before it existed.
     */
    record ComplaintClosed(UUID complaintId, String closedBy, Instant closedAt, String reason) implements ComplaintEvent {
    }

    record ComplaintReopened(UUID complaintId, String reason, String by, int reopenCount, Instant reopenedAt)
            implements ComplaintEvent {
    }

    record ComplaintWithdrawn(UUID complaintId, String reason, String by, Instant withdrawnAt)
            implements ComplaintEvent {
    }

    /**
     * {@code deadline}: the date staff typed in, if any. {@code deadlineSource}: what sets the escalation's deadlines,
     * {@code typed} (the typed date wins over any norm) or the name of the body's public norm
     * ({@link EscalationNorms.Norm}), null when neither applies; null in events recorded before it was kept, read as
     * the same rule would decide it ({@link EscalationNorms#sourceFor}).
     */
    record EscalatedExternally(UUID complaintId, UUID escalationId, EscalationBody body, String referenceNumber,
                               LocalDate deadline, String by, Instant escalatedAt, String deadlineSource)
            implements ComplaintEvent {
    }

    /**
     * One deadline of an open external escalation is at risk (see {@link EscalationNorms}); raised once per escalation
     * and deadline kind. {@code source}: {@code typed} or the norm's name; {@code dueDate} in the branch's calendar.
     */
    record EscalationDeadlineAtRisk(UUID complaintId, UUID escalationId, EscalationBody body,
                                    EscalationNorms.DeadlineKind kind, String source, LocalDate dueDate,
                                    Instant raisedAt) implements ComplaintEvent {
    }

    /** The due day of an open external escalation's deadline ended without an outcome; raised once per kind. */
    record EscalationDeadlineMissed(UUID complaintId, UUID escalationId, EscalationBody body,
                                    EscalationNorms.DeadlineKind kind, String source, LocalDate dueDate,
                                    Instant raisedAt) implements ComplaintEvent {
    }

    /** {@code cycle}: 0 for the first resolve clock, n after the n-th reopening (the acknowledge clock is always 0). */
    record SlaAtRisk(UUID complaintId, SlaClockName clock, int cycle, Instant dueAt, Instant raisedAt)
            implements ComplaintEvent {
    }

    record SlaBreached(UUID complaintId, SlaClockName clock, int cycle, Instant dueAt, Instant raisedAt)
            implements ComplaintEvent {
    }

    /** refund-service opened the case's refund (asked for when filed, or a refund remedy proposed or agreed). */
    record RefundCaseOpened(UUID complaintId, UUID refundId, Instant openedAt) implements ComplaintEvent {
    }

    record RefundAgreementRecorded(UUID complaintId, UUID refundId, Money amount, LocalDate dueDate, Instant recordedAt)
            implements ComplaintEvent {
    }

    /** A payment of the agreed refund, made on one of its channels; {@code paidSoFar} over all of them. */
    record RefundPaymentNoted(UUID complaintId, UUID refundId, Money amount, Money paidSoFar, Instant paidAt)
            implements ComplaintEvent {
    }

    record RefundSettlementRecorded(UUID complaintId, UUID refundId, Money amount, Instant recordedAt)
            implements ComplaintEvent {
    }

    record RefundOverdueRecorded(UUID complaintId, UUID refundId, LocalDate dueDate, Instant recordedAt)
            implements ComplaintEvent {
    }

    /** The case needs HQ's attention (a refund promised and not paid, say). */
    record EscalatedToHq(UUID complaintId, String reason, Instant escalatedAt) implements ComplaintEvent {
    }

    record EscalationOutcomeRecorded(UUID complaintId, UUID escalationId, String outcome, String by,
                                     Instant recordedAt) implements ComplaintEvent {
    }
}
