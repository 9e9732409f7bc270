package clinic.complaint.domain;

import clinic.eventstore.domain.RuleBroken;
import clinic.complaint.domain.ComplaintEvent.AgreementReached;
import clinic.complaint.domain.ComplaintEvent.EscalatedToHq;
import clinic.complaint.domain.ComplaintEvent.RefundAgreementRecorded;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static clinic.complaint.domain.ComplaintDeciderTest.ACKNOWLEDGED;
import static clinic.complaint.domain.ComplaintDeciderTest.ASSESSED_IN_SCOPE;
import static clinic.complaint.domain.ComplaintDeciderTest.FILED;
import static clinic.complaint.domain.ComplaintDeciderTest.ID;
import static clinic.complaint.domain.ComplaintDeciderTest.INVESTIGATING;
import static clinic.complaint.domain.ComplaintDeciderTest.PROPOSED;
import static clinic.complaint.domain.ComplaintDeciderTest.TODAY;
import static clinic.complaint.domain.ComplaintDeciderTest.at;
import static clinic.complaint.domain.ComplaintDeciderTest.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The case follows its refund: refund-service owns the written money agreement, the case takes it and its progress. */
class CaseFollowsRefundTest {

    static final UUID REFUND = UUID.fromString("22222222-2f3a-4f43-9d2e-5a1b3c4d5e6f");
    static final Money AMOUNT = new Money(450_000, "CNY");

    static List<ComplaintEvent> history(ComplaintEvent... events) {
        return new ArrayList<>(List.of(events));
    }

    static Complaint fold(List<ComplaintEvent> events) {
        return given(events.toArray(ComplaintEvent[]::new)).state();
    }

    @Test
    void a_refund_agreed_in_refund_service_while_the_case_negotiates_becomes_the_cases_agreement() {
        var h = history(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING);
        var events = given(h.toArray(ComplaintEvent[]::new)).when(new ComplaintCommand.RecordRefundAgreed(REFUND, AMOUNT,
                TODAY.plusDays(9), Remedy.PARTIAL_REFUND, "original card", at(200)));

        assertThat(events).containsExactly(
                new RefundAgreementRecorded(ID, REFUND, AMOUNT, TODAY.plusDays(9), at(200)),
                new AgreementReached(ID, Remedy.PARTIAL_REFUND, AMOUNT, "original card", TODAY.plusDays(9),
                        "refund-service", at(200), REFUND));
        h.addAll(events);
        Complaint c = fold(h);
        assertThat(c.status()).isEqualTo(ComplaintStatus.AGREED);
        assertThat(c.refund().progress()).isEqualTo(Complaint.RefundProgress.AGREED);
        assertThat(ComplaintDecider.allowedSteps(c)).contains("resolve");
    }

    @Test
    void a_money_agreement_reached_here_needs_no_due_date_and_learns_the_refunds() {
        var h = history(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED);
        var agree = new ComplaintCommand.Agree(Remedy.PARTIAL_REFUND, AMOUNT, "original card", null, TODAY, "staff:wang", at(150));
        h.addAll(given(h.toArray(ComplaintEvent[]::new)).when(agree));
        assertThat(fold(h).agreement().dueDate()).isNull();

        // refund-service took it and dated it by its policy: the case's agreement now has the date, and no second one
        var recorded = given(h.toArray(ComplaintEvent[]::new)).when(new ComplaintCommand.RecordRefundAgreed(REFUND,
                AMOUNT, TODAY.plusDays(21), Remedy.PARTIAL_REFUND, "original card", at(160)));
        assertThat(recorded).singleElement().isInstanceOf(RefundAgreementRecorded.class);
        h.addAll(recorded);
        assertThat(fold(h).agreement().dueDate()).isEqualTo(TODAY.plusDays(21));
    }

    @Test
    void a_remedy_without_money_still_needs_its_date_and_money_is_not_agreed_twice() {
        Complaint proposed = fold(history(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED));
        assertThatThrownBy(() -> ComplaintDecider.decide(new ComplaintCommand.Agree(Remedy.CORRECTIVE_TREATMENT, null,
                "in clinic", null, TODAY, "staff:wang", at(150)), proposed))
                .isInstanceOfSatisfying(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("dueDate"));

        // the refund case agreed already, while the case was still being assessed: money is not agreed here again
        var h = history(FILED, ACKNOWLEDGED, new RefundAgreementRecorded(ID, REFUND, AMOUNT, TODAY.plusDays(9), at(50)),
                ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED);
        Complaint c = fold(h);
        assertThatThrownBy(() -> ComplaintDecider.decide(new ComplaintCommand.Agree(Remedy.PARTIAL_REFUND,
                new Money(500_000, "CNY"), "card", null, TODAY, "staff:wang", at(150)), c))
                .isInstanceOfSatisfying(RuleBroken.class, e -> assertThat(e.getMessage()).contains("4500.00 CNY already"));
    }

