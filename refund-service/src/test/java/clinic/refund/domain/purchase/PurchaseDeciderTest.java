package clinic.refund.domain.purchase;

import clinic.devstack.DeciderSpec;
import clinic.eventstore.domain.Money;
import clinic.refund.domain.entitlement.Entitlement;
import clinic.refund.domain.entitlement.EntitlementCalculator;
import clinic.refund.domain.entitlement.EntitlementRequest;
import clinic.refund.domain.entitlement.Payment.Instrument;
import clinic.refund.domain.entitlement.RefundPolicy;
import clinic.refund.domain.entitlement.RefundReason;
import clinic.refund.domain.purchase.PurchaseCommand.RecordPurchase;
import clinic.refund.domain.purchase.PurchaseCommand.RecordUsage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PurchaseDeciderTest {

    static final Instant SOLD = Instant.parse("2026-03-02T02:00:00Z");
    static final UUID ID = UUID.randomUUID();

    /** The purchase decider, given / when / then. */
    static final DeciderSpec<PurchaseCommand, Purchase, PurchaseEvent> SPEC =
            DeciderSpec.of(PurchaseDecider::decide, PurchaseDecider::evolve, Purchase.NONE);

    static Money cny(String amount) {
        return new Money(new BigDecimal(amount).movePointRight(2).longValueExact(), "CNY");
    }

    static PurchaseLine card() {
        return new PurchaseLine("L1", ItemKind.PREPAID_BALANCE, "membership card", null, cny("4000.00"), cny("3000.00"),
                0, 0, cny("1000.00"));
    }

    static PurchaseLine pack() {
        return new PurchaseLine("L2", ItemKind.PACKAGE, "photo-rejuvenation 10+2", null, cny("9600.00"), cny("6000.00"),
                10, 2, null);
    }

    static PurchaseLine serum() {
        return new PurchaseLine("L3", ItemKind.PRODUCT, "repair serum", ProductLine.THERAPEUTIC, cny("480.00"),
                cny("480.00"), 0, 0, null);
    }

    static RecordPurchase order(List<PurchaseLine> lines, List<PurchasePayment> payments) {
        return new RecordPurchase(ID, "SH001", "POS-1001", "cust-889", "CNY", null, SOLD, lines, payments, "CNY");
    }

    static DeciderSpec<PurchaseCommand, Purchase, PurchaseEvent>.Given recorded() {
        var payments = List.of(new PurchasePayment(Instrument.CARD, cny("3480.00"), null),
                new PurchasePayment(Instrument.INSTALMENTS, cny("6000.00"), "Ant Credit"));
        return SPEC.givenCommands(order(List.of(card(), pack(), serum()), payments));
    }

    static RecordUsage use(UsageKind kind, String line, int sessions, Money amount) {
        return new RecordUsage(kind, line, kind == UsageKind.INSTALMENTS_REPAID ? "Ant Credit" : null, sessions, amount,
                SOLD.plusSeconds(86_400));
    }

    @Test
    void an_order_is_recorded_with_its_lines_and_payments() {
        Purchase p = recorded().state();
        assertThat(p.orderNo()).isEqualTo("POS-1001");
        assertThat(p.paidMinor()).isEqualTo(948_000);
        assertThat(p.lines()).extracting(PurchaseLine::kind)
                .containsExactly(ItemKind.PREPAID_BALANCE, ItemKind.PACKAGE, ItemKind.PRODUCT);
    }

    @Test
    void payments_that_do_not_add_up_to_the_items_are_refused() {
        SPEC.given().when(order(List.of(serum()), List.of(new PurchasePayment(Instrument.CARD, cny("400.00"), null))))
                .thenRefused(PurchaseFactRejected.class, "add up")
                .thenRefused(PurchaseFactRejected.class, e -> assertThat(e.field()).isEqualTo("payments"));
    }

    @Test
    void an_order_that_is_inconsistent_in_itself_is_refused_naming_the_field() {
        var cash = List.of(new PurchasePayment(Instrument.CASH, cny("480.00"), null));
        var usd = new PurchaseLine("L3", ItemKind.PRODUCT, "serum", ProductLine.GENERAL, null,
                new Money(48_000, "USD"), 0, 0, null);
        var serviceWithProductLine = new PurchaseLine("L4", ItemKind.TREATMENT, "peel", ProductLine.BRAND, null,
                cny("480.00"), 0, 0, null);
        var treatmentWithSessions = new PurchaseLine("L5", ItemKind.TREATMENT, "peel", null, null, cny("480.00"), 3, 0, null);
        SPEC.given().when(order(List.of(usd), cash)).thenRefused(PurchaseFactRejected.class, "is in USD");
        SPEC.given().when(order(List.of(serviceWithProductLine), cash))
                .thenRefused(PurchaseFactRejected.class, "product line");
        SPEC.given().when(order(List.of(treatmentWithSessions), cash))
                .thenRefused(PurchaseFactRejected.class, "only a package");
        SPEC.given().when(order(List.of(serum(), serum()), List.of(new PurchasePayment(Instrument.CASH, cny("960.00"), null))))
                .thenRefused(PurchaseFactRejected.class, "appears twice");
        SPEC.given().when(order(List.of(serum()), List.of(new PurchasePayment(Instrument.INSTALMENTS, cny("480.00"), " "))))
                .thenRefused(PurchaseFactRejected.class, "financing partner");
    }

    @Test
    void a_foreign_currency_order_carries_its_rate_and_a_local_one_does_not() {
        var dollars = new PurchaseLine("L1", ItemKind.TREATMENT, "thread lift", null, null, new Money(100_000, "USD"), 0, 0, null);
        var paid = List.of(new PurchasePayment(Instrument.CARD, new Money(100_000, "USD"), null));
        SPEC.given().when(new RecordPurchase(ID, "HK001", "HK-1", "cust-1", "USD", null, SOLD, List.of(dollars), paid,
                        "CNY"))
                .thenRefused(PurchaseFactRejected.class, "carries its rate");
        SPEC.given().when(new RecordPurchase(ID, "HK001", "HK-1", "cust-1", "USD", new BigDecimal("7.1850"), SOLD,
                        List.of(dollars), paid, "CNY"))
                .thenState(p -> assertThat(p.fxRateToReporting()).isEqualByComparingTo("7.185"));
        SPEC.given().when(new RecordPurchase(ID, "SH001", "POS-2", "cust-1", "CNY", BigDecimal.ONE, SOLD, List.of(serum()),
                        List.of(new PurchasePayment(Instrument.CASH, cny("480.00"), null)), "CNY"))
                .thenRefused(PurchaseFactRejected.class, "has no exchange rate");
    }

    @Test
    void the_same_order_number_is_not_recorded_twice() {
        recorded().when(order(List.of(serum()), List.of(new PurchasePayment(Instrument.CASH, cny("480.00"), null))))
                .thenRefused(PurchaseFactRejected.class, "recorded already");
    }

    @Test
    void usage_is_added_up_per_line_and_never_beyond_what_the_order_holds() {
        var used = recorded().andCommands(use(UsageKind.SESSIONS_REDEEMED, "L2", 3, null),
                use(UsageKind.SESSIONS_REDEEMED, "L2", 2, null), use(UsageKind.BALANCE_USED, "L1", 0, cny("3594.00")));
        assertThat(used.state().usageOf("L2").sessionsRedeemed()).isEqualTo(5);
        used.when(use(UsageKind.SESSIONS_REDEEMED, "L2", 8, null)).thenRefused(PurchaseFactRejected.class, "7 sessions left");
        used.when(use(UsageKind.BALANCE_USED, "L1", 0, cny("406.01")))
                .thenRefused(PurchaseFactRejected.class, "left on the balance");
        used.when(use(UsageKind.SESSIONS_REDEEMED, "L1", 1, null)).thenRefused(PurchaseFactRejected.class, "does not apply");
        used.when(use(UsageKind.PRODUCT_RETURNED, "L9", 0, null)).thenRefused(PurchaseFactRejected.class, "no line L9");
        used.andCommands(use(UsageKind.PRODUCT_RETURNED, "L3", 0, null))
                .when(use(UsageKind.PRODUCT_RETURNED, "L3", 0, null))
                .thenRefused(PurchaseFactRejected.class, "returned already");
    }

    @Test
    void instalments_repaid_are_tracked_per_partner_up_to_what_it_financed() {
        var repaid = recorded().when(use(UsageKind.INSTALMENTS_REPAID, null, 0, cny("1000.00")))
                .thenState(p -> assertThat(p.instalmentsRepaid()).containsEntry("Ant Credit", 100_000L))
                .next();
        repaid.when(use(UsageKind.INSTALMENTS_REPAID, null, 0, cny("5000.01")))
                .thenRefused(PurchaseFactRejected.class, "more than the 600000 financed");
    }

    @Test
    void the_recorded_facts_feed_the_entitlement_worked_example_of_domain_md() {
        // 3,000 paid + 1,000 gifted; 3,594 used at list price deducts 2,695.50 (docs/business.md)
        var payments = List.of(new PurchasePayment(Instrument.CARD, cny("3000.00"), null));
        Purchase p = SPEC.givenCommands(order(List.of(card()), payments),
                use(UsageKind.BALANCE_USED, "L1", 0, cny("3594.00"))).state();
        Entitlement e = EntitlementCalculator.calculate(new EntitlementRequest(RefundReason.PERSONAL_CANCELLATION, "CNY",
                p.items(), p.entitlementPayments(), List.of(), null, null, null, null),
                new RefundPolicy("t", 2000, 300, RefundPolicy.PointsTreatment.RESTORE, RefundPolicy.CouponTreatment.REISSUE));
        assertThat(e.lines()).extracting(Entitlement.Line::amountMinor).containsExactly(300_000L, -269_550L);
        assertThat(e.total()).isEqualTo(cny("304.50"));
    }

    @Test
    void instalments_repaid_go_back_to_the_customer_and_the_rest_is_cancelled_with_the_partner() {
        Purchase p = recorded().andCommands(use(UsageKind.INSTALMENTS_REPAID, null, 0, cny("1000.00"))).state();
        Entitlement e = EntitlementCalculator.calculate(new EntitlementRequest(RefundReason.CLINIC_FAULT_NOT_STARTED, "CNY",
                p.items(), p.entitlementPayments(), List.of(), null, null, null, null),
                new RefundPolicy("t", 2000, 0, RefundPolicy.PointsTreatment.RESTORE, RefundPolicy.CouponTreatment.REISSUE));
        assertThat(e.allocation()).extracting(Entitlement.Allocation::channel, Entitlement.Allocation::amountMinor)
                .startsWith(org.assertj.core.groups.Tuple.tuple("INSTALMENTS:Ant Credit", 500_000L),
                        org.assertj.core.groups.Tuple.tuple("INSTALMENTS:Ant Credit", 100_000L));
    }

    @Test
    void an_order_beyond_the_calculations_ceiling_or_at_an_implausible_rate_is_refused_not_wrapped_around() {
        long half = Long.MAX_VALUE / 2 + 1; // two of them wrap a long around to Long.MIN_VALUE
        var line1 = new PurchaseLine("L1", ItemKind.TREATMENT, "a", null, null, new Money(half, "CNY"), 0, 0, null);
        var line2 = new PurchaseLine("L2", ItemKind.TREATMENT, "b", null, null, new Money(half, "CNY"), 0, 0, null);
        var wrapped = List.of(new PurchasePayment(Instrument.CARD, new Money(half, "CNY"), null),
                new PurchasePayment(Instrument.CASH, new Money(half, "CNY"), null));
        SPEC.given().when(order(List.of(line1, line2), wrapped))
                .thenRefused(PurchaseFactRejected.class, e -> assertThat(e.field()).isEqualTo("items[0].paid"));
        long ceiling = EntitlementCalculator.MAX_AMOUNT_MINOR;
        var big1 = new PurchaseLine("L1", ItemKind.TREATMENT, "a", null, null, new Money(ceiling, "CNY"), 0, 0, null);
        var big2 = new PurchaseLine("L2", ItemKind.TREATMENT, "b", null, null, new Money(1, "CNY"), 0, 0, null);
        SPEC.given().when(order(List.of(big1, big2),
                        List.of(new PurchasePayment(Instrument.CARD, new Money(ceiling + 1, "CNY"), null))))
                .thenRefused(PurchaseFactRejected.class, e -> assertThat(e.field()).isEqualTo("items"));
        var hugePackage = new PurchaseLine("L1", ItemKind.PACKAGE, "p", null, null, cny("100.00"), Integer.MAX_VALUE, 1, null);
        SPEC.given().when(order(List.of(hugePackage), List.of(new PurchasePayment(Instrument.CARD, cny("100.00"), null))))
                .thenRefused(PurchaseFactRejected.class, e -> assertThat(e.field()).isEqualTo("items[0].sessions"));
        var dollars = new PurchaseLine("L1", ItemKind.TREATMENT, "lift", null, null, new Money(100_000, "USD"), 0, 0, null);
        for (String absurd : List.of("1e300", "0.0000000000000000000001", "999999999999999999999999")) {
            SPEC.given().when(new RecordPurchase(ID, "HK001", "HK-1", "cust-1", "USD", new BigDecimal(absurd), SOLD,
                            List.of(dollars), List.of(new PurchasePayment(Instrument.CARD, new Money(100_000, "USD"), null)),
                            "CNY"))
                    .thenRefused(PurchaseFactRejected.class, e -> assertThat(e.field()).isEqualTo("fxRate"));
        }
    }

    @Test
    void usage_near_long_max_value_is_refused_instead_of_wrapping_past_the_check() {
        recorded().andCommands(use(UsageKind.BALANCE_USED, "L1", 0, cny("1.00")))
                .when(use(UsageKind.BALANCE_USED, "L1", 0, new Money(Long.MAX_VALUE, "CNY")))
                .thenRefused(PurchaseFactRejected.class, "left on the balance");
        recorded().andCommands(use(UsageKind.INSTALMENTS_REPAID, null, 0, cny("1.00")))
                .when(use(UsageKind.INSTALMENTS_REPAID, null, 0, new Money(Long.MAX_VALUE, "CNY")))
                .thenRefused(PurchaseFactRejected.class, "more than the 600000 financed");
    }
}
