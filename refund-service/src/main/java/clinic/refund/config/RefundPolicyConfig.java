package clinic.refund.config;

import clinic.refund.domain.entitlement.RefundPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code refund.policy.*}: the chain's refund policy. Every calculation records {@code version}; change it with any
 * value so that old calculations can still be explained under the policy they used.
 */
@ConfigMapping(prefix = "refund.policy")
public interface RefundPolicyConfig {

    @WithDefault("default-1")
    String version();

    /** Handling fees of a personal cancellation never exceed this share of what was paid (basis points). */
    @WithDefault("2000")
    int handlingFeeCapBasisPoints();

    /** Yearly interest owed on prepaid service not provided (art. 53), in basis points. */
    @WithDefault("300")
    int interestBasisPointsPerYear();

    @WithDefault("RESTORE")
    RefundPolicy.PointsTreatment points();

    @WithDefault("REISSUE")
    RefundPolicy.CouponTreatment coupons();

    /** Who bears an exchange-rate difference on a foreign-currency refund. */
    @WithDefault("CLINIC")
    RefundPolicy.FxDifference fxDifference();

    /** The currency the chain reports in; purchases in another currency carry their rate to it. */
    @WithDefault("CNY")
    String reportingCurrency();

    /** An agreement is due this many working days after it is made, unless it names its own date. */
    @WithDefault("7")
    int paymentDueWorkingDays();

    /** Agreements above this amount (minor units) wait for HQ's approval; unset: none do. */
    java.util.Optional<Long> approvalThreshold();

    default Long approvalThresholdMinor() {
        return approvalThreshold().orElse(null);
    }

    default RefundPolicy policy() {
        return new RefundPolicy(version(), handlingFeeCapBasisPoints(), interestBasisPointsPerYear(), points(), coupons(),
                fxDifference());
    }
}
