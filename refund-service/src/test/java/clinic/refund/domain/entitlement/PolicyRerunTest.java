package clinic.refund.domain.entitlement;

import clinic.eventstore.domain.Money;
import clinic.refund.domain.entitlement.Payment.Instrument;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hash of a parameter set, and a recorded calculation re-run under its own and under other parameters. */
class PolicyRerunTest {

    static final RefundPolicy CHAIN = new RefundPolicy("default-1", 2000, 300, RefundPolicy.PointsTreatment.RESTORE,
            RefundPolicy.CouponTreatment.REISSUE, RefundPolicy.FxDifference.CLINIC);

    static Money cny(String amount) {
        return new Money(new BigDecimal(amount).movePointRight(2).longValueExact(), "CNY");
    }

    /** 3,000 paid for a treatment not performed, 1,000 of it with coupons; 500 of handling fees claimed. */
    static EntitlementRequest cancellation() {
        return new EntitlementRequest(RefundReason.PERSONAL_CANCELLATION, "CNY",
                List.of(new Item.Treatment("thread lift (order POS-1)", cny("3000.00"), false)),
                List.of(Payment.of(Instrument.CARD, cny("2000.00")), Payment.of(Instrument.COUPON, cny("1000.00"))),
                List.of(new HandlingFee(HandlingFee.Kind.ADMINISTRATION, "contract administration", cny("500.00"))),
                null, LocalDate.parse("2026-01-05"), LocalDate.parse("2026-03-06"), null);
    }

    @Test
    void the_same_parameters_have_the_same_hash_whatever_their_label() {
        var same = new RefundPolicy("another label", 2000, 300, RefundPolicy.PointsTreatment.RESTORE,
                RefundPolicy.CouponTreatment.REISSUE, RefundPolicy.FxDifference.CLINIC);
        assertThat(CHAIN.hash()).isEqualTo(same.hash()).isEqualTo(CHAIN.hash()).hasSize(64).matches("[0-9a-f]{64}");
        // pinned: a stored hash must mean the same parameters in every later version of the code
        assertThat(CHAIN.canonical()).isEqualTo("""
                refund-policy.v1
                handling-fee-cap-basis-points=2000
                interest-basis-points-per-year=300
                points=RESTORE
                coupons=REISSUE
                fx-difference=CLINIC
                """);
        assertThat(CHAIN.differencesTo(same)).isEmpty();
    }

    @Test
    void one_parameter_changed_is_another_hash() {
        List<RefundPolicy> changed = List.of(
                new RefundPolicy("default-1", 2001, 300, CHAIN.points(), CHAIN.coupons(), CHAIN.fxDifference()),
                new RefundPolicy("default-1", 2000, 301, CHAIN.points(), CHAIN.coupons(), CHAIN.fxDifference()),
                new RefundPolicy("default-1", 2000, 300, RefundPolicy.PointsTreatment.FORFEIT, CHAIN.coupons(), CHAIN.fxDifference()),
                new RefundPolicy("default-1", 2000, 300, CHAIN.points(), RefundPolicy.CouponTreatment.FORFEIT, CHAIN.fxDifference()),
                new RefundPolicy("default-1", 2000, 300, CHAIN.points(), CHAIN.coupons(), RefundPolicy.FxDifference.CUSTOMER));
        assertThat(changed).extracting(RefundPolicy::hash).doesNotContain(CHAIN.hash()).doesNotHaveDuplicates();
        assertThat(changed).allSatisfy(p -> assertThat(CHAIN.differencesTo(p)).hasSize(1));
        assertThat(CHAIN.differencesTo(changed.getFirst())).containsExactly(
                new RefundPolicy.Difference("handling-fee-cap-basis-points", "2000", "2001"));
    }

    @Test
    void a_calculation_keeps_its_parameters_hash_and_inputs_and_re_runs_to_the_same_result() {
        Entitlement recorded = EntitlementCalculator.calculate(cancellation(), CHAIN);
        assertThat(recorded.policy()).isEqualTo(CHAIN);
        assertThat(recorded.policyHash()).isEqualTo(CHAIN.hash());
        assertThat(recorded.inputs()).isEqualTo(cancellation());

        Rerun rerun = Rerun.of(recorded, CHAIN);
        assertThat(rerun.reproduced()).isTrue();
        assertThat(rerun.parameterDifferences()).isEmpty();
        assertThat(rerun.lineDifferences()).isEmpty();
        assertThat(rerun.totalDifferenceMinor()).isZero();
    }

