package clinic.complaint.domain;

import clinic.complaint.domain.sla.SlaClockStop;
import clinic.complaint.domain.sla.SlaClocks;
import clinic.eventstore.domain.Money;

import clinic.complaint.domain.Complaint.Agreement;
import clinic.complaint.domain.Complaint.Escalation;
import clinic.complaint.domain.Complaint.Evidence;
import clinic.complaint.domain.Complaint.Offer;
import clinic.complaint.domain.Complaint.Refund;
import clinic.complaint.domain.Complaint.ThirdPartyAssessment;
import clinic.complaint.domain.ComplaintCommand.AcknowledgeComplaint;
import clinic.complaint.domain.ComplaintCommand.CheckSla;
import clinic.complaint.domain.ComplaintCommand.RecordRefundAgreed;
import clinic.complaint.domain.ComplaintCommand.RecordRefundOverdue;
import clinic.complaint.domain.ComplaintCommand.RecordRefundSettled;
import clinic.complaint.domain.ComplaintCommand.ReopenOnDissatisfaction;
import clinic.complaint.domain.ComplaintCommand.CloseAfterFollowUp;
import clinic.complaint.domain.ComplaintCommand.AddEvidence;
import clinic.complaint.domain.ComplaintCommand.Agree;
import clinic.complaint.domain.ComplaintCommand.AssessComplaint;
import clinic.complaint.domain.ComplaintCommand.Close;
import clinic.complaint.domain.ComplaintCommand.CloseOutOfScope;
import clinic.complaint.domain.ComplaintCommand.CounterOffer;
import clinic.complaint.domain.ComplaintCommand.EndWait;
import clinic.complaint.domain.ComplaintCommand.Escalate;
import clinic.complaint.domain.ComplaintCommand.FileComplaint;
import clinic.complaint.domain.ComplaintCommand.ProposeRemedy;
import clinic.complaint.domain.ComplaintCommand.RecordAssessment;
import clinic.complaint.domain.ComplaintCommand.RecordEscalationOutcome;
import clinic.complaint.domain.ComplaintCommand.Reopen;
import clinic.complaint.domain.ComplaintCommand.RequestAssessment;
import clinic.complaint.domain.ComplaintCommand.Resolve;
import clinic.complaint.domain.ComplaintCommand.StartInvestigation;
import clinic.complaint.domain.ComplaintCommand.StartWait;
import clinic.complaint.domain.ComplaintCommand.Withdraw;
import clinic.complaint.domain.ComplaintEvent.AgreementReached;
import clinic.complaint.domain.ComplaintEvent.ComplaintAcknowledged;
import clinic.complaint.domain.ComplaintEvent.ComplaintAssessed;
import clinic.complaint.domain.ComplaintEvent.ComplaintClosed;
import clinic.complaint.domain.ComplaintEvent.ComplaintClosedOutOfScope;
import clinic.complaint.domain.ComplaintEvent.ComplaintFiled;
import clinic.complaint.domain.ComplaintEvent.ComplaintReopened;
import clinic.complaint.domain.ComplaintEvent.ComplaintResolved;
import clinic.complaint.domain.ComplaintEvent.ComplaintWithdrawn;
import clinic.complaint.domain.ComplaintEvent.CounterOfferMade;
import clinic.complaint.domain.ComplaintEvent.EscalatedExternally;
import clinic.complaint.domain.ComplaintEvent.EscalationDeadlineAtRisk;
import clinic.complaint.domain.ComplaintEvent.EscalationDeadlineMissed;
import clinic.complaint.domain.ComplaintEvent.EscalationOutcomeRecorded;
import clinic.complaint.domain.ComplaintEvent.EvidenceAdded;
import clinic.complaint.domain.ComplaintEvent.InvestigationStarted;
import clinic.complaint.domain.ComplaintEvent.EscalatedToHq;
import clinic.complaint.domain.ComplaintEvent.RefundAgreementRecorded;
import clinic.complaint.domain.ComplaintEvent.RefundCaseOpened;
import clinic.complaint.domain.ComplaintEvent.RefundPaymentNoted;
import clinic.complaint.domain.ComplaintCommand.RecordRefundAgreementNotApplied;
import clinic.complaint.domain.ComplaintCommand.RecordRefundOpened;
import clinic.complaint.domain.ComplaintCommand.RecordRefundPayment;
import clinic.complaint.domain.ComplaintEvent.RefundOverdueRecorded;
import clinic.complaint.domain.ComplaintEvent.RefundSettlementRecorded;
import clinic.complaint.domain.ComplaintEvent.RemedyProposed;
import clinic.complaint.domain.ComplaintEvent.SlaAtRisk;
import clinic.complaint.domain.ComplaintEvent.SlaBreached;
import clinic.complaint.domain.ComplaintEvent.ThirdPartyAssessmentRecorded;
import clinic.complaint.domain.ComplaintEvent.ThirdPartyAssessmentRequested;
import clinic.complaint.domain.ComplaintEvent.WaitEnded;
import clinic.complaint.domain.ComplaintEvent.WaitStarted;

