package clinic.followup.domain;

import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;
import clinic.followup.domain.FollowUpCommand.Assign;
import clinic.followup.domain.FollowUpCommand.Cancel;
import clinic.followup.domain.FollowUpCommand.MarkDue;
import clinic.followup.domain.FollowUpCommand.RecordCall;
import clinic.followup.domain.FollowUpCommand.ScheduleFollowUp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FollowUpDeciderTest {

    static final Instant DUE = Instant.parse("2026-03-05T07:00:00Z");
    static final UUID COMPLAINT = UUID.randomUUID();
    static final UUID TASK = UUID.randomUUID();
    static final Instant NEXT = Instant.parse("2026-03-06T01:00:00Z");

    static final class Task {
        FollowUpTask state = FollowUpTask.NONE;
        final List<FollowUpEvent> events = new ArrayList<>();

        Task then(FollowUpCommand c) {
            for (FollowUpEvent e : FollowUpDecider.decide(c, state)) {
                state = FollowUpDecider.evolve(state, e);
                events.add(e);
            }
            return this;
        }
    }

    static Task due(UUID complaint, FollowUpKind kind) {
        return new Task().then(new ScheduleFollowUp(TASK, complaint, complaint == null ? UUID.randomUUID() : null,
                "SH001", "cust-1", kind, 3, DUE, DUE.minus(Duration.ofDays(3)))).then(new MarkDue(DUE));
    }

    static RecordCall call(CallOutcome outcome) {
        return new RecordCall(outcome, 240, false, "staff:wang", NEXT, 3, DUE.plusSeconds(600));
    }

    @Test
    void a_task_goes_into_the_queue_once_when_its_time_comes() {
        Task t = new Task().then(new ScheduleFollowUp(TASK, COMPLAINT, null, "SH001", "c", FollowUpKind.RESOLUTION_CALLBACK,
                1, DUE, DUE.minus(Duration.ofDays(1))));
        assertThat(FollowUpDecider.decide(new MarkDue(DUE.minusSeconds(1)), t.state)).isEmpty();
        t.then(new MarkDue(DUE)).then(new MarkDue(DUE.plusSeconds(5)));
        assertThat(t.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("FollowUpScheduled", "FollowUpDue");
        assertThat(t.state.status()).isEqualTo(FollowUpStatus.DUE);
    }

    @Test
    void scheduling_the_same_task_again_decides_nothing() {
        Task t = due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK);
        assertThat(FollowUpDecider.decide(new ScheduleFollowUp(TASK, COMPLAINT, null, "SH001", "c",
                FollowUpKind.RESOLUTION_CALLBACK, 3, DUE, DUE), t.state)).isEmpty();
    }

    @Test
    void a_reached_customer_completes_the_task_and_a_dissatisfied_one_reopens_the_complaint() {
        Task satisfied = due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).then(new Assign("staff:wang", DUE))
                .then(call(CallOutcome.REACHED_SATISFIED));
        assertThat(satisfied.state.status()).isEqualTo(FollowUpStatus.DONE);
        assertThat(satisfied.events).noneMatch(e -> e instanceof CustomerDissatisfied);

        Task dissatisfied = due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).then(call(CallOutcome.REACHED_DISSATISFIED));
        assertThat(dissatisfied.events.getLast()).isInstanceOfSatisfying(CustomerDissatisfied.class, e -> {
            assertThat(e.complaintId()).isEqualTo(COMPLAINT);
            assertThat(e.reason()).contains("day-3 resolution");
        });
    }

    @Test
    void a_dissatisfied_customer_of_a_product_follow_up_has_no_complaint_to_reopen() {
        Task t = due(null, FollowUpKind.PRODUCT_FOLLOW_UP).then(call(CallOutcome.REACHED_DISSATISFIED));
        assertThat(t.events).noneMatch(e -> e instanceof CustomerDissatisfied);
        assertThat(t.state.status()).isEqualTo(FollowUpStatus.DONE);
    }

    @Test
    void no_answer_tries_again_at_the_next_working_slot_until_the_attempts_run_out() {
        Task t = due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).then(call(CallOutcome.NO_ANSWER));
        assertThat(t.state.status()).isEqualTo(FollowUpStatus.SCHEDULED);
        assertThat(t.state.dueAt()).isEqualTo(NEXT);
        assertThat(t.state.attempts()).isEqualTo(1);
        t.then(new MarkDue(NEXT)).then(call(CallOutcome.NO_ANSWER)).then(new MarkDue(NEXT)).then(call(CallOutcome.NO_ANSWER));
        assertThat(t.state.status()).isEqualTo(FollowUpStatus.UNREACHABLE);
        assertThat(t.state.attempts()).isEqualTo(3);
        assertThatThrownBy(() -> t.then(call(CallOutcome.REACHED_SATISFIED))).isInstanceOf(StepNotAllowed.class);
    }

    @Test
    void a_wrong_number_makes_the_task_unreachable_at_once() {
        Task t = due(COMPLAINT, FollowUpKind.CORRECTIVE_CHECK_IN).then(call(CallOutcome.WRONG_NUMBER));
        assertThat(t.state.status()).isEqualTo(FollowUpStatus.UNREACHABLE);
    }

    @Test
    void a_task_not_yet_due_cannot_be_called_or_assigned_and_says_what_it_allows() {
        Task t = new Task().then(new ScheduleFollowUp(TASK, COMPLAINT, null, "SH001", "c", FollowUpKind.INTAKE_CALLBACK,
                0, DUE, DUE));
        assertThatThrownBy(() -> t.then(call(CallOutcome.REACHED_SATISFIED)))
                .isInstanceOfSatisfying(StepNotAllowed.class, e -> {
                    assertThat(e.state()).isEqualTo(FollowUpStatus.SCHEDULED);
                    assertThat(e.step()).isEqualTo("calls");
                    assertThat(e.allowedSteps()).isEmpty(); // cancelling follows events elsewhere: not a step
                });
        assertThatThrownBy(() -> t.then(new Assign("staff:wang", DUE))).isInstanceOf(StepNotAllowed.class);
        assertThatThrownBy(() -> due(COMPLAINT, FollowUpKind.INTAKE_CALLBACK).then(new Assign(" ", DUE)))
                .isInstanceOfSatisfying(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("staff"));
        assertThatThrownBy(() -> due(COMPLAINT, FollowUpKind.INTAKE_CALLBACK).then(new RecordCall(CallOutcome.NO_ANSWER,
                -1, false, "s", NEXT, 3, DUE))).isInstanceOfSatisfying(RuleBroken.class,
                e -> assertThat(e.field()).isEqualTo("durationSeconds"));
    }

    @Test
    void cancelling_an_open_task_cancels_it_once_and_a_finished_one_stays_as_it_was() {
        Task open = due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).then(new Cancel("the complaint was reopened", DUE))
                .then(new Cancel("again", DUE));
        assertThat(open.state.status()).isEqualTo(FollowUpStatus.CANCELLED);
        assertThat(open.events).filteredOn(e -> e instanceof FollowUpEvent.FollowUpCancelled).hasSize(1);
        Task done = due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).then(call(CallOutcome.REACHED_SATISFIED))
                .then(new Cancel("the complaint was reopened", DUE));
        assertThat(done.state.status()).isEqualTo(FollowUpStatus.DONE);
    }
}
