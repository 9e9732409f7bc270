package clinic.followup.domain;

import clinic.followup.domain.FollowUpCommand.ScheduleFollowUp;
import clinic.followup.domain.FollowUpEvent.FollowUpScheduled;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FollowUpRulesTest {

    static final UUID COMPLAINT = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    static final Instant FILED = Instant.parse("2026-03-02T02:15:00Z");

    @Test
    void a_new_complaint_gets_one_callback_after_the_policy_delay() {
        var commands = FollowUpRules.onComplaintFiled(COMPLAINT, "SH001", "cust-889", FILED, Duration.ofHours(24));

        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(FollowUpKind.INTAKE_CALLBACK);
            assertThat(c.dueAt()).isEqualTo(Instant.parse("2026-03-03T02:15:00Z"));
            assertThat(c.branchId()).isEqualTo("SH001");
            assertThat(c.at()).isEqualTo(FILED);
        });
    }

    @Test
    void the_same_complaint_always_names_the_same_task() {
        var first = FollowUpRules.onComplaintFiled(COMPLAINT, "SH001", "cust-889", FILED, Duration.ofHours(24));
        var again = FollowUpRules.onComplaintFiled(COMPLAINT, "SH001", "cust-889", FILED, Duration.ofHours(2));

        assertThat(again.getFirst().taskId()).isEqualTo(first.getFirst().taskId());
        assertThat(FollowUpRules.taskId(UUID.randomUUID(), FollowUpKind.INTAKE_CALLBACK)).isNotEqualTo(first.getFirst().taskId());
    }

    @Test
    void a_task_is_scheduled_once() {
        ScheduleFollowUp schedule = FollowUpRules.onComplaintFiled(COMPLAINT, "SH001", "cust-889", FILED, Duration.ofHours(24)).getFirst();
        var events = FollowUpDecider.decide(schedule, FollowUpTask.NONE);
        assertThat(events).containsExactly(new FollowUpScheduled(schedule.taskId(), COMPLAINT, "SH001", "cust-889",
                FollowUpKind.INTAKE_CALLBACK, schedule.dueAt(), FILED));

        FollowUpTask scheduled = FollowUpDecider.evolve(FollowUpTask.NONE, events.getFirst());
        assertThat(scheduled.status()).isEqualTo(FollowUpStatus.SCHEDULED);
        assertThatThrownBy(() -> FollowUpDecider.decide(schedule, scheduled)).isInstanceOf(TaskAlreadyScheduled.class);
    }
}
