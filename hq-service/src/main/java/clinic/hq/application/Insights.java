package clinic.hq.application;

import clinic.eventstore.CommandPipeline;
import clinic.eventstore.CommandPipelines;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.Expected;
import clinic.eventstore.inbox.IncomingEvent;
import clinic.eventstore.inbox.MalformedMessage;
import clinic.eventstore.projection.ProjectionRunner;
import clinic.eventstore.projection.RebuildProgress;
import clinic.hq.domain.CaseFact;
import clinic.hq.domain.CaseInsight;
import clinic.hq.domain.FollowUpFact;
import clinic.hq.domain.FollowUpInsight;
import clinic.hq.domain.RefundFact;
import clinic.hq.domain.RefundInsight;
import clinic.hq.domain.SurveyFact;
import clinic.hq.domain.SurveyInsight;
import clinic.hq.projection.CasesModel;
import clinic.hq.projection.FollowUpsModel;
import clinic.hq.projection.RefundsModel;
import clinic.hq.projection.SurveysModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * HQ's own store of what the three services published: each complaint, refund case, follow-up task and survey is a
 * stream here (under the source's id) of the facts HQ keeps of its events, appended in the consumer's inbox
 * transaction; its read model ({@code hq_cases}, {@code hq_refunds}, {@code hq_followups}, {@code hq_surveys}) is
 * written with it and rebuilt from it by the shared {@link ProjectionRunner}, so a fix to a measure's fold is applied
 * to all history without reading the topics again. A fact that does not fold (a value out of range, a payment in a
 * second currency) is refused before anything is stored.
 */
@ApplicationScoped
public class Insights {

    /** The read models' names for rebuilds. */
    public static final String CASES = "hq-cases";
    public static final String REFUNDS = "hq-refunds";
    public static final String FOLLOW_UPS = "hq-followups";
    public static final String SURVEYS = "hq-surveys";

    private final CommandPipeline<CaseFact, CaseFact, CaseInsight> cases;
    private final CommandPipeline<RefundFact, RefundFact, RefundInsight> refunds;
    private final CommandPipeline<FollowUpFact, FollowUpFact, FollowUpInsight> followUps;
    private final CommandPipeline<SurveyFact, SurveyFact, SurveyInsight> surveys;
    private final ProjectionRunner projections;

    public Insights(CommandPipelines pipelines, ProjectionRunner projections,
                    EventTypeRegistry<CaseFact> caseTypes, EventTypeRegistry<RefundFact> refundTypes,
                    EventTypeRegistry<FollowUpFact> followUpTypes, EventTypeRegistry<SurveyFact> surveyTypes,
                    CasesModel casesModel, RefundsModel refundsModel, FollowUpsModel followUpsModel,
                    SurveysModel surveysModel) {
        this.projections = projections;
        this.cases = pipelines.define("case", caseTypes, observing(CaseInsight::evolve, CaseInsight.NONE), Unknown::new)
                .readModel(CASES, (state, version, now) -> casesModel.update(state, version));
        this.refunds = pipelines.define("refund", refundTypes, observing(RefundInsight::evolve, RefundInsight.NONE),
                        Unknown::new)
                .readModel(REFUNDS, (state, version, now) -> refundsModel.update(state, version));
        this.followUps = pipelines.define("follow-up", followUpTypes,
                        observing(FollowUpInsight::evolve, FollowUpInsight.NONE), Unknown::new)
                .readModel(FOLLOW_UPS, (state, version, now) -> followUpsModel.update(state, version));
        this.surveys = pipelines.define("survey", surveyTypes, observing(SurveyInsight::evolve, SurveyInsight.NONE),
                        Unknown::new)
                .readModel(SURVEYS, (state, version, now) -> surveysModel.update(state, version));
    }

    /** A fact is kept when it folds onto the stream's state; a fact that cannot fold is refused. */
    private static <F, S> Decider<F, F, S> observing(BiFunction<S, F, S> evolve, S none) {
        return new Decider<>((fact, state) -> {
            try {
                evolve.apply(state, fact);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new MalformedMessage(e.getMessage());
            }
            return List.of(fact);
        }, evolve, none);
    }

    /** Within the consumer's inbox transaction. */
    public void observed(IncomingEvent event, CaseFact fact) {
        cases.on(fact.complaintId()).expecting(Expected.any()).by(metadata(event)).at(event.time()).decide(fact);
    }

    public void observed(IncomingEvent event, RefundFact fact) {
        refunds.on(fact.refundId()).expecting(Expected.any()).by(metadata(event)).at(event.time()).decide(fact);
    }

    public void observed(IncomingEvent event, FollowUpFact fact) {
        followUps.on(fact.taskId()).expecting(Expected.any()).by(metadata(event)).at(event.time()).decide(fact);
    }

    public void observed(IncomingEvent event, SurveyFact fact) {
        surveys.on(fact.surveyId()).expecting(Expected.any()).by(metadata(event)).at(event.time()).decide(fact);
    }

    /** The source's branch and correlation; the source event as the cause; the observer as the actor. */
    private static EventMetadata metadata(IncomingEvent event) {
        return event.causing("hq-service");
    }

    public CaseInsight caseOf(UUID complaintId) {
        return cases.load(complaintId.toString()).state();
    }

    /** Operations: rebuilds one read model (or all with {@code name} null) from HQ's store. */
    public List<RebuildProgress> rebuild(String name, boolean restart) {
        List<String> names = name == null ? List.of(CASES, REFUNDS, FOLLOW_UPS, SURVEYS) : List.of(name);
        return names.stream().map(n -> projections.rebuild(n, restart)).toList();
    }

    /** Not a stream kept here. */
    public static class Unknown extends clinic.eventstore.api.NotFound {
        public Unknown(String id) {
            super("not-found", "nothing is known here of " + id);
        }
    }
}
