package clinic.complaint.domain;

import clinic.eventstore.domain.Money;

import clinic.eventstore.domain.RuleBroken;
import clinic.complaint.domain.ComplaintEvent.AgreementReached;
import clinic.complaint.domain.ComplaintEvent.EscalatedToHq;
import clinic.complaint.domain.ComplaintEvent.RefundAgreementRecorded;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static clinic.complaint.domain.ComplaintDeciderTest.ACKNOWLEDGED;
import static clinic.complaint.domain.ComplaintDeciderTest.ASSESSED_IN_SCOPE;
import static clinic.complaint.domain.ComplaintDeciderTest.FILED;
import static clinic.complaint.domain.ComplaintDeciderTest.ID;
import static clinic.complaint.domain.ComplaintDeciderTest.INVESTIGATING;
import static clinic.complaint.domain.ComplaintDeciderTest.PROPOSED;
import static clinic.complaint.domain.ComplaintDeciderTest.SPEC;
import static clinic.complaint.domain.ComplaintDeciderTest.TODAY;
import static clinic.complaint.domain.ComplaintDeciderTest.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The case follows its refund: refund-service owns the written money agreement, the case takes it and its progress. */
class CaseFollowsRefundTest {

    static final UUID REFUND = UUID.fromString("22222222-2f3a-4f43-9d2e-5a1b3c4d5e6f");
    static final Money AMOUNT = new Money(450_000, "CNY");

