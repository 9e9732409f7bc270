package clinic.refund.domain.entitlement;

import java.math.BigDecimal;

/**
 * What the exchange rates did to a foreign-currency refund, recorded with the calculation.
 *
 * @param differenceReportingMinor what the refund costs in the reporting currency at the refund rate minus what it was
 *                                 worth at the payment rate (minor units of the reporting currency; negative: a gain)
 * @param borneBy                  who bears it under the policy
 */
public record FxRecord(String reportingCurrency, BigDecimal rateAtPayment, BigDecimal rateAtRefund,
                       long differenceReportingMinor, RefundPolicy.FxDifference borneBy) {
}
