package clinic.refund.domain;

import clinic.eventstore.domain.Money;

import clinic.devstack.DeciderSpec;
import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;
import clinic.refund.domain.RefundCommand.Agree;
import clinic.refund.domain.RefundCommand.ApproveAgreement;
import clinic.refund.domain.RefundCommand.ChannelShare;
import clinic.refund.domain.RefundCommand.CheckOverdue;
import clinic.refund.domain.RefundCommand.CounterOffer;
import clinic.refund.domain.RefundCommand.MakeOffer;
import clinic.refund.domain.RefundCommand.Party;
import clinic.refund.domain.RefundCommand.RecordPayment;
import clinic.refund.domain.RefundCommand.Reject;
import clinic.refund.domain.RefundCommand.RequestRefund;
import clinic.refund.domain.RefundCommand.StartReview;
import clinic.refund.domain.RefundCommand.Withdraw;
import clinic.refund.domain.RefundEvent.RefundOverdue;
import clinic.refund.domain.RefundEvent.RefundPaymentRecorded;
import clinic.refund.domain.RefundEvent.RefundRequested;
import clinic.refund.domain.RefundEvent.RefundSettled;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefundDeciderTest {

    static final UUID REFUND = UUID.randomUUID();
    static final UUID COMPLAINT = UUID.randomUUID();
    static final Instant AT = Instant.parse("2026-03-02T02:15:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-03-02");
    static final Money PAID = new Money(1_280_000, "CNY");
    static final RequestRefund REQUEST = new RequestRefund(REFUND, COMPLAINT, "SH001", "cust-889",
            RefundKind.FULL_REFUND, PAID, AT);

    static Money cny(long minor) {
        return new Money(minor, "CNY");
    }

    /** The refund decider, given / when / then. */
    static final DeciderSpec<RefundCommand, RefundCase, RefundEvent> SPEC =
            DeciderSpec.of(RefundDecider::decide, RefundDecider::evolve, RefundCase.NONE);

    static DeciderSpec<RefundCommand, RefundCase, RefundEvent>.Given agreed(long amount, Money threshold) {
        return SPEC.givenCommands(REQUEST, new StartReview("staff:li", AT),
                new MakeOffer(cny(800_000), "used sessions deducted", "default-1", "staff:li", AT),
                new CounterOffer(Party.CUSTOMER, cny(1_000_000), "no sessions used", "cust-889", AT),
                new Agree(cny(amount), null, List.of(new ChannelShare("CARD", cny(amount - 100_000)),
                        new ChannelShare("CASH", cny(100_000))), TODAY.plusDays(9), TODAY, threshold, "staff:li", AT));
    }

    @Test
    void a_refund_request_opens_a_case_for_what_was_paid() {
        var requested = new RefundRequested(REFUND, COMPLAINT, "SH001", "cust-889", RefundKind.FULL_REFUND, PAID, AT);
        SPEC.given().when(REQUEST)
                .then(requested)
                .thenState(s -> assertThat(s.status()).isEqualTo(RefundStatus.REQUESTED));
        SPEC.given(requested).when(REQUEST).thenRefused(RefundAlreadyOpen.class);
    }

    @Test
    void offers_and_counter_offers_are_recorded_round_by_round_until_an_agreement() {
        RefundCase c = agreed(900_000, null).state();
        assertThat(c.offers()).extracting(RefundCase.Offer::party).containsExactly(Party.CLINIC, Party.CUSTOMER);
        assertThat(c.status()).isEqualTo(RefundStatus.AGREED);
        assertThat(c.agreement().dueDate()).isEqualTo(TODAY.plusDays(9));
    }

    @Test
    void a_due_date_before_the_branchs_today_is_refused() {
        var negotiating = SPEC.givenCommands(REQUEST, new StartReview("staff:li", AT),
                new MakeOffer(cny(800_000), "used sessions deducted", "default-1", "staff:li", AT));
        List<ChannelShare> card = List.of(new ChannelShare("CARD", cny(800_000)));
        // 07:00 on 3 March in Shanghai is 23:00 on 2 March in UTC: the 2nd is already past for the branch
        Instant shanghaiMorning = Instant.parse("2026-03-02T23:00:00Z");
        negotiating.when(new Agree(cny(800_000), null, card, TODAY, TODAY.plusDays(1), null, "staff:li", shanghaiMorning))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("dueDate"));
        negotiating.when(new Agree(cny(800_000), null, card, TODAY.plusDays(1), TODAY.plusDays(1), null, "staff:li",
                        shanghaiMorning))
                .thenState(s -> assertThat(s.agreement().dueDate()).isEqualTo(TODAY.plusDays(1)));
    }

    @Test
    void an_agreement_above_the_threshold_waits_for_hq() {
        var awaiting = agreed(900_000, cny(500_000));
        assertThat(awaiting.state().status()).isEqualTo(RefundStatus.AWAITING_APPROVAL);
        awaiting.when(new RecordPayment("CARD", cny(1), "x", "finance", AT)).thenRefused(StepNotAllowed.class);
        awaiting.when(new ApproveAgreement("hq:zhou", AT))
                .thenState(s -> assertThat(s.status()).isEqualTo(RefundStatus.AGREED));
    }

    @Test
    void payments_per_channel_settle_the_refund_when_the_agreed_amount_is_paid() {
        var settling = agreed(900_000, null).andCommands(new RecordPayment("CARD", cny(800_000), "txn-1", "finance", AT));
        assertThat(settling.state().status()).isEqualTo(RefundStatus.SETTLING);
        settling.when(new RecordPayment("CASH", cny(100_000), "receipt-7", "finance", AT))
                .then(paid("CASH", 100_000, "receipt-7"), new RefundSettled(REFUND, COMPLAINT, cny(900_000), AT))
                .thenState(s -> assertThat(s.status()).isEqualTo(RefundStatus.SETTLED));
    }

    @Test
    void a_payment_beyond_what_is_left_or_on_a_channel_the_agreement_does_not_use_is_refused() {
        var agreed = agreed(900_000, null);
        agreed.when(new RecordPayment("CARD", cny(900_000), "x", "finance", AT))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("amount"));
        agreed.when(new RecordPayment("ALIPAY", cny(1), "x", "finance", AT))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("channel"));
    }

    static RefundPaymentRecorded paid(String channel, long minor, String reference) {
        return new RefundPaymentRecorded(REFUND, COMPLAINT, channel, cny(minor), reference, "finance", AT);
    }

    static RecordPayment pay(String channel, long minor, String reference) {
        return new RecordPayment(channel, cny(minor), reference, "finance", AT);
    }

    static long settlements(DeciderSpec<RefundCommand, RefundCase, RefundEvent>.Given c) {
        return c.history().stream().filter(e -> e instanceof RefundSettled).count();
    }

    @Test
    void each_channel_is_paid_what_is_left_on_it_and_the_cash_is_not_settled_by_paying_more_on_the_card() {
        // agreed: CARD 8,000 + CASH 1,000
        var cardPaid = agreed(900_000, null).when(pay("CARD", 800_000, "txn-1"))
                .then(paid("CARD", 800_000, "txn-1"))
                .next();

        cardPaid.when(pay("CARD", 100_000, "txn-2"))
                .thenRefused(RuleBroken.class, e -> {
                    assertThat(e.field()).isEqualTo("amount");
                    assertThat(e.getMessage()).contains("CARD is paid in full", "CASH 1000.00 CNY");
                });
        assertThat(cardPaid.state().status()).isEqualTo(RefundStatus.SETTLING);

        cardPaid.when(pay("CASH", 100_000, "receipt-7"))
                .then(paid("CASH", 100_000, "receipt-7"), new RefundSettled(REFUND, COMPLAINT, cny(900_000), AT))
                .thenState(s -> {
                    assertThat(s.status()).isEqualTo(RefundStatus.SETTLED);
                    assertThat(s.paidOn("CARD")).isEqualTo(800_000);
                    assertThat(s.paidOn("CASH")).isEqualTo(100_000);
                });
    }

    @Test
    void a_payment_above_what_is_left_on_its_channel_is_refused() {
        var agreed = agreed(900_000, null);
        agreed.when(pay("CASH", 100_001, "receipt-1"))
                .thenRefused(RuleBroken.class, e -> {
                    assertThat(e.field()).isEqualTo("amount");
                    assertThat(e.getMessage()).contains("only 1000.00 CNY is left to pay on CASH");
                });
        var partly = agreed.andCommands(pay("CARD", 500_000, "txn-1"));
        partly.when(pay("CARD", 300_001, "txn-2"))
                .thenRefused(RuleBroken.class, e -> {
                    assertThat(e.field()).isEqualTo("amount");
                    assertThat(e.getMessage()).contains("only 3000.00 CNY is left to pay on CARD (of its 8000.00 CNY)");
                });
        assertThat(partly.state().paidMinor()).isEqualTo(500_000);
        assertThat(partly.state().status()).isEqualTo(RefundStatus.SETTLING);
    }

    @Test
    void the_same_payment_recorded_again_decides_nothing_and_never_settles_twice() {
        var cardPaid = agreed(900_000, null).andCommands(pay("CARD", 800_000, "txn-1"));
        cardPaid.when(pay("CARD", 800_000, "txn-1")).thenNothing();

        var settled = cardPaid.when(pay("CASH", 100_000, "receipt-7"))
                .thenState(s -> assertThat(s.status()).isEqualTo(RefundStatus.SETTLED))
                .next();
        // finance's retry of the last payment, after it settled the refund: the same payment, nothing new
        settled.when(pay("CASH", 100_000, "receipt-7")).thenNothing();
        var retried = settled.andCommands(pay("CASH", 100_000, "receipt-7"), pay("CARD", 800_000, "txn-1"));
        assertThat(settlements(retried)).isEqualTo(1);
        assertThat(retried.state().paidMinor()).isEqualTo(900_000);
        assertThat(retried.state().payments()).extracting(RefundCase.PaymentMade::reference)
                .containsExactly("txn-1", "receipt-7");
    }

    @Test
    void a_reference_already_recorded_for_another_channel_or_amount_is_refused() {
        var cardPaid = agreed(900_000, null).andCommands(pay("CARD", 800_000, "txn-1"));
        cardPaid.when(pay("CARD", 50_000, "txn-1"))
                .thenRefused(RuleBroken.class, e -> {
                    assertThat(e.field()).isEqualTo("reference");
                    assertThat(e.getMessage()).contains("already recorded for CARD 8000.00");
                });
        cardPaid.when(pay("CASH", 800_000, "txn-1"))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("reference"));
        assertThat(cardPaid.state().paidMinor()).isEqualTo(800_000);
    }

    @Test
    void two_channels_paid_in_parts_settle_exactly_once_when_the_last_part_lands() {
        var partly = agreed(900_000, null).andCommands(pay("CARD", 300_000, "txn-1"), pay("CASH", 40_000, "receipt-1"),
                pay("CARD", 500_000, "txn-2"));
        assertThat(partly.state().status()).isEqualTo(RefundStatus.SETTLING);
        assertThat(settlements(partly)).isZero();

        var settled = partly.when(pay("CASH", 60_000, "receipt-2"))
                .then(paid("CASH", 60_000, "receipt-2"), new RefundSettled(REFUND, COMPLAINT, cny(900_000), AT))
                .next();
        assertThat(settled.state().status()).isEqualTo(RefundStatus.SETTLED);
        assertThat(settlements(settled)).isEqualTo(1);
        assertThat(settled.state().paidMinor()).isEqualTo(900_000);
    }

    @Test
    void no_offer_or_agreement_exceeds_what_was_paid() {
        var review = SPEC.givenCommands(REQUEST, new StartReview("s", AT));
        review.when(new MakeOffer(cny(1_280_001), "", null, "s", AT)).thenRefused(RuleBroken.class, "exceeds");
        review.when(new MakeOffer(new Money(100, "USD"), "", null, "s", AT)).thenRefused(RuleBroken.class);
    }

    @Test
    void the_overdue_alarm_is_raised_once_after_the_due_date_and_paying_later_clears_it() {
        var settling = agreed(900_000, null).andCommands(new RecordPayment("CARD", cny(800_000), "txn-1", "finance", AT));
        LocalDate due = settling.state().agreement().dueDate();
        settling.when(new CheckOverdue(due, AT)).thenNothing(); // due today: not yet
        var overdue = settling.when(new CheckOverdue(due.plusDays(1), AT))
                .then(new RefundOverdue(REFUND, COMPLAINT, cny(900_000), cny(800_000), due, AT))
                .thenState(s -> assertThat(s.overdue()).isTrue())
                .next();
        overdue.when(new CheckOverdue(due.plusDays(5), AT)).thenNothing();

        overdue.when(new RecordPayment("CASH", cny(100_000), "receipt-7", "finance", AT))
                .thenState(s -> {
                    assertThat(s.status()).isEqualTo(RefundStatus.SETTLED);
                    assertThat(s.overdue()).isFalse();
                });
    }

    @Test
    void a_closed_case_takes_no_more_steps_and_says_so() {
        var rejected = SPEC.givenCommands(REQUEST, new Reject("outside the contract's refund clause", "s", AT));
        assertThat(RefundDecider.allowedSteps(rejected.state())).isEmpty();
        rejected.when(new Withdraw("x", "c", AT))
                .thenRefused(StepNotAllowed.class, e -> assertThat(e.state()).isEqualTo(RefundStatus.REJECTED));
        rejected.when(new CheckOverdue(TODAY.plusDays(30), AT)).thenNothing();
    }

    @Test
    void money_is_never_negative_nor_in_an_unknown_currency() {
        assertThatThrownBy(() -> new Money(-1, "CNY")).hasMessageContaining("negative");
        assertThatThrownBy(() -> new Money(1, "XYZ")).isInstanceOf(IllegalArgumentException.class);
    }

    static clinic.refund.domain.entitlement.Entitlement entitlement(String currency) {
        Money total = new Money(30_450, currency);
        return new clinic.refund.domain.entitlement.Entitlement("default-1",
                clinic.refund.domain.entitlement.RefundReason.PERSONAL_CANCELLATION,
                List.of(new clinic.refund.domain.entitlement.Entitlement.Line("paid for card", 300_000, "paid"),
                        new clinic.refund.domain.entitlement.Entitlement.Line("balance consumed", -269_550,
                                "consumed.balance-principal-share")),
                total, new Money(0, currency), total, List.of(), null);
    }

    @Test
    void the_review_stores_the_entitlement_with_the_orders_it_read_and_may_recalculate_while_negotiating() {
        UUID order = UUID.randomUUID();
        var calculated = SPEC.givenCommands(REQUEST, new StartReview("s", AT))
                .when(new RefundCommand.RecordEntitlement(List.of(order), entitlement("CNY"), "staff:li", AT))
                .thenEvents(events -> assertThat(events.getLast()).isInstanceOf(RefundEvent.RefundEntitlementCalculated.class))
                .thenState(s -> {
                    assertThat(s.entitlement().total()).isEqualTo(cny(30_450));
                    assertThat(s.orders()).containsExactly(order);
                })
                .next();
        var recalculated = calculated.andCommands(new MakeOffer(cny(30_450), "per the calculation", "default-1", "s", AT),
                new RefundCommand.RecordEntitlement(List.of(order), entitlement("CNY"), "staff:li", AT));
        assertThat(recalculated.state().status()).isEqualTo(RefundStatus.OFFERED);
        recalculated.when(new RefundCommand.RecordEntitlement(List.of(order), entitlement("USD"), "s", AT))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("orders"));
        recalculated.when(new RefundCommand.RecordEntitlement(List.of(), entitlement("CNY"), "s", AT))
                .thenRefused(RuleBroken.class);
    }

    @Test
    void an_escalated_refund_goes_on_negotiating_under_the_outside_body_and_can_still_be_agreed() {
        var escalated = SPEC.givenCommands(REQUEST, new StartReview("s", AT))
                .when(new RefundCommand.Escalate("CONSUMER_ASSOCIATION", "SHCA-2026-118", "staff:li", AT))
                .thenState(s -> assertThat(s.status()).isEqualTo(RefundStatus.ESCALATED))
                .next();
        var agreed = escalated.andCommands(new MakeOffer(cny(600_000), "mediated", null, "s", AT),
                new Agree(cny(600_000), null, List.of(new ChannelShare("CARD", cny(600_000))), TODAY.plusDays(7), TODAY,
                        null, "s", AT));
        assertThat(agreed.state().status()).isEqualTo(RefundStatus.AGREED);
        agreed.when(new RefundCommand.Escalate("COURT", null, "s", AT)).thenRefused(StepNotAllowed.class);
    }

    /** Every state a case can be in, reached by real steps. */
    static java.util.Map<RefundStatus, DeciderSpec<RefundCommand, RefundCase, RefundEvent>.Given> everyState() {
        var states = new java.util.EnumMap<RefundStatus, DeciderSpec<RefundCommand, RefundCase, RefundEvent>.Given>(
                RefundStatus.class);
        states.put(RefundStatus.NONE, SPEC.given());
        states.put(RefundStatus.REQUESTED, SPEC.givenCommands(REQUEST));
        states.put(RefundStatus.UNDER_REVIEW, SPEC.givenCommands(REQUEST, new StartReview("s", AT)));
        states.put(RefundStatus.OFFERED, SPEC.givenCommands(REQUEST, new StartReview("s", AT),
                new MakeOffer(cny(1), "", null, "s", AT)));
        states.put(RefundStatus.COUNTER_OFFERED, states.get(RefundStatus.OFFERED)
                .andCommands(new CounterOffer(Party.CUSTOMER, cny(2), "", "c", AT)));
        states.put(RefundStatus.ESCALATED, SPEC.givenCommands(REQUEST, new RefundCommand.Escalate("LAWYER", null, "s", AT)));
        states.put(RefundStatus.AWAITING_APPROVAL, agreed(900_000, cny(1)));
        states.put(RefundStatus.AGREED, agreed(900_000, null));
        states.put(RefundStatus.SETTLING, agreed(900_000, null).andCommands(new RecordPayment("CARD", cny(1), "t0", "f", AT)));
        states.put(RefundStatus.SETTLED, agreed(900_000, null).andCommands(new RecordPayment("CARD", cny(800_000), "t1", "f", AT),
                new RecordPayment("CASH", cny(100_000), "t2", "f", AT)));
        states.put(RefundStatus.REJECTED, SPEC.givenCommands(REQUEST, new Reject("r", "s", AT)));
        states.put(RefundStatus.WITHDRAWN, SPEC.givenCommands(REQUEST, new Withdraw("w", "c", AT)));
        return states;
    }

    /** One command of every step. */
    static List<RefundCommand> everyStep() {
        return List.of(new StartReview("s", AT),
                new RefundCommand.RecordEntitlement(List.of(UUID.randomUUID()), entitlement("CNY"), "s", AT),
                new MakeOffer(cny(1), "", null, "s", AT), new CounterOffer(Party.CUSTOMER, cny(1), "", "c", AT),
                new Agree(cny(1), null, List.of(new ChannelShare("CARD", cny(1))), TODAY.plusDays(7), TODAY, null, "s", AT),
                new ApproveAgreement("hq", AT), new RecordPayment("CARD", cny(1), "t", "f", AT),
                new Reject("r", "s", AT), new Withdraw("w", "c", AT), new RefundCommand.Escalate("LAWYER", null, "s", AT));
    }

    @Test
    void every_step_the_state_does_not_allow_is_refused_naming_the_state_and_the_steps_it_allows() {
        var states = everyState();
        assertThat(states.keySet()).containsExactlyInAnyOrder(RefundStatus.values());
        int refused = 0;
        for (var entry : states.entrySet()) {
            var given = entry.getValue();
            assertThat(given.state().status()).isEqualTo(entry.getKey());
            List<String> allowed = RefundDecider.allowedSteps(given.state());
            for (RefundCommand command : everyStep()) {
                if (allowed.contains(command.step())) {
                    given.when(command).thenEvents(events ->
                            assertThat(events).as(command.step() + " in " + entry.getKey()).isNotEmpty());
                } else {
                    refused++;
                    given.when(command).thenRefused(StepNotAllowed.class, e -> {
                        assertThat(e.state()).as(command.step() + " in " + entry.getKey()).isEqualTo(entry.getKey());
                        assertThat(e.allowedSteps()).isEqualTo(allowed);
                    });
                }
            }
        }
        assertThat(refused).isGreaterThan(60);
    }

    @Test
    void every_round_and_the_agreement_carry_a_remedy_and_a_full_refund_is_everything_paid() {
        var countered = SPEC.givenCommands(REQUEST, new StartReview("s", AT),
                new MakeOffer(cny(400_000), RefundRemedy.CORRECTIVE_TREATMENT_AND_REFUND, "free correction and 4,000",
                        null, "staff:li", AT),
                new CounterOffer(Party.CUSTOMER, PAID, "no more treatments, thank you", "cust-889", AT));
        assertThat(countered.state().offers()).extracting(RefundCase.Offer::remedy)
                .containsExactly(RefundRemedy.CORRECTIVE_TREATMENT_AND_REFUND, RefundRemedy.FULL_REFUND);
        countered.when(new MakeOffer(cny(900_000), RefundRemedy.FULL_REFUND, "", null, "s", AT))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("remedy"));
        countered.when(new Agree(cny(900_000), RefundRemedy.REFUND_TO_BALANCE, List.of(new ChannelShare("PREPAID_BALANCE",
                        cny(900_000))), TODAY.plusDays(7), TODAY, null, "s", AT))
                .thenState(s -> assertThat(s.agreement().remedy()).isEqualTo(RefundRemedy.REFUND_TO_BALANCE));
    }
}
