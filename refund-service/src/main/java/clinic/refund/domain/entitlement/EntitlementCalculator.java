package clinic.refund.domain.entitlement;

import clinic.eventstore.domain.Money;
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
 * <p><b>Rules</b> (docs/business.md): consumption is valued at the price actually paid, gifts folded into the discount, and
 * never above what was paid; a prepaid balance refunds the principal that remains, never gifted credit; handling fees
 * apply only to a personal cancellation, itemised and capped by policy and contract; a clinic at fault for a project
 * not started owes interest and the customer's reasonable costs; a result the assessor blamed on the clinic is refunded
 * in full; the part paid with coupons or points is not cash; instalments are unwound through the financing partner
 * first.
 *
 * <p><b>Bounds.</b> The arithmetic is exact (overflow throws, it never wraps) and the inputs are bounded so that it
 * never has to: every amount, and every sum of them (what the items cost, the payments, the handling fees claimed,
 * what was paid at either exchange rate in the reporting currency) is at most {@link #MAX_AMOUNT_MINOR}; a package
 * holds at most {@link #MAX_SESSIONS} sessions, and as many gifted; exchange rates are plausible ones
 * ({@link FxRates#whyImplausible}); the refund comes no earlier than the payment and at most
 * {@link #MAX_INTEREST_YEARS} years after it. Anything else is an {@link InvalidEntitlementRequest} naming the field.
 */
public final class EntitlementCalculator {

    /**
     * The ceiling of every amount and sum the calculation takes, in minor units: 10^13, which is 100 billion yuan
     * (10^11 CNY) - far above any clinic purchase, far below where {@code long} arithmetic could overflow.
     */
    public static final long MAX_AMOUNT_MINOR = 10_000_000_000_000L;
    /** The most paid sessions a package holds, and the most gifted sessions on top. */
    public static final int MAX_SESSIONS = 10_000;
    /** The longest span, in years, from the payment to the refund (the interest period of art. 53). */
    public static final int MAX_INTEREST_YEARS = 30;

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
            paid = Math.addExact(paid, itemPaid);
            lines.add(new Line("paid for " + item.name(), itemPaid, "paid"));
            if (r.reason() == RefundReason.RESULT_AT_FAULT) {
                continue; // the assessor blamed the clinic for the result: nothing counts as consumed
            }
            long value = consumedValue(item);
            if (value > 0) {
                consumed = Math.addExact(consumed, value);
                lines.add(new Line(consumedWhat(item), -value, consumedRule(item)));
            }
        }

        long fees = 0;
        if (r.reason() == RefundReason.PERSONAL_CANCELLATION) {
            long claimed = 0;
            for (HandlingFee fee : r.handlingFees()) {
                claimed = Math.addExact(claimed, fee.amount().minorUnits());
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
                lines.add(new Line("handling fees above the cap, waived", Math.subtractExact(claimed, fees), "handling-fee.cap"));
            }
        }
        long refundBeforeNonCash = Math.subtractExact(Math.subtractExact(paid, consumed), fees);

        // the part paid with coupons or points is not refunded as cash
        List<Allocation> allocation = new ArrayList<>();
        long coupons = paidWith(r, Instrument.COUPON);
        long points = paidWith(r, Instrument.POINTS);
        long couponShare = share(refundBeforeNonCash, coupons, paid, RoundingMode.DOWN);
        long pointsShare = share(refundBeforeNonCash, points, paid, RoundingMode.DOWN);
        long money = Math.subtractExact(Math.subtractExact(paid, coupons), points);
        long cash = Math.subtractExact(Math.subtractExact(refundBeforeNonCash, couponShare), pointsShare);
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
            // at most MAX_INTEREST_YEARS of days (validated), at most 10,000 bp a year (RefundPolicy): no overflow
            long days = r.paidOn() == null || r.refundOn() == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(r.paidOn(), r.refundOn()));
            long interest = share(cash, Math.multiplyExact((long) policy.interestBasisPointsPerYear(), days),
                    10_000L * 365, RoundingMode.HALF_UP);
            if (interest > 0) {
                lines.add(new Line("interest on prepaid service not provided, " + days + " days at "
                        + policy.interestBasisPointsPerYear() + " bp a year", interest, "art53.interest"));
            }
            long costs = r.reasonableCosts() == null ? 0 : r.reasonableCosts().minorUnits();
            if (costs > 0) {
                lines.add(new Line("the customer's reasonable costs", costs, "art53.costs"));
            }
            compensation = Math.addExact(interest, costs);
        }

        allocate(r, cash, compensation, allocation);
        long total = Math.addExact(cash, compensation);
        return new Entitlement(policy.version(), r.reason(), List.copyOf(lines), new Money(cash, currency),
                new Money(compensation, currency), new Money(total, currency), List.copyOf(allocation), fx, policy,
                policy.hash(), r);
    }

    /**
     * The refund's cost in the reporting currency at the refund rate, less its worth at the payment rate, both
     * rounded half up to the reporting currency's minor unit.
     */
    private static FxRecord exchangeDifference(FxRates rates, String currency, long cash, RefundPolicy.FxDifference borneBy) {
        long atRefund = inReportingCurrency(cash, currency, rates.reportingCurrency(), rates.rateAtRefund()).longValueExact();
        long atPayment = inReportingCurrency(cash, currency, rates.reportingCurrency(), rates.rateAtPayment()).longValueExact();
        return new FxRecord(rates.reportingCurrency(), rates.rateAtPayment(), rates.rateAtRefund(),
                Math.subtractExact(atRefund, atPayment), borneBy);
    }

    /** {@code minor} units of {@code currency} in minor units of {@code reporting} at {@code rate}, rounded half up. */
    private static java.math.BigDecimal inReportingCurrency(long minor, String currency, String reporting,
                                                            java.math.BigDecimal rate) {
        int shift = Math.max(Currency.getInstance(reporting).getDefaultFractionDigits(), 0)
                - Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return java.math.BigDecimal.valueOf(minor).movePointRight(shift).multiply(rate).setScale(0, RoundingMode.HALF_UP);
    }

    /**
     * When the customer bears the difference, they get what the clinic received (the refund at the payment rate) at the
     * refund-day rate, never more than the refund: the loss rounds down, so the refund rounds up, in their favour.
     */
    private static long customersExchangeLoss(long cash, FxRates rates) {
        java.math.BigDecimal kept = java.math.BigDecimal.valueOf(cash).multiply(rates.rateAtPayment())
                .divide(rates.rateAtRefund(), 0, RoundingMode.CEILING);
        if (kept.compareTo(java.math.BigDecimal.valueOf(cash)) >= 0) {
            return 0; // a cheaper reporting currency is no reason to refund more than was paid
        }
        return cash - kept.longValueExact(); // 0 <= kept < cash
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
            case SessionPackage s -> s.sessionsUsed() + " of " + ((long) s.sessions() + s.giftedSessions()) + " sessions used ("
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
            long cancel = Math.min(left, Math.subtractExact(financed, repaid));
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
        return r.payments().stream().filter(p -> p.instrument() == instrument).mapToLong(p -> p.amount().minorUnits())
                .reduce(0, Math::addExact);
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
        long paid = 0;
        for (int i = 0; i < r.items().size(); i++) {
            Item item = r.items().get(i);
            String at = "items[" + i + "]";
            sameCurrency(r, item.paid(), "items");
            withinCeiling(r, item.paid(), at + ".paid");
            paid = sumWithinCeiling(r, paid, item.paid().minorUnits(), "items", "what the items cost");
            if (item instanceof PrepaidBalance b) {
                sameCurrency(r, b.giftedCredit(), "items.giftedCredit");
                sameCurrency(r, b.consumedAtListPrice(), "items.consumedAtListPrice");
                withinCeiling(r, b.giftedCredit(), at + ".giftedCredit");
                withinCeiling(r, b.consumedAtListPrice(), at + ".consumedAtListPrice");
            }
            if (item instanceof SessionPackage p) {
                if (p.sessions() > MAX_SESSIONS) {
                    throw new InvalidEntitlementRequest(at + ".sessions", "a package holds at most " + MAX_SESSIONS
                            + " sessions; got " + p.sessions());
                }
                if (p.giftedSessions() > MAX_SESSIONS) {
                    throw new InvalidEntitlementRequest(at + ".giftedSessions", "a package holds at most " + MAX_SESSIONS
                            + " gifted sessions; got " + p.giftedSessions());
                }
            }
        }
        long payments = 0;
        for (int i = 0; i < r.payments().size(); i++) {
            Payment p = r.payments().get(i);
            String at = "payments[" + i + "]";
            sameCurrency(r, p.amount(), "payments");
            withinCeiling(r, p.amount(), at + ".amount");
            payments = sumWithinCeiling(r, payments, p.amount().minorUnits(), "payments", "the payments");
            if (p.instrument() == Instrument.INSTALMENTS && (p.financingPartner() == null || p.financingPartner().isBlank())) {
                throw new InvalidEntitlementRequest("payments.financingPartner", "instalments name their financing partner");
            }
            if (p.instalmentsPaid() != null) {
                sameCurrency(r, p.instalmentsPaid(), "payments.instalmentsPaid");
                withinCeiling(r, p.instalmentsPaid(), at + ".instalmentsPaid");
            }
        }
        if (payments != paid) {
            throw new InvalidEntitlementRequest("payments", "the payments (" + payments + ") must add up to what the items "
                    + "cost (" + paid + "), in minor units");
        }
        if (r.reason() != RefundReason.PERSONAL_CANCELLATION && !r.handlingFees().isEmpty()) {
            throw new InvalidEntitlementRequest("handlingFees", "handling fees apply only to a personal cancellation");
        }
        long claimed = 0;
        for (int i = 0; i < r.handlingFees().size(); i++) {
            HandlingFee fee = r.handlingFees().get(i);
            sameCurrency(r, fee.amount(), "handlingFees");
            withinCeiling(r, fee.amount(), "handlingFees[" + i + "].amount");
            claimed = sumWithinCeiling(r, claimed, fee.amount().minorUnits(), "handlingFees", "the handling fees");
        }
        withinCeiling(r, r.contractFeeCap(), "contractFeeCap");
        withinCeiling(r, r.reasonableCosts(), "reasonableCosts");
        if (r.fx() != null) {
            if (r.fx().reportingCurrency().equals(r.currency())) {
                throw new InvalidEntitlementRequest("fx", "exchange rates apply only to a purchase in a foreign currency");
            }
            plausibleRate(r, r.fx().rateAtPayment(), paid, "fx.rateAtPayment");
            plausibleRate(r, r.fx().rateAtRefund(), paid, "fx.rateAtRefund");
        }
        if (r.paidOn() != null && r.refundOn() != null) {
            if (r.refundOn().isBefore(r.paidOn())) {
                throw new InvalidEntitlementRequest("refundOn", "a refund cannot come before the payment");
            }
            long years = ChronoUnit.YEARS.between(r.paidOn(), r.refundOn());
            if (years > MAX_INTEREST_YEARS
                    || years == MAX_INTEREST_YEARS && r.refundOn().isAfter(r.paidOn().plusYears(MAX_INTEREST_YEARS))) {
                throw new InvalidEntitlementRequest("refundOn", "a refund on " + r.refundOn() + " is more than "
                        + MAX_INTEREST_YEARS + " years after the payment on " + r.paidOn()
                        + ": no contract's interest runs that long; check both dates");
            }
        }
    }

    /** An amount the calculation takes is at most {@link #MAX_AMOUNT_MINOR}. */
    private static void withinCeiling(EntitlementRequest r, Money money, String field) {
        if (money != null && money.minorUnits() > MAX_AMOUNT_MINOR) {
            throw new InvalidEntitlementRequest(field, money.display() + " is above the ceiling of "
                    + ceiling(r) + " a calculation takes");
        }
    }

    /** {@code sum + amount}, each at most the ceiling (so it cannot overflow), refused above it. */
    private static long sumWithinCeiling(EntitlementRequest r, long sum, long amount, String field, String what) {
        long more = Math.addExact(sum, amount);
        if (more > MAX_AMOUNT_MINOR) {
            throw new InvalidEntitlementRequest(field, what + " add up to more than the ceiling of " + ceiling(r)
                    + " a calculation takes");
        }
        return more;
    }

    private static String ceiling(EntitlementRequest r) {
        return new Money(MAX_AMOUNT_MINOR, r.currency()).display();
    }

    /** A plausible rate, at which what was paid is within the ceiling in the reporting currency too. */
    private static void plausibleRate(EntitlementRequest r, java.math.BigDecimal rate, long paid, String field) {
        FxRates.whyImplausible(rate).ifPresent(why -> {
            throw new InvalidEntitlementRequest(field, why);
        });
        java.math.BigDecimal reporting = inReportingCurrency(paid, r.currency(), r.fx().reportingCurrency(), rate);
        if (reporting.compareTo(java.math.BigDecimal.valueOf(MAX_AMOUNT_MINOR)) > 0) {
            throw new InvalidEntitlementRequest(field, "at " + rate.toPlainString() + " what was paid is "
                    + reporting.movePointLeft(Math.max(Currency.getInstance(r.fx().reportingCurrency())
                    .getDefaultFractionDigits(), 0)).toPlainString() + " " + r.fx().reportingCurrency()
                    + ", above the ceiling of " + new Money(MAX_AMOUNT_MINOR, r.fx().reportingCurrency()).display()
                    + " a calculation takes");
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