import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;
import clinic.complaint.domain.sla.SlaScheduling;
import clinic.complaint.domain.sla.SlaWarningLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static clinic.complaint.domain.ComplaintStatus.AGREED;
import static clinic.complaint.domain.ComplaintStatus.ASSESSED;
import static clinic.complaint.domain.ComplaintStatus.CLOSED;
import static clinic.complaint.domain.ComplaintStatus.INVESTIGATING;
import static clinic.complaint.domain.ComplaintStatus.NEGOTIATING;
import static clinic.complaint.domain.ComplaintStatus.RECEIVED;
import static clinic.complaint.domain.ComplaintStatus.REMEDY_PROPOSED;
import static clinic.complaint.domain.ComplaintStatus.RESOLVED;
import static clinic.complaint.domain.ComplaintStatus.WITHDRAWN;

/**
 * The rules of a complaint case, as two pure functions: {@link #decide} (may this step be taken now, and what happens
 * if so) and {@link #evolve} (what the case is after an event). {@link #allowedSteps} is what the API offers next.
 */
public final class ComplaintDecider {

    private ComplaintDecider() {
    }

    public static List<ComplaintEvent> decide(ComplaintCommand command, Complaint state) {
        if (!(command instanceof ComplaintCommand.Automatic) && !allowedSteps(state).contains(command.step())) {
            throw new StepNotAllowed(command.step(), "complaint", state.status(), allowedSteps(state));
        }
        UUID id = state.id();
        return switch (command) {
            case FileComplaint c -> List.of(new ComplaintFiled(c.complaintId(), c.caseNumber(), c.branchId(),
                    c.customerRef(), c.channel(), c.category(), c.requestedRemedy(), c.amountPaid(), c.at(), c.sla(),
                    c.calendar()));
            case AcknowledgeComplaint c -> {
                var acknowledged = new ComplaintAcknowledged(id, c.acknowledgedBy(), c.at());
                yield List.of(c.sla() == null ? acknowledged : new ComplaintAcknowledged(id, c.acknowledgedBy(), c.at(),
                        SlaClockStop.of(SlaClocks.acknowledge(evolve(state, acknowledged), c.sla().policy(),
                                c.sla().calendar(), c.at()))));
            }
            case AssessComplaint c -> assess(id, c);
            case CloseOutOfScope c -> List.of(new ComplaintClosedOutOfScope(id, c.explanation(), c.closedBy(), c.at()));
            case StartInvestigation c -> List.of(new InvestigationStarted(id, c.investigator(), c.at()));
            case StartWait c -> List.of(new WaitStarted(id, c.reason(), c.note(), c.by(), c.at()));
            case EndWait c -> List.of(new WaitEnded(id, state.waitingOn(), c.by(), c.at()));
            case AddEvidence c -> addEvidence(state, c);
            case RequestAssessment c -> {
                List<ComplaintEvent> events = new ArrayList<>();
                events.add(new ThirdPartyAssessmentRequested(id, c.assessor(), c.requestedBy(), c.at()));
                if (!state.waiting()) {
                    events.add(new WaitStarted(id, WaitReason.ASSESSOR, "third-party assessment by " + c.assessor(),
                            c.requestedBy(), c.at()));
                }
                yield events;
            }
            case RecordAssessment c -> {
                List<ComplaintEvent> events = new ArrayList<>();
                events.add(new ThirdPartyAssessmentRecorded(id, state.thirdPartyAssessment().assessor(), c.result(),
                        c.summary(), c.recordedBy(), c.at()));
                if (state.waitingOn() == WaitReason.ASSESSOR) {
                    events.add(new WaitEnded(id, WaitReason.ASSESSOR, c.recordedBy(), c.at()));
                }
                yield events;
            }
            case ProposeRemedy c -> {
                checkRemedy(state, c.step(), c.remedy(), c.amount());
                yield List.of(new RemedyProposed(id, c.remedy(), c.amount(), c.note(), c.proposedBy(), c.at()));
            }
            case CounterOffer c -> {
                checkAmount(state, c.step(), c.remedy(), c.amount());
                yield List.of(new CounterOfferMade(id, c.party(), c.remedy(), c.amount(), c.reason(), c.by(), c.at()));
            }
            case Agree c -> {
                checkRemedy(state, c.step(), c.remedy(), c.amount());
                boolean money = c.remedy().isRefund() || c.remedy() == Remedy.COMPENSATION;
                if (money && state.refund() != null && state.refund().agreedAmount() != null) {
                    throw new RuleBroken(c.step(), "remedy", "the refund case agreed "
                            + state.refund().agreedAmount().toDecimalString() + " " + state.refund().agreedAmount().currency()
                            + " already: its agreement is the case's");
                }
                // a money remedy without a due date is dated by refund-service's policy (goods or services)
                if ((c.dueDate() == null && !money) || (c.dueDate() != null && c.dueDate().isBefore(c.today()))) {
                    throw new RuleBroken(c.step(), "dueDate", "the payment due date must be today or later");
                }
                yield List.of(new AgreementReached(id, c.remedy(), c.amount(), c.paymentMethod(), c.dueDate(),
                        c.recordedBy(), c.at(), null));
            }
            case Resolve c -> {
                var resolved = new ComplaintResolved(id, c.decision(), c.communicatedBy(), c.at());
                yield List.of(c.sla() == null ? resolved : new ComplaintResolved(id, c.decision(), c.communicatedBy(),
                        c.at(), SlaClockStop.of(SlaClocks.resolve(evolve(state, resolved), c.sla().policy(),
                                c.sla().calendar(), c.at()))));
            }
            case Close c -> List.of(new ComplaintClosed(id, c.closedBy(), c.at(), null));
            case Reopen c -> List.of(new ComplaintReopened(id, c.reason(), c.by(), state.reopenCount() + 1, c.at()));
            case Withdraw c -> List.of(new ComplaintWithdrawn(id, c.reason(), c.by(), c.at()));
            case Escalate c -> {
                if (state.escalations().stream().anyMatch(e -> e.id().equals(c.escalationId()))) {
                    throw new RuleBroken(c.step(), "escalationId", "escalation " + c.escalationId() + " exists already");
                }
                // a typed deadline wins over the body's norm; which one applies is kept with the escalation
                java.time.LocalDate day = java.time.LocalDate.ofInstant(c.at(), java.time.ZoneOffset.UTC);
                if (c.deadline() != null && (c.deadline().isBefore(day.minusDays(1))
                        || c.deadline().isAfter(day.plusYears(2)))) {
                    throw new RuleBroken(c.step(), "deadline", "a deadline is today or later, at most two years ahead");
                }
                yield List.of(new EscalatedExternally(id, c.escalationId(), c.body(), c.referenceNumber(), c.deadline(),
                        c.by(), c.at(), EscalationNorms.sourceFor(c.body(), c.deadline())));
            }
            case CheckSla c -> SlaScheduling.warningsDue(state, c.policy(), c.calendar(), c.at());
            case RecordRefundOpened c -> state.refund() != null ? List.of()
                    : List.of(new RefundCaseOpened(id, c.refundId(), c.at()));
            case RecordRefundAgreed c -> {
                List<ComplaintEvent> events = new ArrayList<>();
                events.add(new RefundAgreementRecorded(id, c.refundId(), c.amount(), c.dueDate(), c.at()));
                boolean negotiating = state.status() == INVESTIGATING || state.status() == REMEDY_PROPOSED
                        || state.status() == NEGOTIATING;
                if (state.agreement() == null && negotiating && c.remedy() != null) {
                    // the refund case owns the money agreement: the case's negotiation ends with it, and so does a wait
                    if (state.waiting()) {
                        events.add(new WaitEnded(id, state.waitingOn(), "refund-service", c.at()));
                    }
                    events.add(new AgreementReached(id, c.remedy(), c.amount(), c.paymentMethod(), c.dueDate(),
                            "refund-service", c.at(), c.refundId()));
                }
                yield events;
            }
            case RecordRefundPayment c -> {
                Money before = Refund.paidOf(state.refund());
                Money soFar = before == null || !before.currency().equals(c.amount().currency()) ? c.amount()
                        : new Money(Math.addExact(before.minorUnits(), c.amount().minorUnits()), c.amount().currency());
                yield List.of(new RefundPaymentNoted(id, c.refundId(), c.amount(), soFar, c.at()));
            }
            case RecordRefundAgreementNotApplied c -> List.of(new EscalatedToHq(id, "refund " + c.refundId()
                    + " did not take the agreement reached on the case: " + c.reason(), c.at()));
            case RecordRefundSettled c -> List.of(new RefundSettlementRecorded(id, c.refundId(), c.amount(), c.at()));
            case RecordRefundOverdue c -> {
                if (state.refund() != null && state.refund().refundId().equals(c.refundId()) && state.refund().overdue()) {
                    yield List.of(); // told twice
                }
                yield List.of(new RefundOverdueRecorded(id, c.refundId(), c.dueDate(), c.at()),
                        new EscalatedToHq(id, "refund " + c.refundId() + " promised for " + c.dueDate() + " is not paid",
                                c.at()));
            }
            case ReopenOnDissatisfaction c -> {
                if (state.status() != RESOLVED && state.status() != CLOSED) {
                    yield List.of(); // still being handled: nothing to reopen
                }
                yield List.of(new ComplaintReopened(id, c.reason(), c.by(), state.reopenCount() + 1, c.at()));
            }
            case CloseAfterFollowUp c -> {
                if (state.status() != RESOLVED || state.reopenCount() != c.cycle()) {
                    yield List.of(); // reopened, closed by staff, withdrawn, or a window of an earlier cycle: nothing
                }
                if (owesMoney(state) || state.hasOpenEscalation()) {
                    yield List.of(); // a refund agreed and not settled, an outside body still on it: staff close it
                }
                yield List.of(new ComplaintClosed(id, c.by(), c.at(), c.reason()));
            }
            case RecordEscalationOutcome c -> {
                boolean open = state.escalations().stream().anyMatch(e -> e.id().equals(c.escalationId()) && e.open());
                if (!open) {
                    throw new RuleBroken(c.step(), "escalationId", "no open escalation " + c.escalationId());
                }
                yield List.of(new EscalationOutcomeRecorded(id, c.escalationId(), c.outcome(), c.by(), c.at()));
            }
        };
    }