    @Test
    void re_run_under_other_current_parameters_reports_which_differ_and_the_difference_line_by_line() {
        Entitlement recorded = EntitlementCalculator.calculate(cancellation(), CHAIN);
        // 3,000 paid, a 500 fee under a 20 % cap (600): 2,500 left, a third of it (833.33) reissued as coupons
        assertThat(recorded.total()).isEqualTo(cny("1666.67"));

        var now = new RefundPolicy("default-2", 1000, 300, RefundPolicy.PointsTreatment.RESTORE,
                RefundPolicy.CouponTreatment.FORFEIT, RefundPolicy.FxDifference.CLINIC);
        Rerun rerun = Rerun.of(recorded, now);

        assertThat(rerun.reproduced()).isTrue(); // under its own parameters it is still what was recorded
        assertThat(rerun.rerun().total()).isEqualTo(recorded.total());
        assertThat(rerun.parameterDifferences()).containsExactly(
                new RefundPolicy.Difference("handling-fee-cap-basis-points", "2000", "1000"),
                new RefundPolicy.Difference("coupons", "REISSUE", "FORFEIT"));
        // a 10 % cap (300) waives 200 of the fee: 2,700 left, 900 of it the coupons' share
        assertThat(rerun.underCurrent().total()).isEqualTo(cny("1800.00"));
        assertThat(rerun.totalDifferenceMinor()).isEqualTo(13_333L);
        assertThat(rerun.lineDifferences()).extracting(Rerun.LineDifference::rule, Rerun.LineDifference::recordedMinor,
                Rerun.LineDifference::currentMinor).containsExactly(
                org.assertj.core.groups.Tuple.tuple("coupons.reissue", -83_333L, null),
                org.assertj.core.groups.Tuple.tuple("handling-fee.cap", null, 20_000L),
                org.assertj.core.groups.Tuple.tuple("coupons.forfeit", null, -90_000L));
        assertThat(rerun.underCurrent().policyHash()).isEqualTo(now.hash()).isNotEqualTo(recorded.policyHash());
    }

    @Test
    void a_foreign_currency_calculation_re_runs_with_its_rates() {
        var usd = new Money(100_000, "USD");
        var request = new EntitlementRequest(RefundReason.CLINIC_FAULT_NOT_STARTED, "USD",
                List.of(new Item.Treatment("laser", usd, false)), List.of(Payment.of(Instrument.CARD, usd)), List.of(),
                null, LocalDate.parse("2026-01-05"), LocalDate.parse("2026-03-06"), null,
                new FxRates("CNY", new BigDecimal("7.05"), new BigDecimal("7.20")));
        Entitlement recorded = EntitlementCalculator.calculate(request, CHAIN);
        Rerun rerun = Rerun.of(recorded, new RefundPolicy("x", 2000, 500, CHAIN.points(), CHAIN.coupons(),
                RefundPolicy.FxDifference.CUSTOMER));
        assertThat(rerun.reproduced()).isTrue();
        assertThat(rerun.parameterDifferences()).extracting(RefundPolicy.Difference::parameter)
                .containsExactly("interest-basis-points-per-year", "fx-difference");
        assertThat(rerun.lineDifferences()).extracting(Rerun.LineDifference::rule).contains("art53.interest", "fx.customer");
    }

    @Test
    void a_calculation_recorded_before_parameter_sets_were_kept_cannot_be_re_run() {
        Entitlement e = EntitlementCalculator.calculate(cancellation(), CHAIN);
        var old = new Entitlement(e.policyVersion(), e.reason(), e.lines(), e.refund(), e.compensation(), e.total(),
                e.allocation(), e.fx());
        assertThat(old.rerunnable()).isFalse();
        assertThat(old.policy()).isNull();
        assertThatThrownBy(() -> Rerun.of(old, CHAIN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recorded before");
    }

    @Test
    void a_changed_result_is_not_reported_as_reproduced() {
        Entitlement e = EntitlementCalculator.calculate(cancellation(), CHAIN);
        var tampered = new Entitlement(e.policyVersion(), e.reason(), e.lines().subList(0, 1), e.refund(),
                e.compensation(), e.total(), e.allocation(), e.fx(), e.policy(), e.policyHash(), e.inputs());
        assertThat(Rerun.of(tampered, CHAIN).reproduced()).isFalse();
    }
}
