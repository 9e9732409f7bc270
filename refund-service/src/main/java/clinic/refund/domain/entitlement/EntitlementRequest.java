package clinic.refund.domain.entitlement;

import clinic.eventstore.domain.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * What a refund entitlement is calculated from: why, what was bought and how it was paid, the itemised handling fees
 * claimed (personal cancellation), the contract's own cap on them, when it was paid and is refunded (interest), and the
 * customer's reasonable costs (art. 53). All money in one currency: the one the customer paid in. {@code fx} is given
 * when that is not the chain's reporting currency (null otherwise).
 */
public record EntitlementRequest(RefundReason reason, String currency, List<Item> items, List<Payment> payments,
                                 List<HandlingFee> handlingFees, Money contractFeeCap, LocalDate paidOn,
                                 LocalDate refundOn, Money reasonableCosts, FxRates fx) {

    public EntitlementRequest(RefundReason reason, String currency, List<Item> items, List<Payment> payments,
                              List<HandlingFee> handlingFees, Money contractFeeCap, LocalDate paidOn,
                              LocalDate refundOn, Money reasonableCosts) {
        this(reason, currency, items, payments, handlingFees, contractFeeCap, paidOn, refundOn, reasonableCosts, null);
    }

    public EntitlementRequest {
        items = List.copyOf(items);
        payments = List.copyOf(payments);
        handlingFees = handlingFees == null ? List.of() : List.copyOf(handlingFees);
    }
}
