package clinic.refund.domain.entitlement;

import clinic.refund.domain.Money;
import clinic.refund.domain.entitlement.Entitlement.Allocation;
import clinic.refund.domain.entitlement.Entitlement.Line;
import clinic.refund.domain.entitlement.Item.PrepaidBalance;
import clinic.refund.domain.entitlement.Item.Product;
import clinic.refund.domain.entitlement.Item.SessionPackage;
import clinic.refund.domain.entitlement.Item.Treatment;
import clinic.refund.domain.entitlement.Payment.Instrument;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The refund entitlement: a pure function of the request and the policy, itemised line by line.
 *
 * <p><b>Rounding.</b> Every share is computed exactly in integer minor units and rounded once, to the fen, in the
 * customer's favour: deductions (value consumed) round down, amounts owed to the customer (interest) round half up.
 *
 * <p><b>Rules</b> (domain.md): consumption is valued at the price actually paid, gifts folded into the discount, and
 * never above what was paid; a prepaid balance refunds the principal that remains, never gifted credit; handling fees
 * apply only to a personal cancellation, itemised and capped by policy and contract; a clinic at fault for a project
 * not started owes interest and the customer's reasonable costs; a result the assessor blamed on the clinic is refunded
 * in full; the part paid with coupons or points is not cash; instalments are unwound through the financing partner
 * first.
 */
public final class EntitlementCalculator {

    private EntitlementCalculator() {
    }

    public static Entitlement calculate(EntitlementRequest r, RefundPolicy policy) {
        validate(r);
        String currency = r.currency();
        List<Line> lines = new ArrayList<>();
        long paid = 0;
        long consumed = 0;
        for (Item item : r.items()) {
            long itemPaid = item.paid().minorUnits();
            paid += itemPaid;
            lines.add(new Line("paid for " + item.name(), itemPaid, "paid"));
            if (r.reason() == RefundReason.RESULT_AT_FAULT) {
                continue; // the assessor blamed the clinic for the result: nothing counts as consumed
            }
            long value = consumedValue(item);
            if (value > 0) {
                consumed += value;
                lines.add(new Line(consumedWhat(item), -value, consumedRule(item)));
            }
        }

        long fees = 0;
        if (r.reason() == RefundReason.PERSONAL_CANCELLATION) {
            long claimed = 0;
            for (HandlingFee fee : r.handlingFees()) {
                claimed += fee.amount().minorUnits();
                lines.add(new Line("handling fee: " + fee.description(), -fee.amount().minorUnits(),
                        "handling-fee." + fee.kind().name().toLowerCase().replace('_', '-')));
            }
            long cap = share(paid, policy.handlingFeeCapBasisPoints(), 10_000, RoundingMode.DOWN);
            if (r.contractFeeCap() != null) {
                cap = Math.min(cap, r.contractFeeCap().minorUnits());
            }
            cap = Math.min(cap, paid - consumed); // fees never take more than what is left
            fees = Math.min(claimed, Math.max(cap, 0));
            if (claimed > fees) {
                lines.add(new Line("handling fees above the cap, waived", claimed - fees, "handling-fee.cap"));
            }
        }
        long refundBeforeNonCash = paid - consumed - fees;

        // the part paid with coupons or points is not refunded as cash
        List<Allocation> allocation = new ArrayList<>();
        long coupons = paidWith(r, Instrument.COUPON);
        long points = paidWith(r, Instrument.POINTS);
        long couponShare = share(refundBeforeNonCash, coupons, paid, RoundingMode.DOWN);
        long pointsShare = share(refundBeforeNonCash, points, paid, RoundingMode.DOWN);
        long money = paid - coupons - points;
        long cash = refundBeforeNonCash - couponShare - pointsShare;
        if (cash > money) { // rounding left a fen more than money was paid: it belongs to the non-cash parts
            long excess = cash - money;
            long toCoupons = Math.min(excess, coupons - couponShare);
            couponShare += toCoupons;
            pointsShare += excess - toCoupons;
            cash = money;
        }
        if (couponShare > 0) {
            lines.add(new Line("paid with coupons: " + (policy.coupons() == RefundPolicy.CouponTreatment.REISSUE
                    ? "reissued as coupons" : "forfeited") + ", not cash", -couponShare, "coupons." + policy.coupons().name().toLowerCase()));
        }
        if (pointsShare > 0) {
            lines.add(new Line("paid with points: " + (policy.points() == RefundPolicy.PointsTreatment.RESTORE
                    ? "restored to the account" : "forfeited") + ", not cash", -pointsShare, "points." + policy.points().name().toLowerCase()));
        }

        FxRecord fx = null;
        if (r.fx() != null) {
            long borne = policy.fxDifference() == RefundPolicy.FxDifference.CUSTOMER
                    ? customersExchangeLoss(cash, r.fx()) : 0;
            if (borne > 0) {
                lines.add(new Line("exchange-rate difference borne by the customer (" + r.fx().rateAtPayment() + " "
                        + r.fx().reportingCurrency() + " at payment, " + r.fx().rateAtRefund() + " at refund)", -borne,
                        "fx.customer"));
                cash -= borne;
            }
            fx = exchangeDifference(r.fx(), currency, cash, policy.fxDifference());
        }

        long compensation = 0;
        if (r.reason() == RefundReason.CLINIC_FAULT_NOT_STARTED) {
            long days = r.paidOn() == null || r.refundOn() == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(r.paidOn(), r.refundOn()));
            long interest = share(cash, (long) policy.interestBasisPointsPerYear() * days, 10_000L * 365, RoundingMode.HALF_UP);
            if (interest > 0) {
                lines.add(new Line("interest on prepaid service not provided, " + days + " days at "
                        + policy.interestBasisPointsPerYear() + " bp a year", interest, "art53.interest"));
            }
            long costs = r.reasonableCosts() == null ? 0 : r.reasonableCosts().minorUnits();
            if (costs > 0) {
                lines.add(new Line("the customer's reasonable costs", costs, "art53.costs"));
            }
            compensation = interest + costs;
        }

