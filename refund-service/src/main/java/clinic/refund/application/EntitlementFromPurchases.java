package clinic.refund.application;

import clinic.eventstore.config.BranchCalendars;
import clinic.refund.config.RefundPolicyConfig;
import clinic.eventstore.domain.Money;
import clinic.refund.domain.RefundCase;
import clinic.refund.domain.RefundDecider;
import clinic.refund.domain.RefundCommand;
import clinic.eventstore.domain.RuleBroken;
import clinic.refund.domain.entitlement.EntitlementCalculator;
import clinic.refund.domain.entitlement.EntitlementRequest;
import clinic.refund.domain.entitlement.FxRates;
import clinic.refund.domain.entitlement.HandlingFee;
import clinic.refund.domain.entitlement.Item;
import clinic.refund.domain.entitlement.Payment;
import clinic.refund.domain.entitlement.RefundReason;
import clinic.refund.domain.purchase.Purchase;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The contract review's calculation: the entitlement of a refund case from the customer's recorded orders (what was
 * bought, paid and used since), under the policy in force for the case's branch, as the command that stores it on the
 * case. The result keeps the request built from the orders as they are now and the parameter set, so that it can be
 * re-run later whatever happens to the orders and the configuration.
 */
@ApplicationScoped
public class EntitlementFromPurchases {

    /**
     * What the review adds to the recorded facts. {@code reason} may be null when the assessment found the clinic at
     * fault ({@link RefundDecider#entitlementReason}); {@code fxRateAtRefund} is needed for a foreign-currency order.
     */
    public record Basis(RefundReason reason, List<HandlingFee> handlingFees, Money contractFeeCap, Money reasonableCosts,
                        BigDecimal fxRateAtRefund) {
    }

    private final PurchaseService purchases;
    private final RefundPolicyConfig policy;
    private final BranchCalendars calendars;

    public EntitlementFromPurchases(PurchaseService purchases, RefundPolicyConfig policy, BranchCalendars calendars) {
        this.purchases = purchases;
        this.policy = policy;
        this.calendars = calendars;
    }

    public RefundCommand.RecordEntitlement command(RefundCase refund, List<UUID> orderIds, Basis basis, String by,
                                                   Instant at) {
        RefundReason reason = RefundDecider.entitlementReason(refund, basis.reason());
        if (basis.fxRateAtRefund() != null) {
            FxRates.whyImplausible(basis.fxRateAtRefund()).ifPresent(why -> {
                throw new RuleBroken("fxRateAtRefund", why);
            });
        }
        if (orderIds.isEmpty()) {
            throw new RuleBroken("orders", "name at least one recorded order");
        }
        if (new java.util.HashSet<>(orderIds).size() != orderIds.size()) {
            // an order named twice would count its payments and its items twice: an entitlement twice the real one
            throw new RuleBroken("orders", "name each order once");
        }
        List<Purchase> orders = new ArrayList<>();
        for (int i = 0; i < orderIds.size(); i++) {
            // an order of the case's customer at the case's branch, else the same answer whether it is missing, another
            // customer's or another branch's: nothing of an order the caller may not see is told
            Purchase p;
            try {
                p = purchases.get(orderIds.get(i)).purchase();
            } catch (PurchaseService.PurchaseNotFound e) {
                p = null;
            }
            if (p == null || !p.customerRef().equals(refund.customerRef()) || !p.branchId().equals(refund.branchId())) {
                throw new RuleBroken("orders[" + i + "]", "no order " + orderIds.get(i) + " of this customer is recorded "
                        + "at branch " + refund.branchId());
            }
            if (!orders.isEmpty() && !p.currency().equals(orders.getFirst().currency())) {
                throw new RuleBroken("orders[" + i + "]", "orders in different currencies are calculated apart");
            }
            if (!orders.isEmpty() && p.fxRateToReporting() != null
                    && p.fxRateToReporting().compareTo(orders.getFirst().fxRateToReporting()) != 0) {
                throw new RuleBroken("orders[" + i + "]", "foreign-currency orders paid at different rates are "
                        + "calculated apart");
            }
            orders.add(p);
        }
        Purchase first = orders.getFirst();
        FxRates fx = null;
        if (first.fxRateToReporting() != null) {
            if (basis.fxRateAtRefund() == null) {
                throw new RuleBroken("fxRateAtRefund", "the orders are in " + first.currency()
                        + ": give today's rate to " + policy.reportingCurrency());
            }
            fx = new FxRates(policy.reportingCurrency(), first.fxRateToReporting(), basis.fxRateAtRefund());
        }
        List<Item> items = orders.stream().flatMap(p -> p.items().stream()).toList();
        List<Payment> payments = orders.stream().flatMap(p -> p.entitlementPayments().stream()).toList();
        var zone = calendars.of(refund.branchId()).zone();
        LocalDate paidOn = orders.stream().map(p -> LocalDate.ofInstant(p.purchasedAt(), zone)).min(LocalDate::compareTo)
                .orElseThrow();
        var request = new EntitlementRequest(reason, first.currency(), items, payments, basis.handlingFees(),
                basis.contractFeeCap(), paidOn, LocalDate.ofInstant(at, zone), basis.reasonableCosts(), fx);
        try {
            return new RefundCommand.RecordEntitlement(List.copyOf(orderIds),
                    EntitlementCalculator.calculate(request, policy.policy(refund.branchId())), by, at);
        } catch (EntitlementCalculator.InvalidEntitlementRequest e) {
            throw new RuleBroken(e.field(), e.getMessage());
        }
    }
}