    @Test
    void a_refund_agreed_in_refund_service_while_the_case_negotiates_becomes_the_cases_agreement() {
        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING)
                .when(new ComplaintCommand.RecordRefundAgreed(REFUND, AMOUNT, TODAY.plusDays(9), Remedy.PARTIAL_REFUND,
                        "original card", at(200)))
                .then(new RefundAgreementRecorded(ID, REFUND, AMOUNT, TODAY.plusDays(9), at(200)),
                        new AgreementReached(ID, Remedy.PARTIAL_REFUND, AMOUNT, "original card", TODAY.plusDays(9),
                                "refund-service", at(200), REFUND))
                .thenState(c -> {
                    assertThat(c.status()).isEqualTo(ComplaintStatus.AGREED);
                    assertThat(c.refund().progress()).isEqualTo(Complaint.RefundProgress.AGREED);
                    assertThat(ComplaintDecider.allowedSteps(c)).contains("resolve");
                });
    }

    @Test
    void a_money_agreement_reached_here_needs_no_due_date_and_learns_the_refunds() {
        var agree = new ComplaintCommand.Agree(Remedy.PARTIAL_REFUND, AMOUNT, "original card", null, TODAY, "staff:wang", at(150));
        var agreed = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED).when(agree)
                .thenState(c -> assertThat(c.agreement().dueDate()).isNull())
                .next();

        // refund-service took it and dated it by its policy: the case's agreement now has the date, and no second one
        agreed.when(new ComplaintCommand.RecordRefundAgreed(REFUND, AMOUNT, TODAY.plusDays(21), Remedy.PARTIAL_REFUND,
                        "original card", at(160)))
                .thenEvents(events -> assertThat(events).singleElement().isInstanceOf(RefundAgreementRecorded.class))
                .thenState(c -> assertThat(c.agreement().dueDate()).isEqualTo(TODAY.plusDays(21)));
    }

    @Test
    void a_remedy_without_money_still_needs_its_date_and_money_is_not_agreed_twice() {
        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED)
                .when(new ComplaintCommand.Agree(Remedy.CORRECTIVE_TREATMENT, null, "in clinic", null, TODAY, "staff:wang",
                        at(150)))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("dueDate"));

        // the refund case agreed already, while the case was still being assessed: money is not agreed here again
        SPEC.given(FILED, ACKNOWLEDGED, new RefundAgreementRecorded(ID, REFUND, AMOUNT, TODAY.plusDays(9), at(50)),
                        ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED)
                .when(new ComplaintCommand.Agree(Remedy.PARTIAL_REFUND, new Money(500_000, "CNY"), "card", null, TODAY,
                        "staff:wang", at(150)))
                .thenRefused(RuleBroken.class, "4500.00 CNY already");
    }

    @Test
    void the_case_shows_the_refund_paid_in_part_then_settled_or_overdue() {
        var partly = SPEC.given(FILED, new RefundAgreementRecorded(ID, REFUND, AMOUNT, TODAY.plusDays(9), at(50)))
                .andCommands(new ComplaintCommand.RecordRefundPayment(REFUND, new Money(150_000, "CNY"), at(60)))
                .when(new ComplaintCommand.RecordRefundPayment(REFUND, new Money(100_000, "CNY"), at(70)))
                .thenState(c -> {
                    assertThat(c.refund().progress()).isEqualTo(Complaint.RefundProgress.PAID_IN_PART);
                    assertThat(c.refund().paidAmount()).isEqualTo(new Money(250_000, "CNY"));
                })
                .next();

        partly.when(new ComplaintCommand.RecordRefundOverdue(REFUND, TODAY.plusDays(9), at(80)))
                .thenState(c -> {
                    assertThat(c.refund().progress()).isEqualTo(Complaint.RefundProgress.OVERDUE);
                    assertThat(c.refund().paidAmount()).isEqualTo(new Money(250_000, "CNY"));
                });

        partly.when(new ComplaintCommand.RecordRefundSettled(REFUND, AMOUNT, at(90)))
                .thenState(c -> assertThat(c.refund().progress()).isEqualTo(Complaint.RefundProgress.SETTLED));
    }

    @Test
    void an_agreement_the_refund_case_did_not_take_sends_the_case_to_hq_with_the_reason() {
        SPEC.given(FILED)
                .when(new ComplaintCommand.RecordRefundAgreementNotApplied(REFUND,
                        "the refund case agreed PARTIAL_REFUND 4000.00 CNY already", at(90)))
                .thenEvents(events -> assertThat(events).singleElement().isInstanceOfSatisfying(EscalatedToHq.class,
                        e -> assertThat(e.reason()).contains("did not take the agreement").contains("4000.00 CNY already")));
    }

    @Test
    void a_case_owed_money_or_before_an_outside_body_does_not_close_itself_after_follow_up() {
        var resolvedOwing = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING,
                new RefundAgreementRecorded(ID, REFUND, AMOUNT, TODAY.plusDays(9), at(150)),
                new ComplaintEvent.ComplaintResolved(ID, "refund agreed", "staff:wang", at(160)));
        var close = new ComplaintCommand.CloseAfterFollowUp(0, "satisfied at every call", "followup-service", at(400));
        resolvedOwing.when(close).thenNothing();

        resolvedOwing.and(new ComplaintEvent.RefundSettlementRecorded(ID, REFUND, AMOUNT, at(300))).when(close)
                .thenEvents(events -> assertThat(events).hasSize(1));

        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING,
                        new ComplaintEvent.EscalatedExternally(ID, REFUND, EscalationBody.CONSUMER_ASSOCIATION, "CA-1", null,
                                "staff:wang", at(140), null),
                        new ComplaintEvent.ComplaintResolved(ID, "explained", "staff:wang", at(160)))
                .when(close)
                .thenNothing();
    }

    @Test
    void the_refunds_agreement_taken_while_waiting_ends_the_wait() {
        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING,
                        new ComplaintEvent.WaitStarted(ID, WaitReason.CUSTOMER, "photos", "staff:wang", at(100)))
                .when(new ComplaintCommand.RecordRefundAgreed(REFUND, AMOUNT, TODAY.plusDays(9), Remedy.PARTIAL_REFUND,
                        "card", at(200)))
                .thenEvents(events -> assertThat(events).extracting(e -> e.getClass().getSimpleName())
                        .containsExactly("RefundAgreementRecorded", "WaitEnded", "AgreementReached"))
                .thenState(c -> assertThat(c.waiting()).isFalse());
    }

    @Test
    void a_typed_escalation_deadline_is_today_or_later_and_at_most_two_years_ahead() {
        var acknowledged = SPEC.given(FILED, ACKNOWLEDGED);
        acknowledged.when(new ComplaintCommand.Escalate(UUID.randomUUID(), EscalationBody.LAWYER_OR_COURT, "X",
                        TODAY.minusDays(10), "staff:wang", at(10)))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("deadline"));
        acknowledged.when(new ComplaintCommand.Escalate(UUID.randomUUID(), EscalationBody.LAWYER_OR_COURT, "X",
                        TODAY.plusYears(3), "staff:wang", at(10)))
                .thenRefused(RuleBroken.class);
        acknowledged.when(new ComplaintCommand.Escalate(UUID.randomUUID(), EscalationBody.LAWYER_OR_COURT, "X",
                        TODAY.plusDays(30), "staff:wang", at(10)))
                .thenEvents(events -> assertThat(events).hasSize(1));
    }

    @Test
    void the_refund_opened_is_shown_once() {
        var opened = SPEC.given(FILED).when(new ComplaintCommand.RecordRefundOpened(REFUND, at(5)))
                .thenEvents(events -> assertThat(events).hasSize(1))
                .thenState(c -> assertThat(c.refund().progress()).isEqualTo(Complaint.RefundProgress.OPEN))
                .next();
        opened.when(new ComplaintCommand.RecordRefundOpened(REFUND, at(6))).thenNothing();
    }
}
