package clinic.refund.api;

import clinic.eventstore.api.Formats;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.domain.Money;
import clinic.refund.domain.entitlement.EntitlementCalculator;
import clinic.refund.domain.entitlement.EntitlementRequest;
import clinic.refund.domain.entitlement.FxRates;
import clinic.refund.domain.entitlement.HandlingFee;
import clinic.refund.domain.entitlement.Item;
import clinic.refund.domain.entitlement.Payment;
import clinic.refund.domain.entitlement.RefundReason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * {@code POST /refunds/calculate}: what was bought and paid, and why money goes back. Amounts are decimal strings in
 * {@code currency} ({@code "3000.00"}). {@code branchId}: calculate under that branch's policy (its overrides over the
 * chain's); without it, or for a branch without overrides, the chain's.
 */
public record CalculationRequest(
        @NotNull RefundReason reason,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency,
        @NotEmpty @Size(max = MAX_ENTRIES) List<@Valid @NotNull ItemJson> items,
        @NotEmpty @Size(max = MAX_ENTRIES) List<@Valid @NotNull PaymentJson> payments,
        @Size(max = MAX_ENTRIES) List<@Valid @NotNull FeeJson> handlingFees,
        @Size(max = MAX_NUMBER) String contractFeeCap,
        LocalDate paidOn,
        LocalDate refundOn,
        @Size(max = MAX_NUMBER) String reasonableCosts,
        @Valid FxJson fx,
        @Pattern(regexp = Formats.BRANCH_CODE, message = "must be a branch code such as SH001") String branchId) {

    /** The most items, payments or handling fees a request lists. */
    static final int MAX_ENTRIES = 200;
    /** The longest name or description. */
    static final int MAX_TEXT = 200;
    /** The longest amount or rate, as a decimal string. */
    static final int MAX_NUMBER = 30;
    /** The most sessions (paid, gifted or used) a package counts; the calculation takes no more. */
    static final int MAX_SESSIONS = EntitlementCalculator.MAX_SESSIONS;

    public enum ItemKind { TREATMENT, PACKAGE, PREPAID_BALANCE, PRODUCT }

    public record ItemJson(@NotNull ItemKind kind, @NotBlank @Size(max = MAX_TEXT) String name,
                           @NotBlank @Size(max = MAX_NUMBER) String paid, Boolean performed,
                           @PositiveOrZero @Max(MAX_SESSIONS) Integer sessions,
                           @PositiveOrZero @Max(MAX_SESSIONS) Integer giftedSessions,
                           @PositiveOrZero @Max(MAX_SESSIONS) Integer sessionsUsed,
                           @Size(max = MAX_NUMBER) String giftedCredit,
                           @Size(max = MAX_NUMBER) String consumedAtListPrice, Boolean returned) {
    }

    public record PaymentJson(@NotNull Payment.Instrument instrument, @NotBlank @Size(max = MAX_NUMBER) String amount,
                              @Size(max = MAX_TEXT) String financingPartner,
                              @Size(max = MAX_NUMBER) String instalmentsPaid) {
    }

    /** Units of the reporting currency one unit of {@code currency} was worth at payment, and is worth today. */
    public record FxJson(@NotBlank @Size(max = MAX_NUMBER) String rateAtPayment,
                         @NotBlank @Size(max = MAX_NUMBER) String rateAtRefund) {
    }

    public record FeeJson(@NotNull HandlingFee.Kind kind, @NotBlank @Size(max = MAX_TEXT) String description,
                          @NotBlank @Size(max = MAX_NUMBER) String amount) {
    }

    EntitlementRequest toDomain(String reportingCurrency) {
        Currency c = Amounts.currency(currency, "currency");
        List<Item> domainItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            domainItems.add(item(items.get(i), "items[" + i + "]", c));
        }
        List<Payment> domainPayments = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            PaymentJson p = payments.get(i);
            String at = "payments[" + i + "]";
            domainPayments.add(new Payment(p.instrument(), Amounts.money(p.amount(), at + ".amount", c), p.financingPartner(),
                    p.instalmentsPaid() == null ? null : Amounts.money(p.instalmentsPaid(), at + ".instalmentsPaid", c)));
        }
        List<HandlingFee> fees = new ArrayList<>();
        List<FeeJson> given = handlingFees == null ? List.of() : handlingFees;
        for (int i = 0; i < given.size(); i++) {
            FeeJson f = given.get(i);
            fees.add(new HandlingFee(f.kind(), f.description(), Amounts.money(f.amount(), "handlingFees[" + i + "].amount", c)));
        }
        return new EntitlementRequest(reason, currency, domainItems, domainPayments, fees,
                contractFeeCap == null ? null : Amounts.money(contractFeeCap, "contractFeeCap", c), paidOn, refundOn,
                reasonableCosts == null ? null : Amounts.money(reasonableCosts, "reasonableCosts", c),
                fx == null ? null : new FxRates(reportingCurrency, Amounts.rate(fx.rateAtPayment(), "fx.rateAtPayment"),
                        Amounts.rate(fx.rateAtRefund(), "fx.rateAtRefund")));
    }

    /**
     * A stored calculation's inputs in the shape of this request (what {@code POST /refunds/calculate} takes with
     * {@code branchId}, to try them yourself). The reporting currency of {@code fx} is the one of the stored record.
     */
    static CalculationRequest of(EntitlementRequest r, String branchId) {
        List<ItemJson> items = r.items().stream().map(CalculationRequest::itemJson).toList();
        List<PaymentJson> payments = r.payments().stream().map(p -> new PaymentJson(p.instrument(),
                Amounts.decimal(p.amount()), p.financingPartner(),
                p.instalmentsPaid() == null ? null : Amounts.decimal(p.instalmentsPaid()))).toList();
        List<FeeJson> fees = r.handlingFees().stream().map(f -> new FeeJson(f.kind(), f.description(),
                Amounts.decimal(f.amount()))).toList();
        return new CalculationRequest(r.reason(), r.currency(), items, payments, fees,
                r.contractFeeCap() == null ? null : Amounts.decimal(r.contractFeeCap()), r.paidOn(), r.refundOn(),
                r.reasonableCosts() == null ? null : Amounts.decimal(r.reasonableCosts()),
                r.fx() == null ? null : new FxJson(r.fx().rateAtPayment().toPlainString(),
                        r.fx().rateAtRefund().toPlainString()), branchId);
    }

    private static ItemJson itemJson(Item item) {
        String paid = Amounts.decimal(item.paid());
        return switch (item) {
            case Item.Treatment t -> new ItemJson(ItemKind.TREATMENT, t.name(), paid, t.performed(), null, null, null,
                    null, null, null);
            case Item.SessionPackage s -> new ItemJson(ItemKind.PACKAGE, s.name(), paid, null, s.sessions(),
                    s.giftedSessions(), s.sessionsUsed(), null, null, null);
            case Item.PrepaidBalance b -> new ItemJson(ItemKind.PREPAID_BALANCE, b.name(), paid, null, null, null, null,
                    Amounts.decimal(b.giftedCredit()), Amounts.decimal(b.consumedAtListPrice()), null);
            case Item.Product p -> new ItemJson(ItemKind.PRODUCT, p.name(), paid, null, null, null, null, null, null,
                    p.returned());
        };
    }

    private static Item item(ItemJson j, String at, Currency c) {
        Money paid = Amounts.money(j.paid(), at + ".paid", c);
        return switch (j.kind()) {
            case TREATMENT -> new Item.Treatment(j.name(), paid, required(j.performed(), at + ".performed"));
            case PRODUCT -> new Item.Product(j.name(), paid, required(j.returned(), at + ".returned"));
            case PREPAID_BALANCE -> new Item.PrepaidBalance(j.name(), paid,
                    Amounts.money(j.giftedCredit() == null ? "0" : j.giftedCredit(), at + ".giftedCredit", c),
                    Amounts.money(required(j.consumedAtListPrice(), at + ".consumedAtListPrice"), at + ".consumedAtListPrice", c));
            case PACKAGE -> {
                try {
                    yield new Item.SessionPackage(j.name(), paid, required(j.sessions(), at + ".sessions"),
                            j.giftedSessions() == null ? 0 : j.giftedSessions(), required(j.sessionsUsed(), at + ".sessionsUsed"));
                } catch (IllegalArgumentException e) {
                    throw new InvalidField(at + ".sessionsUsed", e.getMessage());
                }
            }
        };
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidField(field, "is required for this kind of item");
        }
        return value;
    }
}
