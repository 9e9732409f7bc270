package clinic.refund.api;

import clinic.eventstore.api.Formats;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.domain.Money;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Amounts as the API reads and writes them: decimal strings in a currency's units ({@code "3000.00"}), exchange rates
 * as decimal strings; each refusal names its field.
 */
final class Amounts {

    private Amounts() {
    }

    /** An ISO 4217 currency code. */
    static Currency currency(String code, String field) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidField(field, "'" + code + "' is not an ISO 4217 currency code");
        }
    }

    /** A decimal amount in the currency's minor units; more decimals than the currency has, or a sign, are refused. */
    static Money money(String amount, String field, Currency currency) {
        if (amount == null || amount.isBlank()) {
            throw new InvalidField(field, "is required");
        }
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        if (!amount.trim().matches("-?" + Formats.AMOUNT)) {
            // BigDecimal would read other scripts' digits ("١٢٣") and exponents: an amount is written in ASCII digits
            throw new InvalidField(field, "'" + shortened(amount) + "' is not an amount such as 3000.00");
        }
        try {
            BigDecimal value = new BigDecimal(amount.trim());
            if (value.signum() < 0) {
                throw new InvalidField(field, "must not be negative");
            }
            if (value.stripTrailingZeros().scale() > digits) {
                throw new InvalidField(field, currency.getCurrencyCode() + " has " + digits + " decimal places; got " + amount);
            }
            return new Money(value.movePointRight(digits).longValueExact(), currency.getCurrencyCode());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidField(field, "'" + amount + "' is not an amount");
        }
    }

    /** An amount in the currency named by its code. */
    static Money money(String amount, String field, String currency) {
        return money(amount, field, Currency.getInstance(currency));
    }

    /** An exchange rate: a positive decimal. */
    static BigDecimal rate(String value, String field) {
        if (value == null || !value.trim().matches("[0-9]{1,10}([.][0-9]{1,12})?")) {
            throw new InvalidField(field, "'" + shortened(String.valueOf(value)) + "' is not a decimal rate such as 0.1385");
        }
        try {
            BigDecimal rate = new BigDecimal(value.trim());
            if (rate.signum() <= 0) {
                throw new InvalidField(field, "an exchange rate is positive");
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new InvalidField(field, "'" + value + "' is not a decimal number");
        }
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** Minor units as a decimal string in the currency's units. */
    static String decimal(long minor, String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    static String decimal(Money money) {
        return decimal(money.minorUnits(), money.currency());
    }
}
