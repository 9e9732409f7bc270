package clinic.complaint.domain;

import clinic.eventstore.domain.Money;

import clinic.calendar.CalendarSnapshot;
import clinic.complaint.domain.sla.SlaClockName;
import clinic.complaint.domain.sla.SlaPolicy;
import clinic.complaint.domain.sla.SlaWarningLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A case as its events made it, in cohesive parts: what was filed ({@link Intake}), where it stands
 * ({@link Lifecycle}), its {@link Assessment}, {@link Investigation} and {@link Negotiation}, what its SLA clocks
 * are read from ({@link SlaTrack}), the refund refund-service handles for it ({@link Refund}, null: none) and who
 * else is on it ({@link Escalations}). {@link ComplaintDecider#evolve} changes the parts an event is about and
 * leaves the others as they are; the accessors after the parts are shortcuts for those who read single fields (the
 * API, the list, the scheduler).
 */
public record Complaint(Intake intake, Lifecycle lifecycle, Assessment assessment, Investigation investigation,
                        Negotiation negotiation, SlaTrack slaTrack, Refund refund, Escalations escalated) {

    public static final Complaint NONE = new Complaint(Intake.NONE, Lifecycle.NONE, Assessment.NONE,
            Investigation.NONE, Negotiation.NONE, SlaTrack.NONE, null, Escalations.NONE);

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

        /** refund-service opened the refund case. */
        static Refund opened(UUID refundId) {
            return new Refund(refundId, null, null, null, false, null);
        }

        /** The refund was agreed: amount and due date; what was paid before stays. */
        static Refund agreed(Refund before, UUID refundId, Money amount, LocalDate dueDate) {
            return new Refund(refundId, amount, dueDate, null, false, paidOf(before));
        }

        /** A payment was made: {@code paidSoFar} over all channels. */
        static Refund paid(Refund before, UUID refundId, Money paidSoFar) {
            return new Refund(refundId, agreedOf(before), dueOf(before), null, before != null && before.overdue,
                    paidSoFar);
        }

        /** The refund is settled: {@code amount} paid in all. */
        static Refund settled(Refund before, UUID refundId, Money amount) {
            return new Refund(refundId, agreedOf(before), dueOf(before), amount, false, amount);
        }

        /** The refund promised for {@code dueDate} is not paid. */
        static Refund overdue(Refund before, UUID refundId, LocalDate dueDate) {
            return new Refund(refundId, agreedOf(before), dueDate, null, true, paidOf(before));
        }

        /** What was paid so far of {@code refund} (null: no refund case, or nothing reported paid). */
        static Money paidOf(Refund refund) {
            return refund == null ? null : refund.paidAmount;
        }

        private static Money agreedOf(Refund refund) {
            return refund == null ? null : refund.agreedAmount;
        }

        private static LocalDate dueOf(Refund refund) {
            return refund == null ? null : refund.dueDate;
        }

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

    public boolean exists() {
        return status() != ComplaintStatus.NONE;
    }

    public boolean waiting() {
        return waitingOn() != null;
    }

    public boolean hasOpenEscalation() {
        return escalated.anyOpen();
    }

    /** Whether the warning was raised on the clock in its current cycle (reopening starts a new resolve cycle). */
    public boolean slaWarningRaised(SlaClockName clock, SlaWarningLevel level) {
        return slaTrack.warningRaised(clock, level, clock == SlaClockName.RESOLVE ? reopenCount() : 0);
    }

    public boolean escalationWarningRaised(UUID escalationId, EscalationNorms.DeadlineKind kind,
                                           EscalationNorms.WarningLevel level) {
        return escalated.warningRaised(escalationId, kind, level);
    }

    // the parts, one changed at a time (only the domain changes a case: by its events)

    Complaint withIntake(Intake changed) {
        return new Complaint(changed, lifecycle, assessment, investigation, negotiation, slaTrack, refund, escalated);
    }

    Complaint withLifecycle(Lifecycle changed) {
        return new Complaint(intake, changed, assessment, investigation, negotiation, slaTrack, refund, escalated);
    }

    Complaint withAssessment(Assessment changed) {
        return new Complaint(intake, lifecycle, changed, investigation, negotiation, slaTrack, refund, escalated);
    }

    Complaint withInvestigation(Investigation changed) {
        return new Complaint(intake, lifecycle, assessment, changed, negotiation, slaTrack, refund, escalated);
    }

    Complaint withNegotiation(Negotiation changed) {
        return new Complaint(intake, lifecycle, assessment, investigation, changed, slaTrack, refund, escalated);
    }

    Complaint withSlaTrack(SlaTrack changed) {
        return new Complaint(intake, lifecycle, assessment, investigation, negotiation, changed, refund, escalated);
    }

    Complaint withRefund(Refund changed) {
        return new Complaint(intake, lifecycle, assessment, investigation, negotiation, slaTrack, changed, escalated);
    }

    Complaint withEscalated(Escalations changed) {
        return new Complaint(intake, lifecycle, assessment, investigation, negotiation, slaTrack, refund, changed);
    }

    /** {@code list} with {@code item} at its end, unmodifiable: how the parts add to their lists. */
    static <T> List<T> appended(List<T> list, T item) {
        List<T> longer = new ArrayList<>(list);
        longer.add(item);
        return List.copyOf(longer);
    }

    // shortcuts to single fields of the parts

    public UUID id() {
        return intake.id();
    }

    public String caseNumber() {
        return intake.caseNumber();
    }

    public String branchId() {
        return intake.branchId();
    }

    public String customerRef() {
        return intake.customerRef();
    }

    public Channel channel() {
        return intake.channel();
    }

    public Category category() {
        return intake.category();
    }

    public Remedy requestedRemedy() {
        return intake.requestedRemedy();
    }

    public Money amountPaid() {
        return intake.amountPaid();
    }

    public Instant filedAt() {
        return intake.filedAt();
    }

    /** The SLA targets the case was filed under (null: filed before they were kept). */
    public SlaPolicy sla() {
        return intake.sla();
    }

    /** The calendar the case was filed under (null: filed before calendars were kept). */
    public CalendarSnapshot calendar() {
        return intake.calendar();
    }

    public ComplaintStatus status() {
        return lifecycle.status();
    }

    public Instant acknowledgedAt() {
        return lifecycle.acknowledgedAt();
    }

    public String acknowledgedBy() {
        return lifecycle.acknowledgedBy();
    }

    public String decision() {
        return lifecycle.decision();
    }

    public Instant resolvedAt() {
        return lifecycle.resolvedAt();
    }

    public Instant closedAt() {
        return lifecycle.closedAt();
    }

    public int reopenCount() {
        return lifecycle.reopenCount();
    }

    public Severity severity() {
        return assessment.severity();
    }

    public Subject subject() {
        return assessment.subject();
    }

    public Boolean inScope() {
        return assessment.inScope();
    }

    public String scope() {
        return assessment.scope();
    }

    public String owner() {
        return assessment.owner();
    }

    public List<Evidence> evidence() {
        return investigation.evidence();
    }

    public ThirdPartyAssessment thirdPartyAssessment() {
        return investigation.thirdPartyAssessment();
    }

    public List<Offer> offers() {
        return negotiation.offers();
    }

    public Agreement agreement() {
        return negotiation.agreement();
    }

    public WaitReason waitingOn() {
        return slaTrack.waitingOn();
    }

    public Instant waitingSince() {
        return slaTrack.waitingSince();
    }

    public List<Escalation> escalations() {
        return escalated.external();
    }

    public String hqEscalation() {
        return escalated.hq();
    }
}