    /** The case after {@code event}: the parts it is about change, the others stay as they are. */
    public static Complaint evolve(Complaint state, ComplaintEvent event) {
        Lifecycle lifecycle = state.lifecycle();
        SlaTrack sla = state.slaTrack();
        return switch (event) {
            case ComplaintFiled e -> state
                    .withIntake(new Intake(e.complaintId(), e.caseNumber(), e.branchId(), e.customerRef(), e.channel(),
                            e.category(), e.requestedRemedy(), e.amountPaid(), e.filedAt(), e.sla(), e.calendar()))
                    .withSlaTrack(sla.resolveClockStarted(e.filedAt()))
                    .withLifecycle(lifecycle.movedTo(RECEIVED));
            case ComplaintAcknowledged e ->
                    state.withLifecycle(lifecycle.acknowledged(e.acknowledgedBy(), e.acknowledgedAt()));
            case ComplaintAssessed e -> state
                    .withIntake(state.intake().reclassified(e.category()))
                    .withAssessment(new Assessment(e.severity(), e.subject(), e.inScope(), e.scope(), e.owner()))
                    .withLifecycle(lifecycle.movedTo(ASSESSED));
            case ComplaintClosedOutOfScope e ->
                    state.withLifecycle(lifecycle.closedOutOfScope(e.explanation(), e.closedAt()));
            case InvestigationStarted e -> state.withLifecycle(lifecycle.movedTo(INVESTIGATING));
            case WaitStarted e -> state.withSlaTrack(sla.waitStarted(e.reason(), e.startedAt()));
            case WaitEnded e -> state.withSlaTrack(sla.waitEnded(e.endedAt()));
            case EvidenceAdded e -> state.withInvestigation(state.investigation().withEvidence(new Evidence(
                    e.evidenceId(), e.type(), e.suppliedBy(), e.sha256(), e.sizeBytes(), e.addedAt())));
            case ThirdPartyAssessmentRequested e -> state.withInvestigation(state.investigation()
                    .withThirdPartyAssessment(
                            new ThirdPartyAssessment(e.assessor(), e.requestedAt(), null, null, null)));
            case ThirdPartyAssessmentRecorded e -> {
                ThirdPartyAssessment requested = state.thirdPartyAssessment();
                yield state.withInvestigation(state.investigation().withThirdPartyAssessment(new ThirdPartyAssessment(
                        e.assessor(), requested == null ? e.recordedAt() : requested.requestedAt(), e.result(),
                        e.summary(), e.recordedAt())));
            }
            case RemedyProposed e -> state
                    .withNegotiation(state.negotiation().withOffer(new Offer(Party.CLINIC, e.remedy(), e.amount(),
                            e.note(), e.proposedBy(), e.proposedAt())))
                    .withLifecycle(lifecycle.movedTo(REMEDY_PROPOSED));
            case CounterOfferMade e -> state
                    .withNegotiation(state.negotiation().withOffer(new Offer(e.party(), e.remedy(), e.amount(),
                            e.reason(), e.by(), e.madeAt())))
                    .withLifecycle(lifecycle.movedTo(NEGOTIATING));
            case AgreementReached e -> state
                    .withNegotiation(state.negotiation().withAgreement(new Agreement(e.remedy(), e.amount(),
                            e.paymentMethod(), e.dueDate(), e.agreedAt())))
                    .withLifecycle(lifecycle.movedTo(AGREED));
            case ComplaintResolved e -> state
                    .withSlaTrack(sla.waitEnded(e.resolvedAt()))
                    .withLifecycle(lifecycle.resolved(e.decision(), e.resolvedAt()));
            case ComplaintClosed e -> state.withLifecycle(lifecycle.ended(CLOSED, e.closedAt()));
            case ComplaintReopened e -> state
                    .withSlaTrack(sla.resolveClockRestarted(e.reopenedAt()))
                    .withLifecycle(lifecycle.reopened(e.reopenCount()));
            case ComplaintWithdrawn e -> state
                    .withSlaTrack(sla.waitEnded(e.withdrawnAt()))
                    .withLifecycle(lifecycle.ended(WITHDRAWN, e.withdrawnAt()));
            case EscalatedExternally e -> state.withEscalated(state.escalated().withExternal(new Escalation(
                    e.escalationId(), e.body(), e.referenceNumber(), e.deadline(), e.escalatedAt(), null, null,
                    // recorded before norms were applied: only a typed deadline counts (no burst of late warnings)
                    e.deadlineSource() != null ? e.deadlineSource()
                            : e.deadline() != null ? EscalationNorms.sourceFor(e.body(), e.deadline()) : null)));
            case EscalationDeadlineAtRisk e -> state.withEscalated(state.escalated().withWarning(
                    new Complaint.EscalationWarning(e.escalationId(), e.kind(), EscalationNorms.WarningLevel.AT_RISK,
                            e.dueDate(), e.raisedAt())));
            case EscalationDeadlineMissed e -> state.withEscalated(state.escalated().withWarning(
                    new Complaint.EscalationWarning(e.escalationId(), e.kind(), EscalationNorms.WarningLevel.MISSED,
                            e.dueDate(), e.raisedAt())));
            case SlaAtRisk e -> state.withSlaTrack(sla.withWarning(new Complaint.SlaWarning(e.clock(),
                    SlaWarningLevel.AT_RISK, e.cycle(), e.dueAt(), e.raisedAt())));
            case SlaBreached e -> state.withSlaTrack(sla.withWarning(new Complaint.SlaWarning(e.clock(),
                    SlaWarningLevel.BREACHED, e.cycle(), e.dueAt(), e.raisedAt())));
            case RefundCaseOpened e -> state.withRefund(Refund.opened(e.refundId()));
            case RefundAgreementRecorded e -> state
                    .withRefund(Refund.agreed(state.refund(), e.refundId(), e.amount(), e.dueDate()))
                    .withNegotiation(state.negotiation().datedByRefund(e.amount(), e.dueDate()));
            case RefundPaymentNoted e -> state.withRefund(Refund.paid(state.refund(), e.refundId(), e.paidSoFar()));
            case RefundSettlementRecorded e ->
                    state.withRefund(Refund.settled(state.refund(), e.refundId(), e.amount()));
            case RefundOverdueRecorded e ->
                    state.withRefund(Refund.overdue(state.refund(), e.refundId(), e.dueDate()));
            case EscalatedToHq e -> state.withEscalated(state.escalated().toHq(e.reason()));
            case EscalationOutcomeRecorded e -> state.withEscalated(
                    state.escalated().withOutcome(e.escalationId(), e.outcome(), e.recordedAt()));
        };
    }

