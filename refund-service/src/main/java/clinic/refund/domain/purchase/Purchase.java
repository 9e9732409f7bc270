package clinic.refund.domain.purchase;

import clinic.eventstore.domain.Money;
import clinic.refund.domain.entitlement.Item;
import clinic.refund.domain.entitlement.Payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An order as its facts made it: what was bought and paid, and what has been used since. {@link #items()} and
 * {@link #payments()} are what the entitlement calculation reads.
 */
public record Purchase(UUID id, String branchId, String orderNo, String customerRef, String currency,
                       BigDecimal fxRateToReporting, Instant purchasedAt, List<PurchaseLine> lines,
                       List<PurchasePayment> payments, Map<String, Usage> usage, Map<String, Long> instalmentsRepaid) {

    public static final Purchase NONE = new Purchase(null, null, null, null, null, null, null, List.of(), List.of(),
            Map.of(), Map.of());

    /** What has been used of one line. */
    public record Usage(int sessionsRedeemed, long balanceUsedMinor, boolean performed, boolean returned) {
        static final Usage NONE = new Usage(0, 0, false, false);
    }

    public Usage usageOf(String lineId) {
        return usage.getOrDefault(lineId, Usage.NONE);
    }

    public long paidMinor() {
        return lines.stream().mapToLong(l -> l.paid().minorUnits()).sum();
    }

    /** The lines as the entitlement calculation sees them, with what has been used. */
    public List<Item> items() {
        return lines.stream().<Item>map(l -> {
            Usage u = usageOf(l.lineId());
            String name = l.name() + " (order " + orderNo + ")";
            return switch (l.kind()) {
                case TREATMENT -> new Item.Treatment(name, l.paid(), u.performed());
                case PACKAGE -> new Item.SessionPackage(name, l.paid(), l.sessions(), l.giftedSessions(), u.sessionsRedeemed());
                case PREPAID_BALANCE -> new Item.PrepaidBalance(name, l.paid(),
                        l.giftedCredit() == null ? new Money(0, currency) : l.giftedCredit(),
                        new Money(u.balanceUsedMinor(), currency));
                case PRODUCT -> new Item.Product(name, l.paid(), u.returned());
            };
        }).toList();
    }

    /** The payments as the entitlement calculation sees them, with the instalments already repaid. */
    public List<Payment> entitlementPayments() {
        return payments.stream().map(p -> new Payment(p.instrument(), p.amount(), p.financingPartner(),
                p.instrument() == Payment.Instrument.INSTALMENTS
                        ? new Money(instalmentsRepaid.getOrDefault(p.financingPartner(), 0L), currency) : null)).toList();
    }

    Purchase withUsage(String lineId, Usage u) {
        Map<String, Usage> more = new HashMap<>(usage);
        more.put(lineId, u);
        return new Purchase(id, branchId, orderNo, customerRef, currency, fxRateToReporting, purchasedAt, lines, payments,
                Map.copyOf(more), instalmentsRepaid);
    }

    Purchase withRepaid(String partner, long amount) {
        Map<String, Long> more = new HashMap<>(instalmentsRepaid);
        more.merge(partner, amount, Long::sum);
        return new Purchase(id, branchId, orderNo, customerRef, currency, fxRateToReporting, purchasedAt, lines, payments,
                usage, Map.copyOf(more));
    }
}
