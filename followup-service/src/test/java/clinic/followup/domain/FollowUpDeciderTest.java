package clinic.followup.domain;

import clinic.devstack.DeciderSpec;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FollowUpDeciderTest {

    static final Instant DUE = Instant.parse("2026-03-05T07:00:00Z");
    static final UUID COMPLAINT = UUID.randomUUID();
    static final UUID TASK = UUID.randomUUID();
    static final Instant NEXT = Instant.parse("2026-03-06T01:00:00Z");

    /** The follow-up task decider, given / when / then. */
    static final DeciderSpec<FollowUpCommand, FollowUpTask, FollowUpEvent> SPEC =
            DeciderSpec.of(FollowUpDecider::decide, FollowUpDecider::evolve, FollowUpTask.NONE);

    static DeciderSpec<FollowUpCommand, FollowUpTask, FollowUpEvent>.Given due(UUID complaint, FollowUpKind kind) {
        return SPEC.givenCommands(new ScheduleFollowUp(TASK, complaint, complaint == null ? UUID.randomUUID() : null,
                "SH001", "cust-1", kind, 3, DUE, DUE.minus(Duration.ofDays(3))), new MarkDue(DUE));
    }

    static RecordCall call(CallOutcome outcome) {
        return new RecordCall(outcome, 240, false, "staff:wang", NEXT, 3, DUE.plusSeconds(600));
    }

    @Test
    void a_task_goes_into_the_queue_once_when_its_time_comes() {
        var scheduled = SPEC.givenCommands(new ScheduleFollowUp(TASK, COMPLAINT, null, "SH001", "c",
                FollowUpKind.RESOLUTION_CALLBACK, 1, DUE, DUE.minus(Duration.ofDays(1))));
        scheduled.when(new MarkDue(DUE.minusSeconds(1))).thenNothing();
        var queued = scheduled.when(new MarkDue(DUE))
                .thenState(s -> assertThat(s.status()).isEqualTo(FollowUpStatus.DUE))
                .next();
        queued.when(new MarkDue(DUE.plusSeconds(5))).thenNothing();
        assertThat(queued.history()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("FollowUpScheduled", "FollowUpDue");
    }

    @Test
    void scheduling_the_same_task_again_decides_nothing() {
        due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK)
                .when(new ScheduleFollowUp(TASK, COMPLAINT, null, "SH001", "c", FollowUpKind.RESOLUTION_CALLBACK, 3, DUE, DUE))
                .thenNothing();
    }

    @Test
    void a_reached_customer_completes_the_task_and_a_dissatisfied_one_reopens_the_complaint() {
        due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).andCommands(new Assign("staff:wang", DUE))
                .when(call(CallOutcome.REACHED_SATISFIED))
                .thenEvents(events -> assertThat(events).noneMatch(e -> e instanceof CustomerDissatisfied))
                .thenState(s -> assertThat(s.status()).isEqualTo(FollowUpStatus.DONE));

        due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).when(call(CallOutcome.REACHED_DISSATISFIED))
                .thenEvents(events -> assertThat(events.getLast()).isInstanceOfSatisfying(CustomerDissatisfied.class, e -> {
                    assertThat(e.complaintId()).isEqualTo(COMPLAINT);
                    assertThat(e.reason()).contains("day-3 resolution");
                }));
    }

    @Test
    void a_dissatisfied_customer_of_a_product_follow_up_has_no_complaint_to_reopen() {
        due(null, FollowUpKind.PRODUCT_FOLLOW_UP).when(call(CallOutcome.REACHED_DISSATISFIED))
                .thenEvents(events -> assertThat(events).noneMatch(e -> e instanceof CustomerDissatisfied))
                .thenState(s -> assertThat(s.status()).isEqualTo(FollowUpStatus.DONE));
    }

    @Test
    void no_answer_tries_again_at_the_next_working_slot_until_the_attempts_run_out() {
        var tryAgain = due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).when(call(CallOutcome.NO_ANSWER))
                .thenState(s -> {
                    assertThat(s.status()).isEqualTo(FollowUpStatus.SCHEDULED);
                    assertThat(s.dueAt()).isEqualTo(NEXT);
                    assertThat(s.attempts()).isEqualTo(1);
                })
                .next();
        var unreachable = tryAgain.andCommands(new MarkDue(NEXT), call(CallOutcome.NO_ANSWER), new MarkDue(NEXT),
                call(CallOutcome.NO_ANSWER));
        assertThat(unreachable.state().status()).isEqualTo(FollowUpStatus.UNREACHABLE);
        assertThat(unreachable.state().attempts()).isEqualTo(3);
        unreachable.when(call(CallOutcome.REACHED_SATISFIED)).thenRefused(StepNotAllowed.class);
    }

    @Test
    void a_wrong_number_makes_the_task_unreachable_at_once() {
        due(COMPLAINT, FollowUpKind.CORRECTIVE_CHECK_IN).when(call(CallOutcome.WRONG_NUMBER))
                .thenState(s -> assertThat(s.status()).isEqualTo(FollowUpStatus.UNREACHABLE));
    }

    @Test
    void a_task_not_yet_due_cannot_be_called_or_assigned_and_says_what_it_allows() {
        var scheduled = SPEC.givenCommands(new ScheduleFollowUp(TASK, COMPLAINT, null, "SH001", "c",
                FollowUpKind.INTAKE_CALLBACK, 0, DUE, DUE));
        scheduled.when(call(CallOutcome.REACHED_SATISFIED))
                .thenRefused(StepNotAllowed.class, e -> {
                    assertThat(e.state()).isEqualTo(FollowUpStatus.SCHEDULED);
                    assertThat(e.step()).isEqualTo("calls");
                    assertThat(e.allowedSteps()).isEmpty(); // cancelling follows events elsewhere: not a step
                });
        scheduled.when(new Assign("staff:wang", DUE)).thenRefused(StepNotAllowed.class);
        due(COMPLAINT, FollowUpKind.INTAKE_CALLBACK).when(new Assign(" ", DUE))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("staff"));
        due(COMPLAINT, FollowUpKind.INTAKE_CALLBACK).when(new RecordCall(CallOutcome.NO_ANSWER, -1, false, "s", NEXT, 3, DUE))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("durationSeconds"));
    }

    @Test
    void cancelling_an_open_task_cancels_it_once_and_a_finished_one_stays_as_it_was() {
        var cancelled = due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).when(new Cancel("the complaint was reopened", DUE))
                .thenEvents(events -> assertThat(events).filteredOn(e -> e instanceof FollowUpEvent.FollowUpCancelled).hasSize(1))
                .thenState(s -> assertThat(s.status()).isEqualTo(FollowUpStatus.CANCELLED))
                .next();
        cancelled.when(new Cancel("again", DUE)).thenNothing();
        due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).andCommands(call(CallOutcome.REACHED_SATISFIED))
                .when(new Cancel("the complaint was reopened", DUE))
                .thenState(s -> assertThat(s.status()).isEqualTo(FollowUpStatus.DONE));
    }
}
