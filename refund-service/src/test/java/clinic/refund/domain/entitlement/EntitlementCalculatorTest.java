package clinic.refund.domain.entitlement;

import clinic.refund.domain.Money;
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
        // domain.md: 3,000 paid + 1,000 gifted is a 75 % ratio, so 3,594 of list-price consumption deducts 2,695.50
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
}
