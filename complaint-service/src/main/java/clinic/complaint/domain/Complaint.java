package clinic.complaint.domain;

import clinic.complaint.domain.sla.SlaClockName;
import clinic.complaint.domain.sla.SlaPolicy;
import clinic.complaint.domain.sla.SlaWarningLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A case as its events made it. */
public record Complaint(
        UUID id,
        String caseNumber,
        String branchId,
        String customerRef,
        Channel channel,
        Category category,
        Remedy requestedRemedy,
        Money amountPaid,
        ComplaintStatus status,
        Instant filedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Severity severity,
        Subject subject,
        Boolean inScope,
        String scope,
        String owner,
        WaitReason waitingOn,
        Instant waitingSince,
        List<Evidence> evidence,
        ThirdPartyAssessment thirdPartyAssessment,
        List<Offer> offers,
        Agreement agreement,
        String decision,
        Instant resolvedAt,
        Instant closedAt,
        int reopenCount,
        List<Escalation> escalations,
        List<EscalationWarning> escalationWarnings,
        Instant resolveClockStartedAt,
        List<Pause> pauses,
        List<Pause> waitHistory,
        List<SlaWarning> slaWarnings,
        Refund refund,
        String hqEscalation,
        SlaPolicy sla,
        clinic.calendar.CalendarSnapshot calendar) {

    public static final Complaint NONE = new Draft().build();

    public record Evidence(UUID id, EvidenceType type, String suppliedBy, String sha256, long sizeBytes,
                           Instant addedAt) {
    }

    /** The latest third-party assessment: requested, then (once recorded) its result. */
    public record ThirdPartyAssessment(String assessor, Instant requestedAt, AssessmentResult result, String summary,
                                       Instant recordedAt) {
        public boolean pending() {
            return result == null;
        }
    }

    /** An offer or counter-offer of a negotiation round. */
    public record Offer(Party party, Remedy remedy, Money amount, String note, String by, Instant at) {
    }

    /** The written agreement. */
    public record Agreement(Remedy remedy, Money amount, String paymentMethod, LocalDate dueDate, Instant agreedAt) {
    }

    /**
     * An external escalation. {@code deadline}: the date staff typed in, if any; {@code deadlineSource}: what sets its
     * deadlines ({@link EscalationNorms#TYPED}, a norm's name, or null: none), see {@link EscalationNorms}.
     */
    public record Escalation(UUID id, EscalationBody body, String referenceNumber, LocalDate deadline,
                             Instant escalatedAt, String outcome, Instant outcomeAt, String deadlineSource) {
        public boolean open() {
            return outcome == null;
        }
    }

    /** An escalation deadline warning raised: which escalation, which of its deadlines, at risk or missed. */
    public record EscalationWarning(UUID escalationId, EscalationNorms.DeadlineKind kind,
                                    EscalationNorms.WarningLevel level, LocalDate dueDate, Instant raisedAt) {
    }

    /**
     * A wait that has ended: the resolve clock did not run in it. {@code pauses} holds those of the current resolve
     * cycle, {@code waitHistory} every one (an escalation's deadline may leave out the assessor's).
     */
    public record Pause(WaitReason reason, Instant from, Instant to) {
    }

    /** An SLA warning raised: which clock, at risk or breached, in which cycle (reopening starts a new one). */
    public record SlaWarning(SlaClockName clock, SlaWarningLevel level, int cycle, Instant dueAt, Instant raisedAt) {
    }

    /**
     * The refund refund-service handles for the case, as far as its events told us: opened, agreed (amount, due date),
     * paid so far, settled, overdue. {@link #progress()} is where it stands.
     */
    public record Refund(UUID refundId, Money agreedAmount, LocalDate dueDate, Money settledAmount, boolean overdue,
                         Money paidAmount) {

        /** Where the refund stands, for people: the case follows it without a status of its own for each. */
        public RefundProgress progress() {
            if (settledAmount != null) {
                return RefundProgress.SETTLED;
            }
            if (overdue) {
                return RefundProgress.OVERDUE;
            }
            if (paidAmount != null && paidAmount.minorUnits() > 0) {
                return RefundProgress.PAID_IN_PART;
            }
            return agreedAmount != null ? RefundProgress.AGREED : RefundProgress.OPEN;
        }
    }

    /** How far the case's refund has come (see {@link Refund#progress()}). */
    public enum RefundProgress { OPEN, AGREED, PAID_IN_PART, SETTLED, OVERDUE }

    public boolean slaWarningRaised(SlaClockName clock, SlaWarningLevel level) {
        int cycle = clock == SlaClockName.RESOLVE ? reopenCount : 0;
        return slaWarnings.stream().anyMatch(w -> w.clock() == clock && w.level() == level && w.cycle() == cycle);
    }

    public boolean escalationWarningRaised(UUID escalationId, EscalationNorms.DeadlineKind kind,
                                           EscalationNorms.WarningLevel level) {
        return escalationWarnings.stream()
                .anyMatch(w -> w.escalationId().equals(escalationId) && w.kind() == kind && w.level() == level);
    }

    public boolean exists() {
        return status != ComplaintStatus.NONE;
    }

    public boolean waiting() {
        return waitingOn != null;
    }

    public boolean hasOpenEscalation() {
        return escalations.stream().anyMatch(Escalation::open);
    }

    Draft draft() {
        return new Draft(this);
    }

    /** The mutable copy {@link ComplaintDecider#evolve} changes and freezes again; never leaves the domain. */
    static final class Draft {
        UUID id;
        String caseNumber;
        String branchId;
        String customerRef;
        Channel channel;
        Category category;
        Remedy requestedRemedy;
        Money amountPaid;
        ComplaintStatus status = ComplaintStatus.NONE;
        Instant filedAt;
        Instant acknowledgedAt;
        String acknowledgedBy;
        Severity severity;
        Subject subject;
        Boolean inScope;
        String scope;
        String owner;
        WaitReason waitingOn;
        Instant waitingSince;
        List<Evidence> evidence = new ArrayList<>();
        ThirdPartyAssessment thirdPartyAssessment;
        List<Offer> offers = new ArrayList<>();
        Agreement agreement;
        String decision;
        Instant resolvedAt;
        Instant closedAt;
        int reopenCount;
        List<Escalation> escalations = new ArrayList<>();
        List<EscalationWarning> escalationWarnings = new ArrayList<>();
        Instant resolveClockStartedAt;
        List<Pause> pauses = new ArrayList<>();
        List<Pause> waitHistory = new ArrayList<>();
        List<SlaWarning> slaWarnings = new ArrayList<>();
        Refund refund;
        String hqEscalation;
        SlaPolicy sla;
        clinic.calendar.CalendarSnapshot calendar;

        Draft() {
        }

        Draft(Complaint c) {
            id = c.id;
            caseNumber = c.caseNumber;
            branchId = c.branchId;
            customerRef = c.customerRef;
            channel = c.channel;
            category = c.category;
            requestedRemedy = c.requestedRemedy;
            amountPaid = c.amountPaid;
            status = c.status;
            filedAt = c.filedAt;
            acknowledgedAt = c.acknowledgedAt;
            acknowledgedBy = c.acknowledgedBy;
            severity = c.severity;
            subject = c.subject;
            inScope = c.inScope;
            scope = c.scope;
            owner = c.owner;
            waitingOn = c.waitingOn;
            waitingSince = c.waitingSince;
            evidence = new ArrayList<>(c.evidence);
            thirdPartyAssessment = c.thirdPartyAssessment;
            offers = new ArrayList<>(c.offers);
            agreement = c.agreement;
            decision = c.decision;
            resolvedAt = c.resolvedAt;
            closedAt = c.closedAt;
            reopenCount = c.reopenCount;
            escalations = new ArrayList<>(c.escalations);
            escalationWarnings = new ArrayList<>(c.escalationWarnings);
            resolveClockStartedAt = c.resolveClockStartedAt;
            pauses = new ArrayList<>(c.pauses);
            waitHistory = new ArrayList<>(c.waitHistory);
            slaWarnings = new ArrayList<>(c.slaWarnings);
            refund = c.refund;
            hqEscalation = c.hqEscalation;
            sla = c.sla;
            calendar = c.calendar;
        }

        Complaint build() {
            return new Complaint(id, caseNumber, branchId, customerRef, channel, category, requestedRemedy, amountPaid,
                    status, filedAt, acknowledgedAt, acknowledgedBy, severity, subject, inScope, scope, owner,
                    waitingOn, waitingSince, List.copyOf(evidence), thirdPartyAssessment, List.copyOf(offers),
                    agreement, decision, resolvedAt, closedAt, reopenCount, List.copyOf(escalations),
                    List.copyOf(escalationWarnings), resolveClockStartedAt, List.copyOf(pauses), List.copyOf(waitHistory), List.copyOf(slaWarnings), refund, hqEscalation, sla, calendar);
        }
    }
}
