package clinic.refund.api;

import clinic.refund.domain.purchase.Purchase;
import clinic.refund.domain.purchase.PurchaseLine;
import clinic.refund.projection.PurchaseRow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A recorded order with what has been used of each line; amounts are decimal strings in {@code currency}. */
public record PurchaseResponse(UUID id, String branchId, String orderNo, String customerRef, String currency,
                               String fxRate, Instant purchasedAt, String paid, List<Line> items,
                               List<PaymentLine> payments, Map<String, String> instalmentsRepaid, Long version) {

    public record Line(String lineId, String kind, String name, String productLine, String listPrice, String paid,
                       int sessions, int giftedSessions, String giftedCredit, int sessionsRedeemed,
                       String balanceUsedAtListPrice, boolean performed, boolean returned) {
    }

    public record PaymentLine(String instrument, String amount, String financingPartner) {
    }

    static PurchaseResponse of(Purchase p, long version) {
        String c = p.currency();
        return new PurchaseResponse(p.id(), p.branchId(), p.orderNo(), p.customerRef(), c,
                p.fxRateToReporting() == null ? null : p.fxRateToReporting().toPlainString(), p.purchasedAt(),
                Amounts.decimal(p.paidMinor(), c),
                p.lines().stream().map(l -> line(p, l)).toList(),
                p.payments().stream().map(x -> new PaymentLine(x.instrument().name(), Amounts.decimal(x.amount()), x.financingPartner())).toList(),
                p.instalmentsRepaid().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> Amounts.decimal(e.getValue(), c))),
                version);
    }

    /** The list's short form: no lines. */
    static PurchaseResponse of(PurchaseRow r) {
        return new PurchaseResponse(r.id, r.branchId, r.orderNo, r.customerRef, r.currency, null, r.purchasedAt,
                Amounts.decimal(r.paidMinor, r.currency), null, null, null, r.version);
    }

    private static Line line(Purchase p, PurchaseLine l) {
        Purchase.Usage u = p.usageOf(l.lineId());
        return new Line(l.lineId(), l.kind().name(), l.name(), l.productLine() == null ? null : l.productLine().name(),
                l.listPrice() == null ? null : Amounts.decimal(l.listPrice()), Amounts.decimal(l.paid()), l.sessions(), l.giftedSessions(),
                l.giftedCredit() == null ? null : Amounts.decimal(l.giftedCredit()), u.sessionsRedeemed(),
                Amounts.decimal(u.balanceUsedMinor(), p.currency()), u.performed(), u.returned());
    }
}
