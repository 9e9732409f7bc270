package clinic.complaint.application;

import clinic.complaint.domain.ComplaintEvent;
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
import clinic.complaint.domain.ComplaintEvent.EscalationOutcomeRecorded;
import clinic.complaint.domain.ComplaintEvent.EvidenceAdded;
import clinic.complaint.domain.ComplaintEvent.InvestigationStarted;
import clinic.complaint.domain.ComplaintEvent.RemedyProposed;
import clinic.complaint.domain.ComplaintEvent.ThirdPartyAssessmentRecorded;
import clinic.complaint.domain.ComplaintEvent.ThirdPartyAssessmentRequested;
import clinic.complaint.domain.ComplaintEvent.WaitEnded;
import clinic.complaint.domain.ComplaintEvent.WaitStarted;
import clinic.eventstore.EventTypeRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The stable names the complaint events are stored and published under. Consumers depend on these strings. */
public final class ComplaintEventTypes {

    public static final String FILED = "complaint.filed.v1";
    /**
     * Not a case's event: a customer's personal data was erased here ({customerRef, erasedAt}), on the stream
     * {@code customer-erasure:<ref>}, so that the other services erase what they keep of that customer too.
     */
    public static final String CUSTOMER_ERASED = "customer.personal-data-erased.v1";
    public static final String ACKNOWLEDGED = "complaint.acknowledged.v1";
    public static final String ASSESSED = "complaint.assessed.v1";
    public static final String CLOSED_OUT_OF_SCOPE = "complaint.closed-out-of-scope.v1";
    public static final String INVESTIGATION_STARTED = "complaint.investigation-started.v1";
    public static final String WAIT_STARTED = "complaint.wait-started.v1";
    public static final String WAIT_ENDED = "complaint.wait-ended.v1";
    public static final String EVIDENCE_ADDED = "complaint.evidence-added.v1";
    public static final String ASSESSMENT_REQUESTED = "complaint.third-party-assessment-requested.v1";
    public static final String ASSESSMENT_RECORDED = "complaint.third-party-assessment-recorded.v1";
    public static final String REMEDY_PROPOSED = "complaint.remedy-proposed.v1";
    public static final String COUNTER_OFFER_MADE = "complaint.counter-offer-made.v1";
    public static final String AGREEMENT_REACHED = "complaint.agreement-reached.v1";
    public static final String RESOLVED = "complaint.resolved.v1";
    public static final String CLOSED = "complaint.closed.v1";
    public static final String REOPENED = "complaint.reopened.v1";
    public static final String WITHDRAWN = "complaint.withdrawn.v1";
    public static final String ESCALATED = "complaint.escalated-externally.v1";
    public static final String ESCALATION_OUTCOME = "complaint.escalation-outcome-recorded.v1";
    public static final String REFUND_OPENED = "complaint.refund-case-opened.v1";
    public static final String REFUND_AGREED = "complaint.refund-agreement-recorded.v1";
    public static final String REFUND_PAYMENT = "complaint.refund-payment-recorded.v1";
    public static final String REFUND_SETTLED = "complaint.refund-settlement-recorded.v1";
    public static final String REFUND_OVERDUE = "complaint.refund-overdue-recorded.v1";
    public static final String ESCALATED_TO_HQ = "complaint.escalated-to-hq.v1";
    public static final String SLA_AT_RISK = "complaint.sla-at-risk.v1";
    public static final String SLA_BREACHED = "complaint.sla-breached.v1";
    public static final String ESCALATION_DEADLINE_AT_RISK = "complaint.escalation-deadline-at-risk.v1";
    public static final String ESCALATION_DEADLINE_MISSED = "complaint.escalation-deadline-missed.v1";

    @Produces
    @ApplicationScoped
    EventTypeRegistry<ComplaintEvent> registry(ObjectMapper mapper) {
        return EventTypeRegistry.<ComplaintEvent>builder()
                .register(FILED, ComplaintFiled.class)
                .register(ACKNOWLEDGED, ComplaintAcknowledged.class)
                .register(ASSESSED, ComplaintAssessed.class)
                .register(CLOSED_OUT_OF_SCOPE, ComplaintClosedOutOfScope.class)
                .register(INVESTIGATION_STARTED, InvestigationStarted.class)
                .register(WAIT_STARTED, WaitStarted.class)
                .register(WAIT_ENDED, WaitEnded.class)
                .register(EVIDENCE_ADDED, EvidenceAdded.class)
                .register(ASSESSMENT_REQUESTED, ThirdPartyAssessmentRequested.class)
                .register(ASSESSMENT_RECORDED, ThirdPartyAssessmentRecorded.class)
                .register(REMEDY_PROPOSED, RemedyProposed.class)
                .register(COUNTER_OFFER_MADE, CounterOfferMade.class)
                .register(AGREEMENT_REACHED, AgreementReached.class)
                .register(RESOLVED, ComplaintResolved.class)
                .register(CLOSED, ComplaintClosed.class)
                .register(REOPENED, ComplaintReopened.class)
                .register(WITHDRAWN, ComplaintWithdrawn.class)
                .register(ESCALATED, EscalatedExternally.class)
                .register(ESCALATION_OUTCOME, EscalationOutcomeRecorded.class)
                .register(REFUND_OPENED, ComplaintEvent.RefundCaseOpened.class)
                .register(REFUND_AGREED, ComplaintEvent.RefundAgreementRecorded.class)
                .register(REFUND_PAYMENT, ComplaintEvent.RefundPaymentNoted.class)
                .register(REFUND_SETTLED, ComplaintEvent.RefundSettlementRecorded.class)
                .register(REFUND_OVERDUE, ComplaintEvent.RefundOverdueRecorded.class)
                .register(ESCALATED_TO_HQ, ComplaintEvent.EscalatedToHq.class)
                .register(SLA_AT_RISK, ComplaintEvent.SlaAtRisk.class)
                .register(SLA_BREACHED, ComplaintEvent.SlaBreached.class)
                .register(ESCALATION_DEADLINE_AT_RISK, ComplaintEvent.EscalationDeadlineAtRisk.class)
                .register(ESCALATION_DEADLINE_MISSED, ComplaintEvent.EscalationDeadlineMissed.class)
                .build(mapper);
    }
}
