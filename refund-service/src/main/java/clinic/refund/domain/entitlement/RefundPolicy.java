package clinic.refund.domain.entitlement;

/**
 * The refund policy in force (per chain, overridable per branch); every calculation records its version.
 *
 * @param handlingFeeCapBasisPoints   handling fees never exceed this share of what was paid (2000 = 20 %)
 * @param interestBasisPointsPerYear  yearly interest on prepaid service not provided (art. 53), in basis points (at
 *                                    most 10000, 100 % a year)
 * @param points                      what happens to points used to pay: restored to the account, or forfeited
 * @param coupons                     what happens to coupons used to pay: reissued, or forfeited
 * @param fxDifference                who bears an exchange-rate difference on a foreign-currency refund: the clinic
 *                                    (the customer gets back what they paid, in their currency) or the customer (the
 *                                    refund is what was received, in the reporting currency, at the refund-day rate,
 *                                    and never more than was paid)
 */
public record RefundPolicy(String version, int handlingFeeCapBasisPoints, int interestBasisPointsPerYear,
                           PointsTreatment points, CouponTreatment coupons, FxDifference fxDifference) {

    public enum PointsTreatment { RESTORE, FORFEIT }

    public enum CouponTreatment { REISSUE, FORFEIT }

    public enum FxDifference { CLINIC, CUSTOMER }

    public RefundPolicy(String version, int handlingFeeCapBasisPoints, int interestBasisPointsPerYear,
                        PointsTreatment points, CouponTreatment coupons) {
        this(version, handlingFeeCapBasisPoints, interestBasisPointsPerYear, points, coupons, FxDifference.CLINIC);
    }

    public RefundPolicy {
        if (handlingFeeCapBasisPoints < 0 || handlingFeeCapBasisPoints > 10_000 || interestBasisPointsPerYear < 0
                || interestBasisPointsPerYear > 10_000) {
            throw new IllegalArgumentException("policy shares are basis points between 0 and 10000");
        }
    }
}
