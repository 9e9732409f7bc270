package clinic.complaint.api;

import clinic.eventstore.domain.Money;
import clinic.eventstore.api.Formats;
import clinic.eventstore.api.InvalidField;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Money as people write it: {@code {"amount": "12800.00", "currency": "CNY"}}. */
public record MoneyJson(
        @NotBlank @Pattern(regexp = Formats.AMOUNT, message = "must be a decimal amount such as 12800.00")
        String amount,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency) {

    public static MoneyJson of(Money money) {
        return money == null ? null : new MoneyJson(money.toDecimalString(), money.currency());
    }

    /** The amount in minor units; {@code field} names this value in an error. */
    public Money toMoney(String field) {
        try {
            return Money.parse(amount, currency);
        } catch (Money.InvalidMoney e) {
            throw new InvalidField(field + "." + e.part(), e.getMessage());
        }
    }
}
