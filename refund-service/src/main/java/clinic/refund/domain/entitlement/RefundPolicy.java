package clinic.refund.domain.entitlement;

/**
 * The refund policy in force: the chain's parameters, any of them overridden for one branch
 * ({@code RefundPolicyConfig}). Every calculation keeps the whole parameter set it used, with its {@link #hash()}, so
 * that it can be re-run and explained after the parameters change; {@code version} is a label people give a set, the
 * hash is what identifies its content.
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
        java.util.Objects.requireNonNull(points, "points");
        java.util.Objects.requireNonNull(coupons, "coupons");
        java.util.Objects.requireNonNull(fxDifference, "fxDifference");
    }

    /**
     * The parameters that decide a calculation, one {@code name=value} a line under a format line, in a fixed order
     * and with the property names of {@code refund.policy.*}. Not the {@code version}: it is a label, and the same
     * parameters under two labels are the same policy. A parameter added later is appended to this list (with a new
     * format line), so the hashes of the sets recorded before stay what they were.
     */
    public String canonical() {
        return "refund-policy.v1\n"
                + "handling-fee-cap-basis-points=" + handlingFeeCapBasisPoints + "\n"
                + "interest-basis-points-per-year=" + interestBasisPointsPerYear + "\n"
                + "points=" + points.name() + "\n"
                + "coupons=" + coupons.name() + "\n"
                + "fx-difference=" + fxDifference.name() + "\n";
    }

    /** SHA-256 of {@link #canonical()} (UTF-8), in lower-case hex: the same parameters, the same hash. */
    public String hash() {
        return clinic.eventstore.domain.Sha256.hex(canonical());
    }

    /** One parameter and its value under two policies. */
    public record Difference(String parameter, String was, String is) {
    }

    /** The parameters whose value differs in {@code other} (the label not counted), in the order of {@link #canonical()}. */
    public java.util.List<Difference> differencesTo(RefundPolicy other) {
        java.util.List<Difference> out = new java.util.ArrayList<>();
        differs(out, "handling-fee-cap-basis-points", handlingFeeCapBasisPoints, other.handlingFeeCapBasisPoints);
        differs(out, "interest-basis-points-per-year", interestBasisPointsPerYear, other.interestBasisPointsPerYear);
        differs(out, "points", points, other.points);
        differs(out, "coupons", coupons, other.coupons);
        differs(out, "fx-difference", fxDifference, other.fxDifference);
        return java.util.List.copyOf(out);
    }

    private static void differs(java.util.List<Difference> out, String parameter, Object was, Object is) {
        if (!was.equals(is)) {
            out.add(new Difference(parameter, String.valueOf(was), String.valueOf(is)));
        }
    }
}
