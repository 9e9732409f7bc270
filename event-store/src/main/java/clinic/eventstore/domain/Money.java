package clinic.eventstore.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in integer minor units (fen for CNY) of an ISO 4217 currency. Never floating point, never
 * negative. Every service's money: amounts in commands, events, requests and answers.
 */
public record Money(long minorUnits, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (minorUnits < 0) {
            throw new InvalidMoney("amount", "must not be negative");
        }
        currencyOf(currency);
    }

    /**
     * Reads a decimal amount as written by people ({@code "12800.00"}) in {@code currencyCode}; more decimal places
     * than the currency has are refused rather than rounded.
     */
    public static Money parse(String amount, String currencyCode) {
        if (currencyCode == null || currencyCode.isBlank()) {
            throw new InvalidMoney("currency", "is required");
        }
        Currency currency = currencyOf(currencyCode);
        if (amount == null || amount.isBlank()) {
            throw new InvalidMoney("amount", "is required");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new InvalidMoney("amount", "'" + amount + "' is not a decimal number");
        }
        if (value.signum() < 0) {
            throw new InvalidMoney("amount", "must not be negative");
        }
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        if (value.stripTrailingZeros().scale() > digits) {
            throw new InvalidMoney("amount", currencyCode + " has " + digits + " decimal places; got " + amount);
        }
        try {
            return new Money(value.movePointRight(digits).longValueExact(), currency.getCurrencyCode());
        } catch (ArithmeticException e) {
            throw new InvalidMoney("amount", "is too large");
        }
    }

    /** The amount with its code, as people read it in a message: {@code 8000.00 CNY}. */
    public String display() {
        return toDecimalString() + " " + currency;
    }

    /** The amount as a decimal string with the currency's decimal places: {@code "12800.00"}. */
    public String toDecimalString() {
        int digits = Math.max(currencyOf(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(minorUnits, digits).toPlainString();
    }

    private static Currency currencyOf(String code) {
        try {
            Currency c = Currency.getInstance(code);
            if (!c.getCurrencyCode().equals(code)) {
                throw new IllegalArgumentException();
            }
            return c;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidMoney("currency", "'" + code + "' is not an ISO 4217 currency code");
        }
    }

    /** An amount or currency that cannot be money; {@code part} is "amount" or "currency". */
    public static final class InvalidMoney extends IllegalArgumentException {
        private final String part;

        public InvalidMoney(String part, String reason) {
            super(reason);
            this.part = part;
        }

        public String part() {
            return part;
        }
    }
}