    /** The steps the case accepts now, in the order a user would usually take them. */
    public static List<String> allowedSteps(Complaint c) {
        List<ComplaintStep> steps = new ArrayList<>();
        switch (c.status()) {
            case NONE -> steps.add(ComplaintStep.FILE);
            case RECEIVED -> steps.add(ComplaintStep.ACKNOWLEDGE);
            case ACKNOWLEDGED -> steps.add(ComplaintStep.ASSESS);
            case ASSESSED -> steps.add(Boolean.TRUE.equals(c.inScope()) ? ComplaintStep.START_INVESTIGATION
                    : ComplaintStep.CLOSE_OUT_OF_SCOPE);
            case INVESTIGATING -> {
                steps.add(c.waiting() ? ComplaintStep.RESUME : ComplaintStep.WAIT);
                if (c.thirdPartyAssessment() != null && c.thirdPartyAssessment().pending()) {
                    steps.add(ComplaintStep.RECORD_ASSESSMENT);
                } else {
                    steps.add(ComplaintStep.REQUEST_ASSESSMENT);
                }
                steps.addAll(List.of(ComplaintStep.PROPOSE_REMEDY, ComplaintStep.RESOLVE));
            }
            case REMEDY_PROPOSED, NEGOTIATING -> steps.addAll(List.of(ComplaintStep.COUNTER_OFFER, ComplaintStep.AGREE,
                    ComplaintStep.PROPOSE_REMEDY));
            case AGREED -> steps.add(ComplaintStep.RESOLVE);
            case RESOLVED -> steps.addAll(List.of(ComplaintStep.CLOSE, ComplaintStep.REOPEN));
            case CLOSED -> steps.add(ComplaintStep.REOPEN);
            case CLOSED_OUT_OF_SCOPE, WITHDRAWN -> {
                // final: only the external escalations below
            }
        }
        if (c.status().isOpen() && c.status() != AGREED && c.status() != RESOLVED) {
            steps.add(ComplaintStep.ADD_EVIDENCE);
        }
        if (c.exists() && c.status() != WITHDRAWN) {
            steps.add(ComplaintStep.ESCALATE);
        }
        if (c.hasOpenEscalation()) {
            steps.add(ComplaintStep.RECORD_ESCALATION_OUTCOME);
        }
        if (c.status().isOpen()) {
            steps.add(ComplaintStep.WITHDRAW);
        }
        return clinic.eventstore.domain.ApiStep.names(steps);
    }

