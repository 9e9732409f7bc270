package clinic.refund.domain.purchase;

import clinic.eventstore.domain.Money;
import clinic.refund.domain.entitlement.EntitlementCalculator;
import clinic.refund.domain.entitlement.FxRates;
import clinic.refund.domain.entitlement.Payment.Instrument;
import clinic.refund.domain.purchase.PurchaseCommand.RecordPurchase;
import clinic.refund.domain.purchase.PurchaseCommand.RecordUsage;
import clinic.refund.domain.purchase.PurchaseEvent.PurchaseRecorded;
import clinic.refund.domain.purchase.PurchaseEvent.PurchaseUsageRecorded;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of purchase facts, as two pure functions: an order is consistent in itself (one currency, payments that
 * add up to what its lines cost, package and balance details where they belong), and what is used afterwards fits
 * the order (no more sessions than it holds, no balance beyond its face value, a treatment performed once).
 */
public final class PurchaseDecider {

    private PurchaseDecider() {
    }

    public static List<PurchaseEvent> decide(PurchaseCommand command, Purchase state) {
        return switch (command) {
            case RecordPurchase c -> {
                if (state.id() != null) {
                    throw new PurchaseFactRejected("orderNo", "order " + state.orderNo() + " of " + state.branchId()
                            + " is recorded already");
                }
                checkOrder(c);
                yield List.of(new PurchaseRecorded(c.purchaseId(), c.branchId(), c.orderNo(), c.customerRef(),
                        c.currency(), c.fxRateToReporting() == null ? null : c.fxRateToReporting().toPlainString(),
                        c.purchasedAt(), List.copyOf(c.lines()), List.copyOf(c.payments())));
            }
            case RecordUsage c -> {
                if (state.id() == null) {
                    throw new PurchaseFactRejected("orderNo", "the order is not recorded");
                }
                checkUsage(c, state);
                yield List.of(new PurchaseUsageRecorded(state.id(), state.branchId(), state.orderNo(), c.kind(),
                        c.lineId(), c.financingPartner(), c.sessions(), c.amount(), c.happenedAt()));
            }
        };
    }

    public static Purchase evolve(Purchase s, PurchaseEvent event) {
        return switch (event) {
            case PurchaseRecorded e -> new Purchase(e.purchaseId(), e.branchId(), e.orderNo(), e.customerRef(),
                    e.currency(), e.fxRateToReporting() == null ? null : new BigDecimal(e.fxRateToReporting()),
                    e.purchasedAt(), e.lines(), e.payments(), Map.of(), Map.of());
            case PurchaseUsageRecorded e -> {
                if (e.kind() == UsageKind.INSTALMENTS_REPAID) {
                    yield s.withRepaid(e.financingPartner(), e.amount().minorUnits());
                }
                Purchase.Usage u = s.usageOf(e.lineId());
                yield s.withUsage(e.lineId(), switch (e.kind()) {
                    case SESSIONS_REDEEMED -> new Purchase.Usage(u.sessionsRedeemed() + e.sessions(),
                            u.balanceUsedMinor(), u.performed(), u.returned());
                    case BALANCE_USED -> new Purchase.Usage(u.sessionsRedeemed(),
                            u.balanceUsedMinor() + e.amount().minorUnits(), u.performed(), u.returned());
                    case TREATMENT_PERFORMED -> new Purchase.Usage(u.sessionsRedeemed(), u.balanceUsedMinor(), true,
                            u.returned());
                    case PRODUCT_RETURNED -> new Purchase.Usage(u.sessionsRedeemed(), u.balanceUsedMinor(),
                            u.performed(), true);
                    case INSTALMENTS_REPAID -> throw new IllegalStateException("handled above");
                });
            }
        };
    }

