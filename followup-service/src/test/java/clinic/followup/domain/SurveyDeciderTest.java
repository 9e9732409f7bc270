package clinic.followup.domain;

import clinic.devstack.DeciderSpec;
import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;
import clinic.followup.domain.SurveyCommand.AnswerSurvey;
import clinic.followup.domain.SurveyCommand.CancelSurvey;
import clinic.followup.domain.SurveyCommand.ExpireSurvey;
import clinic.followup.domain.SurveyCommand.ScheduleSurvey;
import clinic.followup.domain.SurveyCommand.SendSurvey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SurveyDeciderTest {

    static final UUID COMPLAINT = UUID.randomUUID();
    static final UUID SURVEY = FollowUpRules.surveyId(COMPLAINT);
    static final Instant CLOSED = Instant.parse("2026-03-04T07:00:00Z");
    static final Instant SEND = CLOSED.plus(Duration.ofDays(1));

    /** The survey decider, given / when / then. */
    static final DeciderSpec<SurveyCommand, Survey, SurveyEvent> SPEC =
            DeciderSpec.of(SurveyDecider::decide, SurveyDecider::evolve, Survey.NONE);

    static ScheduleSurvey schedule(Instant closedAt, String token) {
        return new ScheduleSurvey(SURVEY, COMPLAINT, "SH001", "cust-1", token, closedAt.plus(Duration.ofDays(1)), closedAt);
    }

    static DeciderSpec<SurveyCommand, Survey, SurveyEvent>.Given sent() {
        return SPEC.givenCommands(schedule(CLOSED, "tok-1"), new SendSurvey(Duration.ofDays(28), SEND));
    }

    static AnswerSurvey answer(int csat, int nps, Instant at) {
        return new AnswerSurvey(csat, nps, false, 2, 3, at);
    }

    @Test
    void a_survey_is_sent_at_its_time_and_open_for_28_days() {
        var scheduled = SPEC.givenCommands(schedule(CLOSED, "tok-1"));
        scheduled.when(new SendSurvey(Duration.ofDays(28), SEND.minusSeconds(1))).thenNothing();
        var sent = scheduled.when(new SendSurvey(Duration.ofDays(28), SEND))
                .thenEvents(events -> assertThat(events).filteredOn(e -> e instanceof SurveyEvent.SurveySent).hasSize(1))
                .thenState(s -> assertThat(s.expiresAt()).isEqualTo(SEND.plus(Duration.ofDays(28))))
                .next();
        sent.when(new SendSurvey(Duration.ofDays(28), SEND.plusSeconds(9))).thenNothing();
    }

    @Test
    void a_good_answer_is_recorded_once_and_reopens_nothing() {
        var answered = sent().when(answer(5, 9, SEND.plusSeconds(60)))
                .thenEvents(events -> assertThat(events).noneMatch(e -> e instanceof CustomerDissatisfied))
                .thenState(s -> assertThat(s.status()).isEqualTo(SurveyStatus.ANSWERED))
                .next();
        answered.when(answer(1, 0, SEND.plusSeconds(90)))
                .thenRefused(StepNotAllowed.class, e -> assertThat(e.state()).isEqualTo(SurveyStatus.ANSWERED));
    }

    @Test
    void a_low_csat_or_nps_reopens_the_complaint() {
        sent().when(answer(2, 8, SEND))
                .thenEvents(events -> assertThat(events.getLast()).isInstanceOfSatisfying(CustomerDissatisfied.class, e -> {
                    assertThat(e.complaintId()).isEqualTo(COMPLAINT);
                    assertThat(e.reason()).contains("CSAT 2/5");
                }));
        sent().when(answer(4, 3, SEND))
                .thenEvents(events -> assertThat(events.getLast()).isInstanceOf(CustomerDissatisfied.class));
        sent().when(answer(3, 4, SEND))
                .thenEvents(events -> assertThat(events).noneMatch(e -> e instanceof CustomerDissatisfied));
    }

    @Test
    void scores_outside_the_scales_are_refused() {
        sent().when(answer(0, 5, SEND)).thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("csat"));
        sent().when(answer(3, 11, SEND)).thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("nps"));
    }

    @Test
    void an_expired_survey_takes_no_answer() {
        Instant late = SEND.plus(Duration.ofDays(28));
        sent().when(answer(5, 10, late))
                .thenRefused(StepNotAllowed.class, e -> assertThat(e.state()).isEqualTo(SurveyStatus.EXPIRED));
        var expired = sent().when(new ExpireSurvey(late))
                .thenState(s -> assertThat(s.status()).isEqualTo(SurveyStatus.EXPIRED))
                .next();
        expired.when(answer(5, 10, late)).thenRefused(StepNotAllowed.class);
    }

    @Test
    void one_survey_per_case_even_when_reopened_and_closed_again() {
        // reopened before sending: cancelled, and the next closing re-arms it with the same link
        var cancelled = SPEC.givenCommands(schedule(CLOSED, "tok-1"))
                .when(new CancelSurvey("the complaint was reopened", CLOSED))
                .thenState(s -> assertThat(s.status()).isEqualTo(SurveyStatus.CANCELLED))
                .next();
        Instant closedAgain = CLOSED.plus(Duration.ofDays(10));
        cancelled.when(schedule(closedAgain, "tok-2"))
                .thenState(s -> {
                    assertThat(s.status()).isEqualTo(SurveyStatus.SCHEDULED);
                    assertThat(s.token()).isEqualTo("tok-1");
                    assertThat(s.sendAt()).isEqualTo(closedAgain.plus(Duration.ofDays(1)));
                });

        // once sent, a reopening does not take it back and the next closing sends no second survey
        var reopened = sent().andCommands(new CancelSurvey("the complaint was reopened", SEND), schedule(closedAgain, "tok-3"));
        assertThat(reopened.state().status()).isEqualTo(SurveyStatus.SENT);
        assertThat(reopened.history()).filteredOn(e -> e instanceof SurveyEvent.SurveyScheduled).hasSize(1);
    }
}
