package clinic.hq.application;

import clinic.eventstore.EventTypeRegistry;
import clinic.hq.domain.CaseFact;
import clinic.hq.domain.FollowUpFact;
import clinic.hq.domain.RefundFact;
import clinic.hq.domain.SurveyFact;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The stable names HQ's own store keeps the observed facts under (hq-service publishes nothing: these names never
 * leave its database). One registry per kind of stream, so that each read model is rebuilt from its own streams.
 */
public final class InsightEventTypes {

    @Produces
    @ApplicationScoped
    EventTypeRegistry<CaseFact> cases(ObjectMapper mapper) {
        return EventTypeRegistry.<CaseFact>builder()
                .register("hq.case-filed.v1", CaseFact.Filed.class)
                .register("hq.case-acknowledged.v1", CaseFact.Acknowledged.class)
                .register("hq.case-assessed.v1", CaseFact.Assessed.class)
                .register("hq.case-resolved.v1", CaseFact.Resolved.class)
                .register("hq.case-closed.v1", CaseFact.Closed.class)
                .register("hq.case-closed-out-of-scope.v1", CaseFact.ClosedOutOfScope.class)
                .register("hq.case-reopened.v1", CaseFact.Reopened.class)
                .register("hq.case-withdrawn.v1", CaseFact.Withdrawn.class)
                .register("hq.case-sla-warned.v1", CaseFact.SlaWarned.class)
                .register("hq.case-escalated-externally.v1", CaseFact.EscalatedExternally.class)
                .register("hq.case-escalation-concluded.v1", CaseFact.EscalationConcluded.class)
                .register("hq.case-step.v1", CaseFact.Step.class)
                .build(mapper);
    }

    @Produces
    @ApplicationScoped
    EventTypeRegistry<RefundFact> refunds(ObjectMapper mapper) {
        return EventTypeRegistry.<RefundFact>builder()
                .register("hq.refund-requested.v1", RefundFact.Requested.class)
                .register("hq.refund-agreed.v1", RefundFact.Agreed.class)
                .register("hq.refund-payment-recorded.v1", RefundFact.PaymentRecorded.class)
                .register("hq.refund-settled.v1", RefundFact.Settled.class)
                .register("hq.refund-overdue.v1", RefundFact.Overdue.class)
                .register("hq.refund-ended.v1", RefundFact.Ended.class)
                .register("hq.refund-step.v1", RefundFact.Step.class)
                .build(mapper);
    }

    @Produces
    @ApplicationScoped
    EventTypeRegistry<FollowUpFact> followUps(ObjectMapper mapper) {
        return EventTypeRegistry.<FollowUpFact>builder()
                .register("hq.followup-scheduled.v1", FollowUpFact.Scheduled.class)
                .register("hq.followup-rescheduled.v1", FollowUpFact.Rescheduled.class)
                .register("hq.followup-call-recorded.v1", FollowUpFact.CallRecorded.class)
                .register("hq.followup-unreachable.v1", FollowUpFact.Unreachable.class)
                .register("hq.followup-cancelled.v1", FollowUpFact.Cancelled.class)
                .register("hq.followup-step.v1", FollowUpFact.Step.class)
                .build(mapper);
    }

    @Produces
    @ApplicationScoped
    EventTypeRegistry<SurveyFact> surveys(ObjectMapper mapper) {
        return EventTypeRegistry.<SurveyFact>builder()
                .register("hq.survey-scheduled.v1", SurveyFact.Scheduled.class)
                .register("hq.survey-sent.v1", SurveyFact.Sent.class)
                .register("hq.survey-answered.v1", SurveyFact.Answered.class)
                .register("hq.survey-ended.v1", SurveyFact.Ended.class)
                .register("hq.survey-step.v1", SurveyFact.Step.class)
                .build(mapper);
    }
}
