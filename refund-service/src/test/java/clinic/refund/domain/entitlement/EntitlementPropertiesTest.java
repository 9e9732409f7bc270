package clinic.refund.domain.entitlement;

import clinic.eventstore.domain.Money;
import clinic.refund.domain.entitlement.Payment.Instrument;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of every entitlement, over randomly generated purchases, payments and fees. */
class EntitlementPropertiesTest {

    static final RefundPolicy POLICY = new RefundPolicy("test", 2000, 365,
            RefundPolicy.PointsTreatment.FORFEIT, RefundPolicy.CouponTreatment.REISSUE);

    @Property(tries = 2000)
    void the_refund_never_exceeds_what_was_paid_and_every_figure_adds_up(@ForAll("requests") EntitlementRequest r) {
        Entitlement e = EntitlementCalculator.calculate(r, POLICY);
        long paid = r.items().stream().mapToLong(i -> i.paid().minorUnits()).sum();
        long moneyPaid = r.payments().stream()
                .filter(p -> p.instrument() != Instrument.COUPON && p.instrument() != Instrument.POINTS)
                .mapToLong(p -> p.amount().minorUnits()).sum();

        assertThat(e.refund().minorUnits()).isBetween(0L, Math.min(paid, moneyPaid));
        assertThat(e.refund().currency()).isEqualTo(r.currency());
        assertThat(e.lines().stream().mapToLong(Entitlement.Line::amountMinor).sum()).isEqualTo(e.total().minorUnits());
        assertThat(e.allocation().stream().mapToLong(Entitlement.Allocation::amountMinor).sum()).isEqualTo(e.total().minorUnits());
        assertThat(e.total().minorUnits()).isEqualTo(e.refund().minorUnits() + e.compensation().minorUnits());
        assertThat(e.allocation()).allSatisfy(a -> assertThat(a.amountMinor()).isPositive());
        if (r.reason() != RefundReason.CLINIC_FAULT_NOT_STARTED) {
            assertThat(e.compensation().minorUnits()).isZero();
        }
    }

    @Property(tries = 500)
    void a_full_refund_for_a_result_at_fault_returns_all_the_money_paid(@ForAll("requests") EntitlementRequest r) {
        var atFault = new EntitlementRequest(RefundReason.RESULT_AT_FAULT, r.currency(), r.items(), r.payments(), List.of(),
                null, r.paidOn(), r.refundOn(), null);
        long moneyPaid = r.payments().stream()
                .filter(p -> p.instrument() != Instrument.COUPON && p.instrument() != Instrument.POINTS)
                .mapToLong(p -> p.amount().minorUnits()).sum();
        assertThat(EntitlementCalculator.calculate(atFault, POLICY).refund().minorUnits()).isEqualTo(moneyPaid);
    }

