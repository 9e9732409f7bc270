package clinic.complaint.domain.sla;

import clinic.complaint.domain.Category;
import clinic.complaint.domain.ComplaintDeciderTest;
import clinic.complaint.domain.ComplaintEvent;
import clinic.complaint.domain.ComplaintEvent.ComplaintAcknowledged;
import clinic.complaint.domain.ComplaintEvent.ComplaintAssessed;
import clinic.complaint.domain.ComplaintEvent.ComplaintFiled;
import clinic.complaint.domain.ComplaintEvent.InvestigationStarted;
import clinic.complaint.domain.ComplaintEvent.SlaAtRisk;
import clinic.complaint.domain.ComplaintEvent.WaitStarted;
import clinic.complaint.domain.Severity;
import clinic.complaint.domain.Subject;
import clinic.complaint.domain.WaitReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static clinic.complaint.domain.sla.SlaClocksTest.ID;
import static clinic.complaint.domain.sla.SlaClocksTest.POLICY;
import static clinic.complaint.domain.sla.SlaClocksTest.SH;
import static clinic.complaint.domain.sla.SlaClocksTest.filed;
import static clinic.complaint.domain.sla.SlaClocksTest.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler's policy: which warnings are due now, and when to look again. Times are Shanghai office hours. */
class SlaSchedulingTest {

    // filed Friday 17:00: acknowledgement at risk Monday 15:12, due Monday 17:00
    static final ComplaintFiled FILED = filed("2026-03-06T17:00", Category.TREATMENT_RESULT);

    static List<ComplaintEvent> due(Instant now, ComplaintEvent... history) {
        return SlaScheduling.warningsDue(ComplaintDeciderTest.SPEC.given(history).state(), POLICY, SH, now);
    }

    @Test
    void nothing_is_due_before_the_at_risk_moment_and_then_only_the_at_risk_warning() {
        assertThat(due(shanghai("2026-03-09T15:11"), FILED)).isEmpty();
        assertThat(due(shanghai("2026-03-09T15:12"), FILED)).containsExactly(new SlaAtRisk(ID,
                SlaClockName.ACKNOWLEDGE, 0, shanghai("2026-03-09T17:00"), shanghai("2026-03-09T15:12")));
    }

    @Test
    void a_warning_raised_is_not_due_again_and_the_next_look_moves_to_the_one_still_to_come() {
        var atRisk = new SlaAtRisk(ID, SlaClockName.ACKNOWLEDGE, 0, shanghai("2026-03-09T17:00"),
                shanghai("2026-03-09T15:12"));
        assertThat(due(shanghai("2026-03-09T16:00"), FILED, atRisk)).isEmpty();
        assertThat(due(shanghai("2026-03-09T17:00"), FILED, atRisk))
                .extracting(e -> e.getClass().getSimpleName()).containsExactly("SlaBreached");
        assertThat(SlaScheduling.nextCheck(ComplaintDeciderTest.SPEC.given(FILED, atRisk).state(), POLICY, SH, shanghai("2026-03-09T16:00")))
                .isEqualTo(shanghai("2026-03-09T17:00"));
    }

    @Test
    void a_waiting_case_with_its_acknowledgement_met_has_nothing_due_and_no_next_look() {
        ComplaintEvent[] waiting = {FILED,
                new ComplaintAcknowledged(ID, "s", shanghai("2026-03-09T09:30")),
                new ComplaintAssessed(ID, Category.TREATMENT_RESULT, Severity.LOW, Subject.SERVICE,
                        LocalDate.parse("2026-03-05"), true, "feedback", "s", "s", shanghai("2026-03-09T10:00")),
                new InvestigationStarted(ID, "s", shanghai("2026-03-09T11:00")),
                new WaitStarted(ID, WaitReason.CUSTOMER, "photos", "s", shanghai("2026-03-09T12:00"))};
        Instant muchLater = shanghai("2026-06-01T09:00");
        assertThat(due(muchLater, waiting)).isEmpty();
        assertThat(SlaScheduling.nextCheck(ComplaintDeciderTest.SPEC.given(waiting).state(), POLICY, SH, muchLater)).isNull();
    }
}