    private static void checkOrder(RecordPurchase c) {
        if (c.lines().isEmpty()) {
            throw new PurchaseFactRejected("items", "an order has at least one item");
        }
        boolean foreign = !c.currency().equals(c.reportingCurrency());
        if (foreign && c.fxRateToReporting() == null) {
            throw new PurchaseFactRejected("fxRate", "an order in " + c.currency() + " carries its rate to "
                    + c.reportingCurrency() + " at payment");
        }
        if (!foreign && c.fxRateToReporting() != null) {
            throw new PurchaseFactRejected("fxRate", "an order in " + c.reportingCurrency() + " has no exchange rate");
        }
        if (c.fxRateToReporting() != null && c.fxRateToReporting().signum() <= 0) {
            throw new PurchaseFactRejected("fxRate", "an exchange rate is positive");
        }
        if (c.fxRateToReporting() != null) {
            FxRates.whyImplausible(c.fxRateToReporting()).ifPresent(why -> {
                throw new PurchaseFactRejected("fxRate", why);
            });
        }
        Set<String> ids = new HashSet<>();
        long cost = 0;
        for (int i = 0; i < c.lines().size(); i++) {
            PurchaseLine l = c.lines().get(i);
            String at = "items[" + i + "]";
            if (!ids.add(l.lineId())) {
                throw new PurchaseFactRejected(at + ".lineId", "line " + l.lineId() + " appears twice");
            }
            currency(c, l.paid(), at + ".paid");
            currency(c, l.listPrice(), at + ".listPrice");
            currency(c, l.giftedCredit(), at + ".giftedCredit");
            withinCeiling(l.paid(), at + ".paid");
            withinCeiling(l.listPrice(), at + ".listPrice");
            withinCeiling(l.giftedCredit(), at + ".giftedCredit");
            if (l.sessions() > EntitlementCalculator.MAX_SESSIONS || l.giftedSessions() > EntitlementCalculator.MAX_SESSIONS) {
                throw new PurchaseFactRejected(at + ".sessions", "a package holds at most "
                        + EntitlementCalculator.MAX_SESSIONS + " sessions, and as many gifted");
            }
            boolean isPackage = l.kind() == ItemKind.PACKAGE;
            if (isPackage != (l.sessions() > 0) || l.giftedSessions() < 0 || (!isPackage && l.giftedSessions() > 0)) {
                throw new PurchaseFactRejected(at + ".sessions", "a package, and only a package, has sessions");
            }
            if (l.giftedCredit() != null && l.giftedCredit().minorUnits() > 0 && l.kind() != ItemKind.PREPAID_BALANCE) {
                throw new PurchaseFactRejected(at + ".giftedCredit", "only a prepaid balance carries gifted credit");
            }
            if ((l.productLine() != null) != (l.kind() == ItemKind.PRODUCT)) {
                throw new PurchaseFactRejected(at + ".productLine", "a product, and only a product, has a product line");
            }
            cost = sumWithinCeiling(cost, l.paid(), "items", "what the items cost");
        }
        long paid = 0;
        for (int i = 0; i < c.payments().size(); i++) {
            PurchasePayment p = c.payments().get(i);
            currency(c, p.amount(), "payments[" + i + "].amount");
            if (p.instrument() == Instrument.INSTALMENTS && (p.financingPartner() == null || p.financingPartner().isBlank())) {
                throw new PurchaseFactRejected("payments[" + i + "].financingPartner", "instalments name their financing partner");
            }
            withinCeiling(p.amount(), "payments[" + i + "].amount");
            paid = sumWithinCeiling(paid, p.amount(), "payments", "the payments");
        }
        if (paid != cost) {
            throw new PurchaseFactRejected("payments", "the payments (" + paid + ") must add up to what the items cost ("
                    + cost + "), in minor units");
        }
    }

