package clinic.complaint.api;

import clinic.complaint.domain.Money;
import clinic.eventstore.api.InvalidField;
import jakarta.validation.constraints.NotBlank;

/** Money as people write it: {@code {"amount": "12800.00", "currency": "CNY"}}. */
public record MoneyJson(@NotBlank String amount, @NotBlank String currency) {

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
