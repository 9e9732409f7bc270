package clinic.refund.domain.entitlement;

/**
 * The refund policy in force (per chain, overridable per branch); every calculation records its version.
 *
 * @param handlingFeeCapBasisPoints   handling fees never exceed this share of what was paid (2000 = 20 %)
 * @param interestBasisPointsPerYear  yearly interest on prepaid service not provided (art. 53), in basis points
 * @param points                      what happens to points used to pay: restored to the account, or forfeited
 * @param coupons                     what happens to coupons used to pay: reissued, or forfeited
 */
public record RefundPolicy(String version, int handlingFeeCapBasisPoints, int interestBasisPointsPerYear,
                           PointsTreatment points, CouponTreatment coupons) {

    public enum PointsTreatment { RESTORE, FORFEIT }

    public enum CouponTreatment { REISSUE, FORFEIT }

    public RefundPolicy {
        if (handlingFeeCapBasisPoints < 0 || handlingFeeCapBasisPoints > 10_000 || interestBasisPointsPerYear < 0) {
            throw new IllegalArgumentException("policy shares are basis points between 0 and 10000");
        }
    }
}
