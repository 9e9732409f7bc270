package clinic.refund.config;

import clinic.refund.domain.entitlement.RefundPolicy;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code refund.policy.*} and {@code refund.policy.branches."<id>".*}, read as the service reads them. */
class RefundPolicyConfigTest {

    static RefundPolicyConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RefundPolicyConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(RefundPolicyConfig.class);
    }

    static final Map<String, String> CHAIN = Map.of(
            "refund.policy.version", "chain-3",
            "refund.policy.handling-fee-cap-basis-points", "2000",
            "refund.policy.interest-basis-points-per-year", "300",
            "refund.policy.points", "RESTORE",
            "refund.policy.coupons", "REISSUE",
            "refund.policy.fx-difference", "CLINIC",
            "refund.policy.payment-due-working-days", "7",
            "refund.policy.approval-threshold", "5000000");

    static Map<String, String> with(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(CHAIN);
        all.putAll(more);
        return all;
    }

    @Test
    void a_branch_value_wins_and_every_other_parameter_is_the_chains() {
        var config = config(with(Map.of(
                "refund.policy.branches.\"SH001\".handling-fee-cap-basis-points", "1500",
                "refund.policy.branches.\"SH001\".fx-difference", "CUSTOMER",
                "refund.policy.branches.\"SH001\".payment-due-working-days", "5",
                "refund.policy.branches.\"HK001\".version", "hk-1",
                "refund.policy.branches.\"HK001\".interest-basis-points-per-year", "450",
                "refund.policy.branches.\"HK001\".points", "FORFEIT",
                "refund.policy.branches.\"HK001\".coupons", "FORFEIT",
                "refund.policy.branches.\"HK001\".approval-threshold", "100000")));

        assertThat(config.policy("SH001")).isEqualTo(new RefundPolicy("chain-3", 1500, 300,
                RefundPolicy.PointsTreatment.RESTORE, RefundPolicy.CouponTreatment.REISSUE, RefundPolicy.FxDifference.CUSTOMER));
        assertThat(config.paymentDueWorkingDays("SH001")).isEqualTo(5);
        assertThat(config.approvalThresholdMinor("SH001")).isEqualTo(5_000_000L);

        assertThat(config.policy("HK001")).isEqualTo(new RefundPolicy("hk-1", 2000, 450,
                RefundPolicy.PointsTreatment.FORFEIT, RefundPolicy.CouponTreatment.FORFEIT, RefundPolicy.FxDifference.CLINIC));
        assertThat(config.paymentDueWorkingDays("HK001")).isEqualTo(7);
        assertThat(config.approvalThresholdMinor("HK001")).isEqualTo(100_000L);
    }

    @Test
    void an_unknown_branch_and_no_branch_get_the_chains_policy() {
        var config = config(with(Map.of("refund.policy.branches.\"SH001\".handling-fee-cap-basis-points", "1500")));
        assertThat(config.policy("BJ002")).isEqualTo(config.policy()).isEqualTo(config.policy(null));
        assertThat(config.policy("BJ002").handlingFeeCapBasisPoints()).isEqualTo(2000);
        assertThat(config.paymentDueWorkingDays("BJ002")).isEqualTo(7);
        assertThat(config.approvalThresholdMinor(null)).isEqualTo(5_000_000L);
    }

    @Test
    void the_existing_property_names_and_defaults_still_hold() {
        var config = config(Map.of());
        assertThat(config.policy()).isEqualTo(new RefundPolicy("default-1", 2000, 300,
                RefundPolicy.PointsTreatment.RESTORE, RefundPolicy.CouponTreatment.REISSUE, RefundPolicy.FxDifference.CLINIC));
        assertThat(config.paymentDueWorkingDays()).isEqualTo(7);
        assertThat(config.approvalThresholdMinor()).isNull();
        assertThat(config.branches()).isEmpty();
    }

    @Test
    void a_branch_policy_no_calculation_could_use_is_refused_at_start_naming_the_branch() {
        var config = config(with(Map.of("refund.policy.branches.\"SZ003\".handling-fee-cap-basis-points", "20000")));
        assertThatThrownBy(() -> RefundPolicyCheck.check(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"SZ003\"");
        RefundPolicyCheck.check(config(CHAIN));
    }
}
