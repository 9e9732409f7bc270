package clinic.refund.domain.entitlement;

import clinic.refund.domain.Money;
import clinic.refund.domain.entitlement.Payment.Instrument;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    static Money cny(long minor) {
        return new Money(minor, "CNY");
    }
}
