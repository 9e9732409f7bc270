package clinic.refund.domain;

import java.util.Currency;
import java.util.Objects;

/** An amount in integer minor units (fen for CNY) of an ISO 4217 currency. Never floating point. */
public record Money(long minorUnits, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (minorUnits < 0) {
            throw new IllegalArgumentException("money is never negative: " + minorUnits);
        }
        Currency.getInstance(currency); // IllegalArgumentException for a code ISO 4217 does not have
    }

    /** The amount in the currency's units with its code, as people read it: {@code 8000.00 CNY}. */
    public String toDecimalString() {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return java.math.BigDecimal.valueOf(minorUnits, digits).toPlainString() + " " + currency;
    }
}
