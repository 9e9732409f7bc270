package clinic.refund.config;

import clinic.refund.domain.entitlement.RefundPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code refund.policy.*}: the chain's refund policy, and {@code refund.policy.branches."<id>".*} overriding any of its
 * parameters for one branch (the shape of {@code clinic.calendar.branches}). A case uses its branch's policy
 * ({@link #policy(String)}). Every calculation keeps the whole parameter set it used and its hash, so it can be re-run
 * and explained after the parameters change; {@code version} is only a label for people (give a branch override its
 * own, or change the chain's when its values change).
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

    /**
     * A refund of goods (a complaint about a product sold) is due this many working days after the agreement: the
     * after-sales templates' 15; services keep {@link #paymentDueWorkingDays()}.
     */
    @WithDefault("15")
    int goodsPaymentDueWorkingDays();

    /** Agreements above this amount (minor units) wait for HQ's approval; unset: none do. */
    java.util.Optional<Long> approvalThreshold();

    default Long approvalThresholdMinor() {
        return approvalThreshold().orElse(null);
    }

    /** The chain's policy, without any branch's overrides. */
    default RefundPolicy policy() {
        return new RefundPolicy(version(), handlingFeeCapBasisPoints(), interestBasisPointsPerYear(), points(), coupons(),
                fxDifference());
    }

    /**
     * A branch's own values, any part of the chain's: {@code refund.policy.branches."SH001".handling-fee-cap-basis-points=1500}.
     * The reporting currency is the chain's alone.
     */
    Map<String, BranchPolicy> branches();

    interface BranchPolicy {
        Optional<String> version();

        Optional<Integer> handlingFeeCapBasisPoints();

        Optional<Integer> interestBasisPointsPerYear();

        Optional<RefundPolicy.PointsTreatment> points();

        Optional<RefundPolicy.CouponTreatment> coupons();

        Optional<RefundPolicy.FxDifference> fxDifference();

        Optional<Integer> paymentDueWorkingDays();

        Optional<Integer> goodsPaymentDueWorkingDays();

        Optional<Long> approvalThreshold();
    }

    /** The policy of {@code branchId} (null or a branch without overrides: the chain's): its own values over the chain's. */
    default RefundPolicy policy(String branchId) {
        BranchPolicy b = branch(branchId);
        return new RefundPolicy(pick(b, BranchPolicy::version, version()),
                pick(b, BranchPolicy::handlingFeeCapBasisPoints, handlingFeeCapBasisPoints()),
                pick(b, BranchPolicy::interestBasisPointsPerYear, interestBasisPointsPerYear()),
                pick(b, BranchPolicy::points, points()), pick(b, BranchPolicy::coupons, coupons()),
                pick(b, BranchPolicy::fxDifference, fxDifference()));
    }

    /** The working days an agreement of {@code branchId} is due after it is made. */
    default int paymentDueWorkingDays(String branchId) {
        return pick(branch(branchId), BranchPolicy::paymentDueWorkingDays, paymentDueWorkingDays());
    }

    /** The working days a refund of goods agreed in {@code branchId} is due after the agreement. */
    default int goodsPaymentDueWorkingDays(String branchId) {
        return pick(branch(branchId), BranchPolicy::goodsPaymentDueWorkingDays, goodsPaymentDueWorkingDays());
    }

    /** The amount (minor units) above which an agreement of {@code branchId} waits for HQ; null: none do. */
    default Long approvalThresholdMinor(String branchId) {
        return pick(branch(branchId), BranchPolicy::approvalThreshold, approvalThresholdMinor());
    }

    private BranchPolicy branch(String branchId) {
        return branchId == null ? null : branches().get(branchId);
    }

    private static <T> T pick(BranchPolicy branch, Function<BranchPolicy, Optional<T>> part, T chain) {
        return branch == null ? chain : part.apply(branch).orElse(chain);
    }
}
