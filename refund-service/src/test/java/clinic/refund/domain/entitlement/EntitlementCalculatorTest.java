package clinic.refund.domain.entitlement;

import clinic.eventstore.domain.Money;
import clinic.refund.domain.entitlement.Payment.Instrument;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntitlementCalculatorTest {

    static final RefundPolicy POLICY = new RefundPolicy("2026-11", 2000, 300,
            RefundPolicy.PointsTreatment.RESTORE, RefundPolicy.CouponTreatment.REISSUE);

    static Money cny(String amount) {
        return new Money(new java.math.BigDecimal(amount).movePointRight(2).longValueExact(), "CNY");
    }

    static EntitlementRequest request(RefundReason reason, List<Item> items, List<Payment> payments, List<HandlingFee> fees) {
        return new EntitlementRequest(reason, "CNY", items, payments, fees, null, LocalDate.parse("2026-01-05"),
                LocalDate.parse("2026-03-06"), null);
    }

    static long sum(List<Entitlement.Line> lines) {
        return lines.stream().mapToLong(Entitlement.Line::amountMinor).sum();
    }

    @Test
    void a_prepaid_balance_refunds_the_paid_principal_left_never_the_gifted_credit() {
        // docs/business.md: 3,000 paid + 1,000 gifted is a 75 % ratio, so 3,594 of list-price consumption deducts 2,695.50
        var card = new Item.PrepaidBalance("membership card", cny("3000.00"), cny("1000.00"), cny("3594.00"));
        Entitlement e = EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, List.of(card),
                List.of(Payment.of(Instrument.CARD, cny("3000.00"))), List.of()), POLICY);

        assertThat(e.lines()).extracting(Entitlement.Line::amountMinor).containsExactly(300_000L, -269_550L);
        assertThat(e.total()).isEqualTo(cny("304.50"));
        assertThat(e.lines().get(1).rule()).isEqualTo("consumed.balance-principal-share");
        assertThat(e.policyVersion()).isEqualTo("2026-11");
    }

    @Test
    void consumption_never_deducts_more_than_was_prepaid() {
        var card = new Item.PrepaidBalance("membership card", cny("3000.00"), cny("1000.00"), cny("4000.00"));
        assertThat(EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, List.of(card),
                List.of(Payment.of(Instrument.CARD, cny("3000.00"))), List.of()), POLICY).total()).isEqualTo(cny("0.00"));
    }

    @Test
    void used_sessions_of_a_package_are_valued_at_the_price_paid_with_gifted_sessions_folded_in() {
        // 10 sessions + 2 gifted for 6,000.00: each of the 12 is worth 500.00; 3 used deduct 1,500.00
        var pack = new Item.SessionPackage("photo-rejuvenation 10+2", cny("6000.00"), 10, 2, 3);
        Entitlement e = EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, List.of(pack),
                List.of(Payment.of(Instrument.CARD, cny("6000.00"))), List.of()), POLICY);
        assertThat(e.total()).isEqualTo(cny("4500.00"));
    }

    @Test
    void deductions_round_down_to_the_fen_in_the_customers_favour() {
        // 1,000.00 for 3 sessions, one used: 333.333... deducted as 333.33
        var pack = new Item.SessionPackage("peel x3", cny("1000.00"), 3, 0, 1);
        Entitlement e = EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, List.of(pack),
                List.of(Payment.of(Instrument.CASH, cny("1000.00"))), List.of()), POLICY);
        assertThat(e.total()).isEqualTo(cny("666.67"));
    }

    @Test
    void handling_fees_are_itemised_and_capped_by_policy_and_contract() {
        var treatment = new Item.Treatment("rhinoplasty", cny("30000.00"), false);
        var fees = List.of(
                new HandlingFee(HandlingFee.Kind.SERVICE_COST_INCURRED, "consultation and blood tests", cny("1200.00")),
                new HandlingFee(HandlingFee.Kind.ADMINISTRATION, "administration", cny("300.00")),
                new HandlingFee(HandlingFee.Kind.LOST_SLOT, "surgeon's slot on 12 March", cny("6000.00")));
        var paidByCard = List.of(Payment.of(Instrument.CARD, cny("30000.00")));

        // policy cap 20 % = 6,000.00 < 7,500.00 claimed
        Entitlement capped = EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, List.of(treatment),
                paidByCard, fees), POLICY);
        assertThat(capped.total()).isEqualTo(cny("24000.00"));
        assertThat(capped.lines()).extracting(Entitlement.Line::rule).contains("handling-fee.service-cost-incurred",
                "handling-fee.administration", "handling-fee.lost-slot", "handling-fee.cap");

        // the contract caps them lower still
        var contractCap = new EntitlementRequest(RefundReason.PERSONAL_CANCELLATION, "CNY", List.of(treatment), paidByCard,
                fees, cny("1000.00"), null, null, null);
        assertThat(EntitlementCalculator.calculate(contractCap, POLICY).total()).isEqualTo(cny("29000.00"));
    }

    @Test
    void a_clinic_at_fault_for_a_project_never_started_owes_everything_paid_with_interest_and_costs() {
        var treatment = new Item.Treatment("thread lift", cny("36500.00"), false);
        var r = new EntitlementRequest(RefundReason.CLINIC_FAULT_NOT_STARTED, "CNY", List.of(treatment),
                List.of(Payment.of(Instrument.CARD, cny("36500.00"))), List.of(), null,
                LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-02"), cny("180.00"));
        Entitlement e = EntitlementCalculator.calculate(r, POLICY);

        // 60 days at 3 % a year on 36,500.00 = 180.00 exactly
        assertThat(e.refund()).isEqualTo(cny("36500.00"));
        assertThat(e.compensation()).isEqualTo(cny("360.00"));
        assertThat(e.total()).isEqualTo(cny("36860.00"));
        assertThat(e.lines()).extracting(Entitlement.Line::rule).contains("art53.interest", "art53.costs");
        assertThatThrownBy(() -> EntitlementCalculator.calculate(new EntitlementRequest(RefundReason.CLINIC_FAULT_NOT_STARTED,
                "CNY", List.of(treatment), List.of(Payment.of(Instrument.CARD, cny("36500.00"))),
                List.of(new HandlingFee(HandlingFee.Kind.ADMINISTRATION, "admin", cny("10.00"))), null, null, null, null), POLICY))
                .isInstanceOfSatisfying(EntitlementCalculator.InvalidEntitlementRequest.class,
                        ex -> assertThat(ex.field()).isEqualTo("handlingFees"));
    }

    @Test
    void a_result_the_assessor_blamed_on_the_clinic_is_refunded_in_full() {
        var pack = new Item.SessionPackage("filler 2 sessions", cny("9800.00"), 2, 0, 2);
        Entitlement e = EntitlementCalculator.calculate(request(RefundReason.RESULT_AT_FAULT, List.of(pack),
                List.of(Payment.of(Instrument.CARD, cny("9800.00"))), List.of()), POLICY);
        assertThat(e.total()).isEqualTo(cny("9800.00"));
    }

    @Test
    void the_part_paid_with_coupons_and_points_is_not_cash() {
        var product = new Item.Product("repair serum", cny("500.00"), true);
        Entitlement e = EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, List.of(product),
                List.of(Payment.of(Instrument.CARD, cny("400.00")), Payment.of(Instrument.COUPON, cny("80.00")),
                        Payment.of(Instrument.POINTS, cny("20.00"))), List.of()), POLICY);
        assertThat(e.total()).isEqualTo(cny("400.00"));
        assertThat(e.lines()).extracting(Entitlement.Line::rule).contains("coupons.reissue", "points.restore");
        assertThat(e.allocation()).extracting(Entitlement.Allocation::channel).containsExactly("CARD");
    }

    @Test
    void instalments_are_unwound_through_the_financing_partner_first() {
        var treatment = new Item.Treatment("liposuction", cny("20000.00"), false);
        var payments = List.of(Payment.of(Instrument.CARD, cny("5000.00")),
                new Payment(Instrument.INSTALMENTS, cny("15000.00"), "Huabei", cny("3000.00")));
        Entitlement e = EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, List.of(treatment),
                payments, List.of(new HandlingFee(HandlingFee.Kind.ADMINISTRATION, "admin", cny("1000.00")))), POLICY);

        assertThat(e.total()).isEqualTo(cny("19000.00"));
        assertThat(e.allocation()).extracting(Entitlement.Allocation::amountMinor)
                .containsExactly(1_200_000L, 300_000L, 400_000L); // 12,000 cancelled, 3,000 repaid back, 4,000 to card
        assertThat(e.allocation().getFirst().note()).contains("cancelled through Huabei");
        assertThat(sum(e.lines())).isEqualTo(e.total().minorUnits());
    }

    @Test
    void a_request_in_mixed_currencies_or_with_payments_that_do_not_add_up_is_refused_by_field() {
        var treatment = new Item.Treatment("botox", cny("2000.00"), false);
        assertThatThrownBy(() -> EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, List.of(treatment),
                List.of(Payment.of(Instrument.CARD, new Money(200_000, "HKD"))), List.of()), POLICY))
                .isInstanceOfSatisfying(EntitlementCalculator.InvalidEntitlementRequest.class,
                        ex -> assertThat(ex.field()).isEqualTo("payments"));
        assertThatThrownBy(() -> EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, List.of(treatment),
                List.of(Payment.of(Instrument.CARD, cny("1999.99"))), List.of()), POLICY))
                .hasMessageContaining("must add up");
    }

    static Money usd(String amount) {
        return new Money(new java.math.BigDecimal(amount).movePointRight(2).longValueExact(), "USD");
    }

    static EntitlementRequest inDollars(FxRates fx) {
        var treatment = new Item.Treatment("thread lift", usd("1000.00"), false);
        return new EntitlementRequest(RefundReason.CLINIC_FAULT_NOT_STARTED, "USD", List.of(treatment),
                List.of(Payment.of(Instrument.CARD, usd("1000.00"))), List.of(), null, null, null, null, fx);
    }

    @Test
    void a_foreign_currency_refund_is_paid_in_that_currency_and_the_clinic_bears_the_rate_by_default() {
        // paid 1,000 USD at 7.20 CNY; on the refund day a dollar costs 7.30: the clinic pays 7,300 CNY for what brought 7,200
        Entitlement e = EntitlementCalculator.calculate(inDollars(new FxRates("CNY", new java.math.BigDecimal("7.20"),
                new java.math.BigDecimal("7.30"))), POLICY);
        assertThat(e.total()).isEqualTo(usd("1000.00"));
        assertThat(e.fx().differenceReportingMinor()).isEqualTo(10_000L); // 100.00 CNY
        assertThat(e.fx().borneBy()).isEqualTo(RefundPolicy.FxDifference.CLINIC);
    }

    @Test
    void where_the_customer_bears_the_rate_they_get_what_the_clinic_received_never_more_than_they_paid() {
        var customerBears = new RefundPolicy("fx-customer", 2000, 0, RefundPolicy.PointsTreatment.RESTORE,
                RefundPolicy.CouponTreatment.REISSUE, RefundPolicy.FxDifference.CUSTOMER);
        // 7,200 CNY received buys 986.30137 dollars at 7.30: the refund rounds up to 986.31, the loss to 13.69
        Entitlement dearer = EntitlementCalculator.calculate(inDollars(new FxRates("CNY",
                new java.math.BigDecimal("7.20"), new java.math.BigDecimal("7.30"))), customerBears);
        assertThat(dearer.total()).isEqualTo(usd("986.31"));
        assertThat(dearer.lines()).extracting(Entitlement.Line::rule).contains("fx.customer");
        assertThat(sum(dearer.lines())).isEqualTo(dearer.total().minorUnits());
        // a cheaper dollar is no reason to refund more than was paid
        Entitlement cheaper = EntitlementCalculator.calculate(inDollars(new FxRates("CNY",
                new java.math.BigDecimal("7.20"), new java.math.BigDecimal("7.00"))), customerBears);
        assertThat(cheaper.total()).isEqualTo(usd("1000.00"));
        assertThat(cheaper.fx().differenceReportingMinor()).isEqualTo(-20_000L);
    }

    @Test
    void exchange_rates_for_a_purchase_in_the_reporting_currency_are_refused() {
        var treatment = new Item.Treatment("peel", cny("500.00"), false);
        assertThatThrownBy(() -> EntitlementCalculator.calculate(new EntitlementRequest(RefundReason.CLINIC_FAULT_NOT_STARTED,
                "CNY", List.of(treatment), List.of(Payment.of(Instrument.CARD, cny("500.00"))), List.of(), null, null,
                null, null, new FxRates("CNY", java.math.BigDecimal.ONE, java.math.BigDecimal.ONE)), POLICY))
                .hasMessageContaining("foreign currency");
    }

    static EntitlementRequest inDollars(String rateAtPayment, String rateAtRefund) {
        return inDollars(new FxRates("CNY", new java.math.BigDecimal(rateAtPayment), new java.math.BigDecimal(rateAtRefund)));
    }

    static void refusedNaming(String field, EntitlementRequest r, RefundPolicy policy) {
        assertThatThrownBy(() -> EntitlementCalculator.calculate(r, policy))
                .isInstanceOfSatisfying(EntitlementCalculator.InvalidEntitlementRequest.class,
                        ex -> assertThat(ex.field()).isEqualTo(field));
    }

    static final RefundPolicy CUSTOMER_BEARS_FX = new RefundPolicy("fx-customer", 2000, 300,
            RefundPolicy.PointsTreatment.RESTORE, RefundPolicy.CouponTreatment.REISSUE, RefundPolicy.FxDifference.CUSTOMER);

    @Test
    void an_implausible_exchange_rate_is_refused_naming_it_instead_of_failing_the_arithmetic() {
        for (RefundPolicy policy : List.of(POLICY, CUSTOMER_BEARS_FX)) {
            for (String absurd : List.of("1e300", "0.0000000000000000000001", "999999999999999999999999", "1000000.01",
                    "0.00000099", "7.12345678901")) {
                refusedNaming("fx.rateAtRefund", inDollars("7.20", absurd), policy);
                refusedNaming("fx.rateAtPayment", inDollars(absurd, "7.20"), policy);
            }
            // the edges of the plausible range are taken
            assertThat(EntitlementCalculator.calculate(inDollars("0.000001", "1000000"), policy).refund().currency())
                    .isEqualTo("USD");
            assertThat(EntitlementCalculator.calculate(inDollars("1000000", "0.000001"), policy).total().minorUnits())
                    .isBetween(0L, 100_000L);
            assertThat(EntitlementCalculator.calculate(inDollars("7.2000000000000", "7.1234567891"), policy).fx())
                    .isNotNull(); // trailing zeros are no decimal places
        }
        assertThat(FxRates.whyImplausible(new java.math.BigDecimal("1e300"))).hasValueSatisfying(why ->
                assertThat(why).contains("between 0.000001 and 1000000"));
    }

    @Test
    void a_purchase_worth_more_than_the_ceiling_in_the_reporting_currency_is_refused_at_that_rate() {
        // 100 million dollars is 10^10 minor units, under the ceiling; at 1,000 yuan a dollar it is 100 billion yuan
        var big = new Item.Treatment("the whole clinic", new Money(10_000_000_000L, "USD"), false);
        var r = new EntitlementRequest(RefundReason.PERSONAL_CANCELLATION, "USD", List.of(big),
                List.of(Payment.of(Instrument.CARD, new Money(10_000_000_000L, "USD"))), List.of(), null, null, null, null,
                new FxRates("CNY", new java.math.BigDecimal("7.20"), new java.math.BigDecimal("1000.01")));
        assertThatThrownBy(() -> EntitlementCalculator.calculate(r, POLICY))
                .isInstanceOfSatisfying(EntitlementCalculator.InvalidEntitlementRequest.class, ex -> {
                    assertThat(ex.field()).isEqualTo("fx.rateAtRefund");
                    assertThat(ex.getMessage()).contains("above the ceiling");
                });
    }

    @Test
    void an_amount_above_the_ceiling_is_refused_by_field_up_to_long_max_value() {
        long ceiling = EntitlementCalculator.MAX_AMOUNT_MINOR;
        assertThat(ceiling).isEqualTo(10_000_000_000_000L); // 100 billion yuan
        for (long absurd : List.of(ceiling + 1, Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE)) {
            var item = new Item.Treatment("t", new Money(absurd, "CNY"), false);
            refusedNaming("items[0].paid", request(RefundReason.PERSONAL_CANCELLATION, List.of(item),
                    List.of(Payment.of(Instrument.CARD, new Money(absurd, "CNY"))), List.of()), POLICY);
            var card = new Item.PrepaidBalance("card", cny("3000.00"), new Money(absurd, "CNY"), cny("1.00"));
            refusedNaming("items[0].giftedCredit", request(RefundReason.PERSONAL_CANCELLATION, List.of(card),
                    List.of(Payment.of(Instrument.CARD, cny("3000.00"))), List.of()), POLICY);
            var used = new Item.PrepaidBalance("card", cny("3000.00"), cny("0.00"), new Money(absurd, "CNY"));
            refusedNaming("items[0].consumedAtListPrice", request(RefundReason.PERSONAL_CANCELLATION, List.of(used),
                    List.of(Payment.of(Instrument.CARD, cny("3000.00"))), List.of()), POLICY);
            var peel = new Item.Treatment("peel", cny("500.00"), false);
            refusedNaming("payments[1].instalmentsPaid", request(RefundReason.PERSONAL_CANCELLATION, List.of(peel),
                    List.of(Payment.of(Instrument.CARD, cny("100.00")),
                            new Payment(Instrument.INSTALMENTS, cny("400.00"), "Huabei", new Money(absurd, "CNY"))), List.of()), POLICY);
            refusedNaming("handlingFees[0].amount", request(RefundReason.PERSONAL_CANCELLATION, List.of(peel),
                    List.of(Payment.of(Instrument.CARD, cny("500.00"))),
                    List.of(new HandlingFee(HandlingFee.Kind.ADMINISTRATION, "admin", new Money(absurd, "CNY")))), POLICY);
            refusedNaming("reasonableCosts", new EntitlementRequest(RefundReason.CLINIC_FAULT_NOT_STARTED, "CNY",
                    List.of(peel), List.of(Payment.of(Instrument.CARD, cny("500.00"))), List.of(), null, null, null,
                    new Money(absurd, "CNY")), POLICY);
            refusedNaming("contractFeeCap", new EntitlementRequest(RefundReason.PERSONAL_CANCELLATION, "CNY",
                    List.of(peel), List.of(Payment.of(Instrument.CARD, cny("500.00"))), List.of(), new Money(absurd, "CNY"),
                    null, null, null), POLICY);
        }
        // the ceiling itself is taken
        var most = new Item.Treatment("t", new Money(ceiling, "CNY"), false);
        assertThat(EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, List.of(most),
                List.of(Payment.of(Instrument.CARD, new Money(ceiling, "CNY"))), List.of()), POLICY).total())
                .isEqualTo(new Money(ceiling, "CNY"));
    }

    @Test
    void many_items_or_payments_whose_sum_would_overflow_are_refused_as_a_whole() {
        long ceiling = EntitlementCalculator.MAX_AMOUNT_MINOR;
        // a thousand items at the ceiling: 10^16, and sums like it wrap a long once there are a million of them
        List<Item> items = java.util.Collections.nCopies(1000, new Item.Treatment("t", new Money(ceiling, "CNY"), false));
        List<Payment> payments = java.util.Collections.nCopies(1000, Payment.of(Instrument.CARD, new Money(ceiling, "CNY")));
        assertThatThrownBy(() -> EntitlementCalculator.calculate(request(RefundReason.PERSONAL_CANCELLATION, items,
                payments, List.of()), POLICY))
                .isInstanceOfSatisfying(EntitlementCalculator.InvalidEntitlementRequest.class, ex -> {
                    assertThat(ex.field()).isEqualTo("items");
                    assertThat(ex.getMessage()).contains("ceiling");
                });
        var one = List.<Item>of(new Item.Treatment("t", new Money(ceiling, "CNY"), false));
        refusedNaming("payments", request(RefundReason.PERSONAL_CANCELLATION, one, List.of(
                Payment.of(Instrument.CARD, new Money(ceiling, "CNY")), Payment.of(Instrument.CASH, new Money(ceiling, "CNY"))),
                List.of()), POLICY);
        refusedNaming("handlingFees", request(RefundReason.PERSONAL_CANCELLATION, one,
                List.of(Payment.of(Instrument.CARD, new Money(ceiling, "CNY"))), List.of(
                        new HandlingFee(HandlingFee.Kind.ADMINISTRATION, "a", new Money(ceiling, "CNY")),
                        new HandlingFee(HandlingFee.Kind.LOST_SLOT, "b", new Money(1, "CNY")))), POLICY);
    }

    @Test
    void interest_runs_from_the_payment_for_at_most_thirty_years() {
        var treatment = new Item.Treatment("thread lift", cny("36500.00"), false);
        java.util.function.BiFunction<String, String, EntitlementRequest> between = (paidOn, refundOn) ->
                new EntitlementRequest(RefundReason.CLINIC_FAULT_NOT_STARTED, "CNY", List.of(treatment),
                        List.of(Payment.of(Instrument.CARD, cny("36500.00"))), List.of(), null,
                        LocalDate.parse(paidOn), LocalDate.parse(refundOn), null);
        refusedNaming("refundOn", between.apply("2026-01-01", "9999-12-31"), POLICY);
        refusedNaming("refundOn", between.apply("0001-01-01", "2026-03-02"), POLICY);
        refusedNaming("refundOn", between.apply("2026-01-01", "2056-01-02"), POLICY);
        refusedNaming("refundOn", between.apply("2026-03-02", "2026-03-01"), POLICY);
        refusedNaming("refundOn", new EntitlementRequest(RefundReason.CLINIC_FAULT_NOT_STARTED, "CNY", List.of(treatment),
                List.of(Payment.of(Instrument.CARD, cny("36500.00"))), List.of(), null, LocalDate.MIN, LocalDate.MAX, null),
                POLICY);
        // exactly thirty years is taken: 10,957 days at 3 % a year on 36,500.00
        Entitlement thirty = EntitlementCalculator.calculate(between.apply("2026-01-01", "2056-01-01"), POLICY);
        assertThat(thirty.compensation()).isEqualTo(cny("32871.00"));
        // and the dearest policy allowed over the longest span on the largest amount does not overflow
        var dearest = new RefundPolicy("dear", 2000, 10_000, RefundPolicy.PointsTreatment.RESTORE,
                RefundPolicy.CouponTreatment.REISSUE);
        long ceiling = EntitlementCalculator.MAX_AMOUNT_MINOR;
        var most = new EntitlementRequest(RefundReason.CLINIC_FAULT_NOT_STARTED, "CNY",
                List.of(new Item.Treatment("t", new Money(ceiling, "CNY"), false)),
                List.of(Payment.of(Instrument.CARD, new Money(ceiling, "CNY"))), List.of(), null,
                LocalDate.parse("2026-01-01"), LocalDate.parse("2056-01-01"), new Money(ceiling, "CNY"));
        Entitlement e = EntitlementCalculator.calculate(most, dearest);
        assertThat(e.total().minorUnits()).isEqualTo(Math.addExact(ceiling, e.compensation().minorUnits()));
        assertThat(sum(e.lines())).isEqualTo(e.total().minorUnits());
        assertThatThrownBy(() -> new RefundPolicy("absurd", 2000, 10_001, RefundPolicy.PointsTreatment.RESTORE,
                RefundPolicy.CouponTreatment.REISSUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_package_counts_at_most_ten_thousand_sessions_and_as_many_gifted() {
        var absurd = new Item.SessionPackage("p", cny("1000.00"), Integer.MAX_VALUE, 0, 1);
        refusedNaming("items[0].sessions", request(RefundReason.PERSONAL_CANCELLATION, List.of(absurd),
                List.of(Payment.of(Instrument.CARD, cny("1000.00"))), List.of()), POLICY);
        var gifted = new Item.SessionPackage("p", cny("1000.00"), 10, Integer.MAX_VALUE, Integer.MAX_VALUE);
        refusedNaming("items[0].giftedSessions", request(RefundReason.PERSONAL_CANCELLATION, List.of(gifted),
                List.of(Payment.of(Instrument.CARD, cny("1000.00"))), List.of()), POLICY);
        // sessions + gifted beyond an int are counted as such, not as an int that wrapped below the sessions used
        assertThat(new Item.SessionPackage("p", cny("1.00"), Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)
                .sessionsUsed()).isEqualTo(Integer.MAX_VALUE);
    }
}