        allocate(r, cash, compensation, allocation);
        long total = cash + compensation;
        return new Entitlement(policy.version(), r.reason(), List.copyOf(lines), new Money(cash, currency),
                new Money(compensation, currency), new Money(total, currency), List.copyOf(allocation), fx);
    }

    /**
     * The refund's cost in the reporting currency at the refund rate, less its worth at the payment rate, both
     * rounded half up to the reporting currency's minor unit.
     */
    private static FxRecord exchangeDifference(FxRates rates, String currency, long cash, RefundPolicy.FxDifference borneBy) {
        int shift = Math.max(Currency.getInstance(rates.reportingCurrency()).getDefaultFractionDigits(), 0)
                - Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        java.math.BigDecimal amount = java.math.BigDecimal.valueOf(cash).movePointRight(shift);
        long atRefund = amount.multiply(rates.rateAtRefund()).setScale(0, RoundingMode.HALF_UP).longValueExact();
        long atPayment = amount.multiply(rates.rateAtPayment()).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return new FxRecord(rates.reportingCurrency(), rates.rateAtPayment(), rates.rateAtRefund(), atRefund - atPayment,
                borneBy);
    }

    /**
     * When the customer bears the difference, they get what the clinic received (the refund at the payment rate) at the
     * refund-day rate, never more than the refund: the loss rounds down, so the refund rounds up, in their favour.
     */
    private static long customersExchangeLoss(long cash, FxRates rates) {
        long kept = java.math.BigDecimal.valueOf(cash).multiply(rates.rateAtPayment())
                .divide(rates.rateAtRefund(), 0, RoundingMode.CEILING).longValueExact();
        return Math.max(0, cash - kept);
    }

    /** What the customer has had of the item, at the price actually paid, never more than was paid. */
    static long consumedValue(Item item) {
        long paid = item.paid().minorUnits();
        return switch (item) {
            case Treatment t -> t.performed() ? paid : 0;
            case SessionPackage s -> Math.min(paid,
                    share(paid, s.sessionsUsed(), (long) s.sessions() + s.giftedSessions(), RoundingMode.DOWN));
            case PrepaidBalance b -> Math.min(paid, share(b.consumedAtListPrice().minorUnits(), paid,
                    paid + b.giftedCredit().minorUnits(), RoundingMode.DOWN));
            case Product p -> p.returned() ? 0 : paid;
        };
    }

    private static String consumedWhat(Item item) {
        return switch (item) {
            case Treatment t -> "treatment performed: " + t.name();
            case SessionPackage s -> s.sessionsUsed() + " of " + (s.sessions() + s.giftedSessions()) + " sessions used ("
                    + s.giftedSessions() + " gifted), at the price paid: " + s.name();
            case PrepaidBalance b -> "balance consumed, " + b.consumedAtListPrice().minorUnits() + " at list price, at the "
                    + "paid share of the balance (gifted credit not refunded): " + b.name();
            case Product p -> "product kept: " + p.name();
        };
    }

    private static String consumedRule(Item item) {
        return switch (item) {
            case Treatment t -> "consumed.treatment";
            case SessionPackage s -> "consumed.package-at-paid-price";
            case PrepaidBalance b -> "consumed.balance-principal-share";
            case Product p -> "consumed.product-kept";
        };
    }

    /**
     * Unwinds instalments through the financing partner first (outstanding ones cancelled, paid ones back to the
     * customer), then card, balance and cash, each up to what it paid; compensation goes to the customer's card or
     * cash.
     */
    private static void allocate(EntitlementRequest r, long cash, long compensation, List<Allocation> allocation) {
        long left = cash;
        for (Payment p : r.payments()) {
            if (p.instrument() != Instrument.INSTALMENTS || left == 0) {
                continue;
            }
            long financed = p.amount().minorUnits();
            long repaid = p.instalmentsPaid() == null ? 0 : Math.min(financed, p.instalmentsPaid().minorUnits());
            long cancel = Math.min(left, financed - repaid);
            if (cancel > 0) {
                allocation.add(new Allocation("INSTALMENTS:" + p.financingPartner(), cancel,
                        "outstanding instalments cancelled through " + p.financingPartner()));
                left -= cancel;
            }
            long back = Math.min(left, repaid);
            if (back > 0) {
                allocation.add(new Allocation("INSTALMENTS:" + p.financingPartner(), back,
                        "instalments already paid, back to their original channel"));
                left -= back;
            }
        }
        for (Instrument instrument : List.of(Instrument.CARD, Instrument.PREPAID_BALANCE, Instrument.CASH)) {
            long paid = paidWith(r, instrument);
            long back = Math.min(left, paid);
            if (back > 0) {
                allocation.add(new Allocation(instrument.name(), back, "back to the " + instrument.name().toLowerCase()
                        .replace('_', ' ') + " it was paid with"));
                left -= back;
            }
        }
        if (left != 0) {
            throw new IllegalStateException("allocation left " + left + " unplaced"); // cannot happen: cash <= money paid
        }
        if (compensation > 0) {
            String channel = paidWith(r, Instrument.CARD) > 0 ? "CARD" : "CASH";
            allocation.add(new Allocation(channel, compensation, "interest and costs owed (art. 53)"));
        }
    }

    private static long paidWith(EntitlementRequest r, Instrument instrument) {
        return r.payments().stream().filter(p -> p.instrument() == instrument).mapToLong(p -> p.amount().minorUnits()).sum();
    }

    /** {@code amount * numerator / denominator}, exact, rounded once. */
    static long share(long amount, long numerator, long denominator, RoundingMode rounding) {
        if (denominator == 0) {
            return 0;
        }
        return new java.math.BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(numerator)))
                .divide(new java.math.BigDecimal(denominator), 0, rounding).longValueExact();
    }

    private static void validate(EntitlementRequest r) {
        if (r.items().isEmpty()) {
            throw new InvalidEntitlementRequest("items", "at least one item is needed");
        }
        for (Item item : r.items()) {
            sameCurrency(r, item.paid(), "items");
            if (item instanceof PrepaidBalance b) {
                sameCurrency(r, b.giftedCredit(), "items.giftedCredit");
                sameCurrency(r, b.consumedAtListPrice(), "items.consumedAtListPrice");
            }
        }
        long paid = r.items().stream().mapToLong(i -> i.paid().minorUnits()).sum();
        long payments = 0;
        for (Payment p : r.payments()) {
            sameCurrency(r, p.amount(), "payments");
            payments += p.amount().minorUnits();
            if (p.instrument() == Instrument.INSTALMENTS && (p.financingPartner() == null || p.financingPartner().isBlank())) {
                throw new InvalidEntitlementRequest("payments.financingPartner", "instalments name their financing partner");
            }
            if (p.instalmentsPaid() != null) {
                sameCurrency(r, p.instalmentsPaid(), "payments.instalmentsPaid");
            }
        }
        if (payments != paid) {
            throw new InvalidEntitlementRequest("payments", "the payments (" + payments + ") must add up to what the items "
                    + "cost (" + paid + "), in minor units");
        }
        if (r.reason() != RefundReason.PERSONAL_CANCELLATION && !r.handlingFees().isEmpty()) {
            throw new InvalidEntitlementRequest("handlingFees", "handling fees apply only to a personal cancellation");
        }
        for (HandlingFee fee : r.handlingFees()) {
            sameCurrency(r, fee.amount(), "handlingFees");
        }
        if (r.fx() != null && r.fx().reportingCurrency().equals(r.currency())) {
            throw new InvalidEntitlementRequest("fx", "exchange rates apply only to a purchase in a foreign currency");
        }
        if (r.paidOn() != null && r.refundOn() != null && r.refundOn().isBefore(r.paidOn())) {
            throw new InvalidEntitlementRequest("refundOn", "a refund cannot come before the payment");
        }
    }

    private static void sameCurrency(EntitlementRequest r, Money money, String field) {
        if (money != null && !money.currency().equals(r.currency())) {
            throw new InvalidEntitlementRequest(field, "is in " + money.currency() + "; the refund is in " + r.currency()
                    + ", the currency the customer paid in");
        }
    }

    /** A request the calculation cannot take; names the field. */
    public static final class InvalidEntitlementRequest extends RuntimeException {
        private final String field;

        public InvalidEntitlementRequest(String field, String reason) {
            super(reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