    /** A refund agreed and not settled yet (paid in part, overdue, or not at all). */
    private static boolean owesMoney(Complaint state) {
        return state.refund() != null && state.refund().agreedAmount() != null
                && state.refund().progress() != Complaint.RefundProgress.SETTLED;
    }

    /** An adverse reaction is at least HIGH; the warranty window the case falls in decides its scope. */
    private static List<ComplaintEvent> assess(UUID id, AssessComplaint c) {
        if ((c.category() == Category.ADVERSE_REACTION) && c.severity().compareTo(Severity.HIGH) < 0) {
            throw new RuleBroken(c.step(), "severity", "an adverse reaction is at least HIGH severity");
        }
        if (c.serviceDate().isAfter(c.today())) {
            throw new RuleBroken(c.step(), "serviceDate", "the service or sale cannot be in the future");
        }
        WarrantyScope scope = WarrantyScope.of(c.subject(), c.serviceDate(), c.today(), c.warranty());
        return List.of(new ComplaintAssessed(id, c.category(), c.severity(), c.subject(), c.serviceDate(),
                scope.inScope(), scope.scope(), c.owner(), c.assessedBy(), c.at()));
    }

    private static List<ComplaintEvent> addEvidence(Complaint state, AddEvidence c) {
        if (c.sha256() == null || !c.sha256().matches("[0-9a-f]{64}")) {
            throw new RuleBroken(c.step(), "sha256", "must be the SHA-256 of the content, 64 lowercase hex digits");
        }
        if (state.evidence().stream().anyMatch(e -> e.id().equals(c.evidenceId()))) {
            throw new RuleBroken(c.step(), "evidenceId", "evidence " + c.evidenceId() + " exists already");
        }
        return List.of(new EvidenceAdded(state.id(), c.evidenceId(), c.type(), c.suppliedBy(), c.sha256(),
                c.sizeBytes(), c.storedBy(), c.at()));
    }