    @Test
    void the_case_shows_the_refund_paid_in_part_then_settled_or_overdue() {
        var h = history(FILED, new RefundAgreementRecorded(ID, REFUND, AMOUNT, TODAY.plusDays(9), at(50)));
        h.addAll(given(h.toArray(ComplaintEvent[]::new)).when(new ComplaintCommand.RecordRefundPayment(REFUND,
                new Money(150_000, "CNY"), at(60))));
        h.addAll(given(h.toArray(ComplaintEvent[]::new)).when(new ComplaintCommand.RecordRefundPayment(REFUND,
                new Money(100_000, "CNY"), at(70))));
        Complaint partly = fold(h);
        assertThat(partly.refund().progress()).isEqualTo(Complaint.RefundProgress.PAID_IN_PART);
        assertThat(partly.refund().paidAmount()).isEqualTo(new Money(250_000, "CNY"));

        var overdue = new ArrayList<>(h);
        overdue.addAll(given(h.toArray(ComplaintEvent[]::new)).when(new ComplaintCommand.RecordRefundOverdue(REFUND,
                TODAY.plusDays(9), at(80))));
        assertThat(fold(overdue).refund().progress()).isEqualTo(Complaint.RefundProgress.OVERDUE);
        assertThat(fold(overdue).refund().paidAmount()).isEqualTo(new Money(250_000, "CNY"));

        h.addAll(given(h.toArray(ComplaintEvent[]::new)).when(new ComplaintCommand.RecordRefundSettled(REFUND, AMOUNT, at(90))));
        assertThat(fold(h).refund().progress()).isEqualTo(Complaint.RefundProgress.SETTLED);
    }

    @Test
    void an_agreement_the_refund_case_did_not_take_sends_the_case_to_hq_with_the_reason() {
        var events = given(FILED).when(new ComplaintCommand.RecordRefundAgreementNotApplied(REFUND,
                "the refund case agreed PARTIAL_REFUND 4000.00 CNY already", at(90)));
        assertThat(events).singleElement().isInstanceOfSatisfying(EscalatedToHq.class,
                e -> assertThat(e.reason()).contains("did not take the agreement").contains("4000.00 CNY already"));
    }

    @Test
    void a_case_owed_money_or_before_an_outside_body_does_not_close_itself_after_follow_up() {
        var resolvedOwing = history(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING,
                new RefundAgreementRecorded(ID, REFUND, AMOUNT, TODAY.plusDays(9), at(150)),
                new ComplaintEvent.ComplaintResolved(ID, "refund agreed", "staff:wang", at(160)));
        var close = new ComplaintCommand.CloseAfterFollowUp(0, "satisfied at every call", "followup-service", at(400));
        assertThat(given(resolvedOwing.toArray(ComplaintEvent[]::new)).when(close)).isEmpty();

        resolvedOwing.add(new ComplaintEvent.RefundSettlementRecorded(ID, REFUND, AMOUNT, at(300)));
        assertThat(given(resolvedOwing.toArray(ComplaintEvent[]::new)).when(close)).hasSize(1);

        var beforeRegulator = history(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING,
                new ComplaintEvent.EscalatedExternally(ID, REFUND, EscalationBody.CONSUMER_ASSOCIATION, "CA-1", null,
                        "staff:wang", at(140), null),
                new ComplaintEvent.ComplaintResolved(ID, "explained", "staff:wang", at(160)));
        assertThat(given(beforeRegulator.toArray(ComplaintEvent[]::new)).when(close)).isEmpty();
    }

    @Test
    void the_refunds_agreement_taken_while_waiting_ends_the_wait() {
        var h = history(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING,
                new ComplaintEvent.WaitStarted(ID, WaitReason.CUSTOMER, "photos", "staff:wang", at(100)));
        var events = given(h.toArray(ComplaintEvent[]::new)).when(new ComplaintCommand.RecordRefundAgreed(REFUND, AMOUNT,
                TODAY.plusDays(9), Remedy.PARTIAL_REFUND, "card", at(200)));
        h.addAll(events);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("RefundAgreementRecorded", "WaitEnded", "AgreementReached");
        assertThat(fold(h).waiting()).isFalse();
    }

    @Test
    void a_typed_escalation_deadline_is_today_or_later_and_at_most_two_years_ahead() {
        Complaint c = fold(history(FILED, ACKNOWLEDGED));
        assertThatThrownBy(() -> ComplaintDecider.decide(new ComplaintCommand.Escalate(UUID.randomUUID(),
                EscalationBody.LAWYER_OR_COURT, "X", TODAY.minusDays(10), "staff:wang", at(10)), c))
                .isInstanceOfSatisfying(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("deadline"));
        assertThatThrownBy(() -> ComplaintDecider.decide(new ComplaintCommand.Escalate(UUID.randomUUID(),
                EscalationBody.LAWYER_OR_COURT, "X", TODAY.plusYears(3), "staff:wang", at(10)), c))
                .isInstanceOf(RuleBroken.class);
        assertThat(ComplaintDecider.decide(new ComplaintCommand.Escalate(UUID.randomUUID(),
                EscalationBody.LAWYER_OR_COURT, "X", TODAY.plusDays(30), "staff:wang", at(10)), c)).hasSize(1);
    }

    @Test
    void the_refund_opened_is_shown_once() {
        var opened = given(FILED).when(new ComplaintCommand.RecordRefundOpened(REFUND, at(5)));
        assertThat(opened).hasSize(1);
        var h = history(FILED);
        h.addAll(opened);
        assertThat(fold(h).refund().progress()).isEqualTo(Complaint.RefundProgress.OPEN);
        assertThat(given(h.toArray(ComplaintEvent[]::new)).when(new ComplaintCommand.RecordRefundOpened(REFUND, at(6)))).isEmpty();
    }
}