    @Provide
    Arbitrary<EntitlementRequest> requests() {
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 5_000_000);
        Arbitrary<Item> item = Arbitraries.oneOf(
                Combinators.combine(amount, Arbitraries.of(true, false)).as((a, done) -> new Item.Treatment("t", cny(a), done)),
                Combinators.combine(amount, Arbitraries.integers().between(1, 20), Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 25)).as((a, n, g, u) -> new Item.SessionPackage("p", cny(a), n, g, Math.min(u, n + g))),
                Combinators.combine(amount, amount, amount).as((a, gift, used) -> new Item.PrepaidBalance("b", cny(a), cny(gift), cny(used))),
                Combinators.combine(amount, Arbitraries.of(true, false)).as((a, back) -> new Item.Product("x", cny(a), back)));
        return Combinators.combine(Arbitraries.of(RefundReason.values()), item.list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 100),
                        Arbitraries.integers().between(0, 100), Arbitraries.longs().between(0, 3_000_000),
                        Arbitraries.integers().between(0, 400))
                .as((reason, items, couponPct, pointsPct, instalmentPct, fee, days) -> {
                    long total = items.stream().mapToLong(i -> i.paid().minorUnits()).sum();
                    long coupons = total * couponPct / 400;
                    long points = total * pointsPct / 400;
                    long instalments = (total - coupons - points) * instalmentPct / 100;
                    long card = total - coupons - points - instalments;
                    List<Payment> payments = new ArrayList<>();
                    if (card > 0) payments.add(Payment.of(Instrument.CARD, cny(card)));
                    if (coupons > 0) payments.add(Payment.of(Instrument.COUPON, cny(coupons)));
                    if (points > 0) payments.add(Payment.of(Instrument.POINTS, cny(points)));
                    if (instalments > 0) payments.add(new Payment(Instrument.INSTALMENTS, cny(instalments), "partner", cny(instalments / 3)));
                    List<HandlingFee> fees = reason == RefundReason.PERSONAL_CANCELLATION
                            ? List.of(new HandlingFee(HandlingFee.Kind.ADMINISTRATION, "admin", cny(fee))) : List.of();
                    LocalDate paidOn = LocalDate.parse("2026-01-01");
                    return new EntitlementRequest(reason, "CNY", items, payments, fees, null, paidOn, paidOn.plusDays(days),
                            reason == RefundReason.CLINIC_FAULT_NOT_STARTED ? cny(fee) : null);
                });
    }

    /**
     * Whatever the amounts (up to {@code Long.MAX_VALUE} minor units, many of them), dates (any two a LocalDate can
     * hold) and exchange rates (1e-300 to 1e300, any number of places): an entitlement whose figures add up, or a
     * refusal naming the field. Never an ArithmeticException, a DateTimeException or a wrapped-around sum.
     */
    @Property(tries = 1500)
    void any_amounts_dates_and_rates_give_an_entitlement_or_a_refusal_naming_the_field(
            @ForAll("extremeRequests") EntitlementRequest r, @ForAll("policies") RefundPolicy policy) {
        Statistics.label("outcome").coverage(c -> {
            c.check("calculated").percentage(p -> p > 20);
            c.check("refused").percentage(p -> p > 20);
        });
        Entitlement e;
        try {
            e = EntitlementCalculator.calculate(r, policy);
        } catch (EntitlementCalculator.InvalidEntitlementRequest refused) {
            Statistics.label("outcome").collect("refused");
            assertThat(refused.field()).isNotBlank();
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        Statistics.label("outcome").collect("calculated");
        BigInteger moneyPaid = r.payments().stream()
                .filter(p -> p.instrument() != Instrument.COUPON && p.instrument() != Instrument.POINTS)
                .map(p -> BigInteger.valueOf(p.amount().minorUnits())).reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(BigInteger.valueOf(e.refund().minorUnits())).isLessThanOrEqualTo(moneyPaid);
        assertThat(e.refund().minorUnits()).isBetween(0L, EntitlementCalculator.MAX_AMOUNT_MINOR);
        assertThat(e.lines().stream().map(l -> BigInteger.valueOf(l.amountMinor())).reduce(BigInteger.ZERO, BigInteger::add))
                .isEqualTo(BigInteger.valueOf(e.total().minorUnits()));
        assertThat(e.allocation().stream().map(a -> BigInteger.valueOf(a.amountMinor())).reduce(BigInteger.ZERO, BigInteger::add))
                .isEqualTo(BigInteger.valueOf(e.total().minorUnits()));
        assertThat(e.total().minorUnits()).isEqualTo(e.refund().minorUnits() + e.compensation().minorUnits());
    }

    @Provide
    Arbitrary<RefundPolicy> policies() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 10_000),
                Arbitraries.of(RefundPolicy.FxDifference.values())).as((feeCap, interest, fx) -> new RefundPolicy("p",
                feeCap, interest, RefundPolicy.PointsTreatment.RESTORE, RefundPolicy.CouponTreatment.REISSUE, fx));
    }

    /** Anything a long holds, the ceiling's neighbours, and amounts up to the ceiling. */
    static Arbitrary<Long> extremeAmount() {
        long ceiling = EntitlementCalculator.MAX_AMOUNT_MINOR;
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1, ceiling)),
                Tuple.of(3, Arbitraries.longs().between(0, Long.MAX_VALUE)),
                Tuple.of(2, Arbitraries.of(ceiling - 1, ceiling, ceiling + 1, Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE)),
                Tuple.of(2, Arbitraries.longs().between(1, 5_000_000)));
    }

    /** Plausible rates, absurd ones (1e-300 .. 1e330, long fractions), and the plausible range's edges. */
    static Arbitrary<BigDecimal> extremeRate() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.longs().between(1, 100_000_000).map(unscaled -> BigDecimal.valueOf(unscaled, 4))),
                Tuple.of(2, Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN.pow(30)),
                        Arbitraries.integers().between(-300, 300)).as(BigDecimal::new)),
                Tuple.of(1, Arbitraries.of(FxRates.MIN_RATE, FxRates.MAX_RATE, new BigDecimal("0.00000099"),
                        new BigDecimal("1000000.01"), new BigDecimal("7.12345678901"), new BigDecimal("1e300"))));
    }

    /** Half ordinary requests (which are calculated), half extreme ones in every figure (mostly refused). */
    @Provide
    Arbitrary<EntitlementRequest> extremeRequests() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Tuple::of)
                .flatMap(t -> extremeRequest(t.get1(), t.get2()));
    }

    static Arbitrary<EntitlementRequest> extremeRequest(boolean extreme, boolean foreign) {
        String currency = foreign ? "USD" : "CNY";
        Arbitrary<Money> money = (extreme ? extremeAmount() : Arbitraries.longs().between(1, 5_000_000))
                .map(minor -> new Money(minor, currency));
        Arbitrary<Integer> sessions = extreme
                ? Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(1, 30)),
                Tuple.of(1, Arbitraries.integers().between(1, Integer.MAX_VALUE)))
                : Arbitraries.integers().between(1, 30);
        Arbitrary<Item> item = Arbitraries.oneOf(
                Combinators.combine(money, Arbitraries.of(true, false)).as((a, done) -> new Item.Treatment("t", a, done)),
                Combinators.combine(money, sessions, sessions, sessions).as((a, n, g, u) ->
                        new Item.SessionPackage("p", a, n, g, (int) Math.min((long) u, (long) n + g))),
                Combinators.combine(money, money, money).as((a, gift, used) -> new Item.PrepaidBalance("b", a, gift, used)),
                Combinators.combine(money, Arbitraries.of(true, false)).as((a, back) -> new Item.Product("x", a, back)));
        Arbitrary<List<Item>> items = extreme
                ? Arbitraries.frequencyOf(Tuple.of(3, item.list().ofMinSize(1).ofMaxSize(5)),
                Tuple.of(1, item.list().ofMinSize(1).ofMaxSize(200)))
                : item.list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<BigDecimal> rate = extreme ? extremeRate()
                : Arbitraries.longs().between(1_000, 100_000).map(unscaled -> BigDecimal.valueOf(unscaled, 4));
        Arbitrary<FxRates> fx = foreign
                ? Combinators.combine(rate, rate).as((atPayment, atRefund) -> new FxRates("CNY", atPayment, atRefund))
                : Arbitraries.<FxRates>just(null);
        long now = LocalDate.parse("2026-01-01").toEpochDay();
        Arbitrary<Tuple.Tuple2<Long, Long>> dates = extreme
                ? Combinators.combine(Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()),
                Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())).as(Tuple::of)
                : Combinators.combine(Arbitraries.longs().between(now - 5_000, now), Arbitraries.longs().between(0, 800))
                .as((paid, days) -> Tuple.of(paid, paid + days));
        Arbitrary<Money> maybeMoney = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.<Money>just(null)), Tuple.of(2, money));
        return Combinators.combine(Arbitraries.of(RefundReason.values()), items,
                        Arbitraries.of(Instrument.values()).list().ofSize(200), maybeMoney, maybeMoney, fx, dates)
                .as((reason, bought, instruments, fee, costs, rates, days) -> {
                    // every item paid with one instrument for its whole price: the payments add up, however large
                    List<Payment> payments = new ArrayList<>();
                    for (int i = 0; i < bought.size(); i++) {
                        Money paid = bought.get(i).paid();
                        Instrument how = instruments.get(i);
                        payments.add(how == Instrument.INSTALMENTS
                                ? new Payment(how, paid, "partner", new Money(paid.minorUnits() / 3, currency))
                                : Payment.of(how, paid));
                    }
                    boolean personal = reason == RefundReason.PERSONAL_CANCELLATION;
                    List<HandlingFee> fees = personal && fee != null
                            ? List.of(new HandlingFee(HandlingFee.Kind.ADMINISTRATION, "admin", fee)) : List.of();
                    return new EntitlementRequest(reason, currency, bought, payments, fees, personal ? costs : null,
                            LocalDate.ofEpochDay(days.get1()), LocalDate.ofEpochDay(days.get2()),
                            reason == RefundReason.CLINIC_FAULT_NOT_STARTED ? costs : null, rates);
                });
    }

    static Money cny(long minor) {
        return new Money(minor, "CNY");
    }
}
