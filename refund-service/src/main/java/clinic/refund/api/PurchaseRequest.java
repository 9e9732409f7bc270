package clinic.refund.api;

import clinic.refund.domain.entitlement.Payment;
import clinic.refund.domain.purchase.ItemKind;
import clinic.refund.domain.purchase.ProductLine;
import clinic.refund.domain.purchase.PurchaseCommand.RecordPurchase;
import clinic.refund.domain.purchase.PurchaseLine;
import clinic.refund.domain.purchase.PurchasePayment;
import clinic.refund.application.PurchaseService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * An order as a branch system or staff report it: {@code POST /purchases}, and the {@code order} of a
 * {@code branch-purchases} message (schema {@code schemas/branch-purchase.v1.schema.json}). Amounts are decimal strings
 * in {@code currency}; {@code fxRate} is how many units of the reporting currency one unit of it was worth at payment.
 */
public record PurchaseRequest(
        @NotBlank String branchId,
        @NotBlank String orderNo,
        @NotBlank String customerRef,
        @NotNull Instant purchasedAt,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency,
        String fxRate,
        @NotEmpty List<@Valid @NotNull ItemJson> items,
        @NotEmpty List<@Valid @NotNull PaymentJson> payments) {

    public record ItemJson(@NotBlank String lineId, @NotNull ItemKind kind, @NotBlank String name,
                           ProductLine productLine, String listPrice, @NotBlank String paid, Integer sessions,
                           Integer giftedSessions, String giftedCredit) {
    }

    public record PaymentJson(@NotNull Payment.Instrument instrument, @NotBlank String amount, String financingPartner) {
    }

    public RecordPurchase toCommand(String reportingCurrency) {
        Currency c = Amounts.currency(currency, "currency");
        List<PurchaseLine> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ItemJson j = items.get(i);
            String at = "items[" + i + "]";
            lines.add(new PurchaseLine(j.lineId(), j.kind(), j.name(), j.productLine(),
                    j.listPrice() == null ? null : Amounts.money(j.listPrice(), at + ".listPrice", c),
                    Amounts.money(j.paid(), at + ".paid", c),
                    j.sessions() == null ? 0 : j.sessions(), j.giftedSessions() == null ? 0 : j.giftedSessions(),
                    j.giftedCredit() == null ? null : Amounts.money(j.giftedCredit(), at + ".giftedCredit", c)));
        }
        List<PurchasePayment> paid = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            PaymentJson p = payments.get(i);
            paid.add(new PurchasePayment(p.instrument(), Amounts.money(p.amount(), "payments[" + i + "].amount", c),
                    p.financingPartner()));
        }
        return new RecordPurchase(PurchaseService.purchaseIdFor(branchId, orderNo), branchId, orderNo, customerRef,
                currency, fxRate == null ? null : Amounts.rate(fxRate, "fxRate"), purchasedAt, lines, paid,
                reportingCurrency);
    }
}
