package clinic.followup.domain;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurveyDeciderTest {

    static final UUID COMPLAINT = UUID.randomUUID();
    static final UUID SURVEY = FollowUpRules.surveyId(COMPLAINT);
    static final Instant CLOSED = Instant.parse("2026-03-04T07:00:00Z");
    static final Instant SEND = CLOSED.plus(Duration.ofDays(1));

    static final class Run {
        Survey state = Survey.NONE;
        final List<SurveyEvent> events = new ArrayList<>();

        Run then(SurveyCommand c) {
            for (SurveyEvent e : SurveyDecider.decide(c, state)) {
                state = SurveyDecider.evolve(state, e);
                events.add(e);
            }
            return this;
        }
    }

    static ScheduleSurvey schedule(Instant closedAt, String token) {
        return new ScheduleSurvey(SURVEY, COMPLAINT, "SH001", "cust-1", token, closedAt.plus(Duration.ofDays(1)), closedAt);
    }

    static Run sent() {
        return new Run().then(schedule(CLOSED, "tok-1")).then(new SendSurvey(Duration.ofDays(28), SEND));
    }

    static AnswerSurvey answer(int csat, int nps, Instant at) {
        return new AnswerSurvey(csat, nps, false, 2, 3, at);
    }

    @Test
    void a_survey_is_sent_at_its_time_and_open_for_28_days() {
        Run r = new Run().then(schedule(CLOSED, "tok-1"));
        assertThat(SurveyDecider.decide(new SendSurvey(Duration.ofDays(28), SEND.minusSeconds(1)), r.state)).isEmpty();
        r.then(new SendSurvey(Duration.ofDays(28), SEND)).then(new SendSurvey(Duration.ofDays(28), SEND.plusSeconds(9)));
        assertThat(r.events).filteredOn(e -> e instanceof SurveyEvent.SurveySent).hasSize(1);
        assertThat(r.state.expiresAt()).isEqualTo(SEND.plus(Duration.ofDays(28)));
    }

    @Test
    void a_good_answer_is_recorded_once_and_reopens_nothing() {
        Run r = sent().then(answer(5, 9, SEND.plusSeconds(60)));
        assertThat(r.state.status()).isEqualTo(SurveyStatus.ANSWERED);
        assertThat(r.events).noneMatch(e -> e instanceof CustomerDissatisfied);
        assertThatThrownBy(() -> r.then(answer(1, 0, SEND.plusSeconds(90))))
                .isInstanceOfSatisfying(StepNotAllowed.class, e -> assertThat(e.state()).isEqualTo(SurveyStatus.ANSWERED));
    }

    @Test
    void a_low_csat_or_nps_reopens_the_complaint() {
        assertThat(sent().then(answer(2, 8, SEND)).events.getLast()).isInstanceOfSatisfying(CustomerDissatisfied.class,
                e -> {
                    assertThat(e.complaintId()).isEqualTo(COMPLAINT);
                    assertThat(e.reason()).contains("CSAT 2/5");
                });
        assertThat(sent().then(answer(4, 3, SEND)).events.getLast()).isInstanceOf(CustomerDissatisfied.class);
        assertThat(sent().then(answer(3, 4, SEND)).events).noneMatch(e -> e instanceof CustomerDissatisfied);
    }

    @Test
    void scores_outside_the_scales_are_refused() {
        assertThatThrownBy(() -> sent().then(answer(0, 5, SEND)))
                .isInstanceOfSatisfying(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("csat"));
        assertThatThrownBy(() -> sent().then(answer(3, 11, SEND)))
                .isInstanceOfSatisfying(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("nps"));
    }

    @Test
    void an_expired_survey_takes_no_answer() {
        Instant late = SEND.plus(Duration.ofDays(28));
        assertThatThrownBy(() -> sent().then(answer(5, 10, late)))
                .isInstanceOfSatisfying(StepNotAllowed.class, e -> assertThat(e.state()).isEqualTo(SurveyStatus.EXPIRED));
        Run expired = sent().then(new ExpireSurvey(late));
        assertThat(expired.state.status()).isEqualTo(SurveyStatus.EXPIRED);
        assertThatThrownBy(() -> expired.then(answer(5, 10, late))).isInstanceOf(StepNotAllowed.class);
    }

    @Test
    void one_survey_per_case_even_when_reopened_and_closed_again() {
        // reopened before sending: cancelled, and the next closing re-arms it with the same link
        Run r = new Run().then(schedule(CLOSED, "tok-1")).then(new CancelSurvey("the complaint was reopened", CLOSED));
        assertThat(r.state.status()).isEqualTo(SurveyStatus.CANCELLED);
        Instant closedAgain = CLOSED.plus(Duration.ofDays(10));
        r.then(schedule(closedAgain, "tok-2"));
        assertThat(r.state.status()).isEqualTo(SurveyStatus.SCHEDULED);
        assertThat(r.state.token()).isEqualTo("tok-1");
        assertThat(r.state.sendAt()).isEqualTo(closedAgain.plus(Duration.ofDays(1)));

        // once sent, a reopening does not take it back and the next closing sends no second survey
        Run s = sent().then(new CancelSurvey("the complaint was reopened", SEND)).then(schedule(closedAgain, "tok-3"));
        assertThat(s.state.status()).isEqualTo(SurveyStatus.SENT);
        assertThat(s.events).filteredOn(e -> e instanceof SurveyEvent.SurveyScheduled).hasSize(1);
    }
}
