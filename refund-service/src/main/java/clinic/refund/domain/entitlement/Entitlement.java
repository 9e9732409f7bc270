package clinic.refund.domain.entitlement;

import clinic.eventstore.domain.Money;

import java.util.List;

/**
 * A calculated entitlement, itemised so that it can be explained to the customer and recalculated later.
 *
 * @param lines         every amount that makes the total, signed (deductions negative), with the rule and policy
 * @param refund        what goes back of what was paid: never more than was paid, in that currency
 * @param compensation  interest and costs owed on top (art. 53), zero otherwise
 * @param total         refund + compensation; the sum of the lines
 * @param allocation    where the money goes, per payment channel; sums to the total
 * @param fx            the exchange rates and who bore their difference (foreign-currency purchases; else null)
 * @param policy        the whole parameter set the calculation used ({@code policyVersion} is its label); null in a
 *                      calculation recorded before parameter sets were kept
 * @param policyHash    {@link RefundPolicy#hash()} of {@code policy} (null with it)
 * @param inputs        the request it was calculated from, as it was then (what was bought, paid and used, the fees,
 *                      dates and rates), so that a re-run does not depend on the orders as they are now; null in a
 *                      calculation recorded before inputs were kept
 */
public record Entitlement(String policyVersion, RefundReason reason, List<Line> lines, Money refund,
                          Money compensation, Money total, List<Allocation> allocation, FxRecord fx,
                          RefundPolicy policy, String policyHash, EntitlementRequest inputs) {

    /** An entitlement as it was recorded before parameter sets and inputs were kept. */
    public Entitlement(String policyVersion, RefundReason reason, List<Line> lines, Money refund, Money compensation,
                       Money total, List<Allocation> allocation, FxRecord fx) {
        this(policyVersion, reason, lines, refund, compensation, total, allocation, fx, null, null, null);
    }

    /** Whether it can be re-run: it kept the parameter set and the inputs it was calculated with. */
    public boolean rerunnable() {
        return policy != null && inputs != null;
    }

    /**
     * The same result as {@code other}: the same reason, lines, amounts, allocation and exchange-rate record (rates
     * compared by value, so {@code 7.2} is {@code 7.20}). The label, parameters and inputs are not compared.
     */
    public boolean sameResultAs(Entitlement other) {
        return java.util.Objects.equals(reason, other.reason) && lines.equals(other.lines)
                && refund.equals(other.refund) && compensation.equals(other.compensation) && total.equals(other.total)
                && allocation.equals(other.allocation) && sameFx(fx, other.fx);
    }

    private static boolean sameFx(FxRecord a, FxRecord b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.reportingCurrency().equals(b.reportingCurrency())
                && a.rateAtPayment().compareTo(b.rateAtPayment()) == 0
                && a.rateAtRefund().compareTo(b.rateAtRefund()) == 0
                && a.differenceReportingMinor() == b.differenceReportingMinor() && a.borneBy() == b.borneBy();
    }

    /** One line of the calculation. */
    public record Line(String what, long amountMinor, String rule) {
    }

    /** A part of the total and the channel it is paid through. */
    public record Allocation(String channel, long amountMinor, String note) {
    }
}