    /**
     * A third-party assessment drives what may be offered: a clinic found not at fault does not offer a full refund
     * or compensation; one found at fault offers more than an apology.
     */
    private static void checkRemedy(Complaint state, String step, Remedy remedy, Money amount) {
        ThirdPartyAssessment a = state.thirdPartyAssessment();
        if (a != null && a.result() == AssessmentResult.NOT_AT_FAULT
                && (remedy == Remedy.FULL_REFUND || remedy == Remedy.COMPENSATION)) {
            throw new RuleBroken(step, "remedy", "the third-party assessment found the clinic not at fault: no "
                    + remedy + "; offer correction, a partial refund or an apology");
        }
        if (a != null && a.result() == AssessmentResult.AT_FAULT && remedy == Remedy.APOLOGY) {
            throw new RuleBroken(step, "remedy",
                    "the third-party assessment found the clinic at fault: an apology alone is not a remedy");
        }
        checkAmount(state, step, remedy, amount);
    }

    /** Money remedies carry an amount; a refund never exceeds what was paid, in the currency it was paid in. */
    private static void checkAmount(Complaint state, String step, Remedy remedy, Money amount) {
        boolean money = remedy.isRefund() || remedy == Remedy.COMPENSATION;
        if (money && amount == null) {
            throw new RuleBroken(step, "amount", remedy + " needs an amount");
        }
        if (!money && amount != null && amount.minorUnits() != 0) {
            throw new RuleBroken(step, "amount", remedy + " carries no amount");
        }
        if (remedy.isRefund()) {
            Money paid = state.amountPaid();
            if (!paid.currency().equals(amount.currency())) {
                throw new RuleBroken(step, "amount.currency", "the refund is in " + paid.currency()
                        + ", the currency the customer paid in");
            }
            if (amount.minorUnits() > paid.minorUnits()) {
                throw new RuleBroken(step, "amount", "a refund of " + amount.toDecimalString() + " exceeds the "
                        + paid.toDecimalString() + " " + paid.currency() + " paid");
            }
            if (remedy == Remedy.FULL_REFUND && amount.minorUnits() != paid.minorUnits()) {
                throw new RuleBroken(step, "amount", "a full refund is the " + paid.toDecimalString() + " "
                        + paid.currency() + " paid");
            }
        }
    }
}
