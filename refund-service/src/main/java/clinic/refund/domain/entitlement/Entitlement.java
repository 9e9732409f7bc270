package clinic.refund.domain.entitlement;

import clinic.refund.domain.Money;

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
 */
public record Entitlement(String policyVersion, RefundReason reason, List<Line> lines, Money refund,
                          Money compensation, Money total, List<Allocation> allocation, FxRecord fx) {

    /** One line of the calculation. */
    public record Line(String what, long amountMinor, String rule) {
    }

    /** A part of the total and the channel it is paid through. */
    public record Allocation(String channel, long amountMinor, String note) {
    }
}
