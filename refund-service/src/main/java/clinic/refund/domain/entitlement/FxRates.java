package clinic.refund.domain.entitlement;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/**
 * Exchange rates of a foreign-currency purchase: how many units of the chain's reporting currency one unit of the
 * paid currency was worth when the customer paid, and is worth on the refund day. The refund is always in the paid
 * currency; the rates decide who bears the difference (policy).
 *
 * <p>A rate is plausible between {@link #MIN_RATE} and {@link #MAX_RATE} with at most {@link #MAX_RATE_DECIMALS}
 * decimal places (the calculation refuses others, see {@link #whyImplausible}): no two currencies in use are further
 * apart than a million to one, and a rate quoted to more places than that is a typing error, not a quote.
 */
public record FxRates(String reportingCurrency, BigDecimal rateAtPayment, BigDecimal rateAtRefund) {

    /** The smallest plausible rate: one unit of the paid currency is worth a millionth of the reporting currency. */
    public static final BigDecimal MIN_RATE = new BigDecimal("0.000001");
    /** The largest plausible rate: one unit of the paid currency is worth a million of the reporting currency. */
    public static final BigDecimal MAX_RATE = new BigDecimal("1000000");
    /** The most decimal places a plausible rate is quoted to. */
    public static final int MAX_RATE_DECIMALS = 10;

    public FxRates {
        Currency.getInstance(reportingCurrency);
        if (rateAtPayment == null || rateAtRefund == null || rateAtPayment.signum() <= 0 || rateAtRefund.signum() <= 0) {
            throw new IllegalArgumentException("exchange rates are positive numbers");
        }
    }

    /** Why {@code rate} is not a plausible exchange rate, or empty when it is. */
    public static Optional<String> whyImplausible(BigDecimal rate) {
        if (rate == null) {
            return Optional.of("an exchange rate is required");
        }
        if (rate.compareTo(MIN_RATE) < 0 || rate.compareTo(MAX_RATE) > 0) {
            return Optional.of("an exchange rate is between " + MIN_RATE.toPlainString() + " and "
                    + MAX_RATE.toPlainString() + "; " + rate + " is not plausible");
        }
        if (rate.stripTrailingZeros().scale() > MAX_RATE_DECIMALS) {
            return Optional.of("an exchange rate has at most " + MAX_RATE_DECIMALS + " decimal places; got "
                    + rate.toPlainString());
        }
        return Optional.empty();
    }
}
