package clinic.refund.domain.entitlement;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Exchange rates of a foreign-currency purchase: how many units of the chain's reporting currency one unit of the
 * paid currency was worth when the customer paid, and is worth on the refund day. The refund is always in the paid
 * currency; the rates decide who bears the difference (policy).
 */
public record FxRates(String reportingCurrency, BigDecimal rateAtPayment, BigDecimal rateAtRefund) {

    public FxRates {
        Currency.getInstance(reportingCurrency);
        if (rateAtPayment == null || rateAtRefund == null || rateAtPayment.signum() <= 0 || rateAtRefund.signum() <= 0) {
            throw new IllegalArgumentException("exchange rates are positive numbers");
        }
    }
}
