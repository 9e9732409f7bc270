package clinic.complaint.domain;

import clinic.complaint.domain.ComplaintCommand.AcknowledgeComplaint;
import clinic.complaint.domain.ComplaintCommand.FileComplaint;
import clinic.complaint.domain.ComplaintEvent.ComplaintAcknowledged;
import clinic.complaint.domain.ComplaintEvent.ComplaintFiled;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComplaintDeciderTest {

    static final UUID ID = UUID.fromString("7b0c6c1e-2f3a-4f43-9d2e-5a1b3c4d5e6f");
    static final Instant FILED_AT = Instant.parse("2026-03-02T02:15:00Z");
    static final Money PAID = new Money(1_280_000, "CNY");

    static final ComplaintFiled FILED = new ComplaintFiled(ID, "SH001-2026-000042", "SH001", "cust-889",
            Channel.FRONT_DESK, Category.TREATMENT_RESULT, Remedy.FULL_REFUND, PAID, FILED_AT);

    /** given(events...).when(command) → the events decided, or the refusal. */
    static Scenario given(ComplaintEvent... history) {
        Complaint state = Complaint.NONE;
        for (ComplaintEvent e : history) {
            state = ComplaintDecider.evolve(state, e);
        }
        return new Scenario(state);
    }

    record Scenario(Complaint state) {
        List<ComplaintEvent> when(ComplaintCommand command) {
            return ComplaintDecider.decide(command, state);
        }

        ThrowableAssert.ThrowingCallable whenRefused(ComplaintCommand command) {
            return () -> ComplaintDecider.decide(command, state);
        }
    }

    static FileComplaint file() {
        return new FileComplaint(ID, "SH001-2026-000042", "SH001", "cust-889", Channel.FRONT_DESK,
                Category.TREATMENT_RESULT, Remedy.FULL_REFUND, PAID, FILED_AT);
    }

    @Test
    void a_new_complaint_is_filed_as_received() {
        assertThat(given().when(file())).containsExactly(FILED);
        assertThat(given(FILED).state().status()).isEqualTo(ComplaintStatus.RECEIVED);
        assertThat(given(FILED).state().amountPaid()).isEqualTo(PAID);
    }

    @Test
    void a_received_complaint_is_acknowledged_by_whoever_acknowledges_it() {
        Instant at = FILED_AT.plusSeconds(3600);
        assertThat(given(FILED).when(new AcknowledgeComplaint("staff:li.na", at)))
                .containsExactly(new ComplaintAcknowledged(ID, "staff:li.na", at));
        Complaint acknowledged = given(FILED, new ComplaintAcknowledged(ID, "staff:li.na", at)).state();
        assertThat(acknowledged.status()).isEqualTo(ComplaintStatus.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedAt()).isEqualTo(at);
        assertThat(acknowledged.caseNumber()).isEqualTo("SH001-2026-000042");
    }

    @Test
    void a_complaint_cannot_be_filed_twice() {
        assertThatThrownBy(given(FILED).whenRefused(file()))
                .isInstanceOfSatisfying(StepNotAllowed.class, e -> {
                    assertThat(e.status()).isEqualTo(ComplaintStatus.RECEIVED);
                    assertThat(e.allowedSteps()).containsExactly("acknowledge");
                });
    }

    @Test
    void an_acknowledged_complaint_is_not_acknowledged_again() {
        var acknowledged = new ComplaintAcknowledged(ID, "staff:li.na", FILED_AT.plusSeconds(60));
        assertThatThrownBy(given(FILED, acknowledged).whenRefused(new AcknowledgeComplaint("staff:wang", FILED_AT.plusSeconds(120))))
                .isInstanceOfSatisfying(StepNotAllowed.class, e -> {
                    assertThat(e.step()).isEqualTo("acknowledge");
                    assertThat(e.status()).isEqualTo(ComplaintStatus.ACKNOWLEDGED);
                });
    }

    @Test
    void nothing_but_filing_is_allowed_before_a_complaint_exists() {
        assertThatThrownBy(given().whenRefused(new AcknowledgeComplaint("staff:li.na", FILED_AT)))
                .isInstanceOfSatisfying(StepNotAllowed.class, e -> assertThat(e.allowedSteps()).containsExactly("file"));
    }

}