    private static void checkUsage(RecordUsage c, Purchase s) {
        if (c.kind() == UsageKind.INSTALMENTS_REPAID) {
            long financed = s.payments().stream().filter(p -> p.instrument() == Instrument.INSTALMENTS
                    && p.financingPartner().equals(c.financingPartner())).mapToLong(p -> p.amount().minorUnits()).sum();
            if (financed == 0) {
                throw new PurchaseFactRejected("financingPartner", "the order has no instalments through " + c.financingPartner());
            }
            positive(c.amount(), s);
            if (c.amount().minorUnits() > financed - s.instalmentsRepaid().getOrDefault(c.financingPartner(), 0L)) {
                throw new PurchaseFactRejected("amount", "more than the " + financed + " financed through " + c.financingPartner());
            }
            return;
        }
        PurchaseLine line = s.lines().stream().filter(l -> l.lineId().equals(c.lineId())).findFirst()
                .orElseThrow(() -> new PurchaseFactRejected("lineId", "order " + s.orderNo() + " has no line " + c.lineId()));
        Purchase.Usage used = s.usageOf(line.lineId());
        ItemKind expected = switch (c.kind()) {
            case SESSIONS_REDEEMED -> ItemKind.PACKAGE;
            case BALANCE_USED -> ItemKind.PREPAID_BALANCE;
            case TREATMENT_PERFORMED -> ItemKind.TREATMENT;
            case PRODUCT_RETURNED -> ItemKind.PRODUCT;
            case INSTALMENTS_REPAID -> throw new IllegalStateException("handled above");
        };
        if (line.kind() != expected) {
            throw new PurchaseFactRejected("kind", c.kind() + " does not apply to line " + line.lineId() + ", a " + line.kind());
        }
        switch (c.kind()) {
            case SESSIONS_REDEEMED -> {
                long left = (long) line.sessions() + line.giftedSessions() - used.sessionsRedeemed();
                if (c.sessions() <= 0 || c.sessions() > left) {
                    throw new PurchaseFactRejected("sessions", "between 1 and the " + left + " sessions left");
                }
            }
            case BALANCE_USED -> {
                positive(c.amount(), s);
                long face = line.paid().minorUnits() + (line.giftedCredit() == null ? 0 : line.giftedCredit().minorUnits());
                if (c.amount().minorUnits() > face - used.balanceUsedMinor()) {
                    throw new PurchaseFactRejected("amount", "only " + (face - used.balanceUsedMinor())
                            + " (minor units, list price) is left on the balance");
                }
            }
            case TREATMENT_PERFORMED -> {
                if (used.performed()) {
                    throw new PurchaseFactRejected("kind", "the treatment of line " + line.lineId() + " was performed already");
                }
            }
            case PRODUCT_RETURNED -> {
                if (used.returned()) {
                    throw new PurchaseFactRejected("kind", "the product of line " + line.lineId() + " was returned already");
                }
            }
            case INSTALMENTS_REPAID -> throw new IllegalStateException("handled above");
        }
    }

    /** An amount of an order is at most the ceiling the entitlement calculation takes. */
    private static void withinCeiling(Money money, String field) {
        if (money != null && money.minorUnits() > EntitlementCalculator.MAX_AMOUNT_MINOR) {
            throw new PurchaseFactRejected(field, money.display() + " is above the ceiling of "
                    + new Money(EntitlementCalculator.MAX_AMOUNT_MINOR, money.currency()).display());
        }
    }

    /** {@code sum + amount}, each at most the ceiling (so it cannot overflow), refused above it. */
    private static long sumWithinCeiling(long sum, Money amount, String field, String what) {
        long more = Math.addExact(sum, amount.minorUnits());
        if (more > EntitlementCalculator.MAX_AMOUNT_MINOR) {
            throw new PurchaseFactRejected(field, what + " add up to more than the ceiling of "
                    + new Money(EntitlementCalculator.MAX_AMOUNT_MINOR, amount.currency()).display());
        }
        return more;
    }

    private static void positive(Money amount, Purchase s) {
        if (amount == null || amount.minorUnits() <= 0 || !amount.currency().equals(s.currency())) {
            throw new PurchaseFactRejected("amount", "a positive amount in " + s.currency());
        }
    }

    private static void currency(RecordPurchase c, Money money, String field) {
        if (money != null && !money.currency().equals(c.currency())) {
            throw new PurchaseFactRejected(field, "is in " + money.currency() + "; the order is in " + c.currency());
        }
    }
}
