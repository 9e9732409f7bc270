package clinic.refund.api;

import clinic.refund.domain.entitlement.Payment;
import clinic.refund.domain.purchase.ItemKind;
import clinic.refund.domain.purchase.ProductLine;
import clinic.refund.domain.purchase.PurchaseCommand.RecordPurchase;
import clinic.refund.domain.purchase.PurchaseLine;
import clinic.refund.domain.purchase.PurchasePayment;
import clinic.refund.application.PurchaseService;
import clinic.eventstore.api.Formats;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

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
        @NotBlank @Pattern(regexp = Formats.BRANCH_CODE, message = "must be a branch code such as SH001")
        String branchId,
        @NotBlank @Size(max = 64) String orderNo,
        @NotBlank @Size(max = 64) @Pattern(regexp = Formats.REFERENCE, message = "must be a reference, not a name")
        String customerRef,
        @NotNull Instant purchasedAt,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency,
        @Size(max = 30) String fxRate,
        @NotEmpty @Size(max = 200) List<@Valid @NotNull ItemJson> items,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull PaymentJson> payments) {

    public record ItemJson(@NotBlank @Size(max = 40) String lineId, @NotNull ItemKind kind,
                           @NotBlank @Size(max = 200) String name, ProductLine productLine,
                           @Size(max = 30) String listPrice, @NotBlank @Size(max = 30) String paid,
                           @PositiveOrZero @Max(10_000) Integer sessions, @PositiveOrZero @Max(10_000) Integer giftedSessions,
                           @Size(max = 30) String giftedCredit) {
    }

    public record PaymentJson(@NotNull Payment.Instrument instrument, @NotBlank @Size(max = 30) String amount,
                              @Size(max = 100) String financingPartner) {
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
