package clinic.refund.domain.purchase;

import clinic.eventstore.domain.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a branch system (or staff during a contract review) says about a purchase. */
public sealed interface PurchaseCommand {

    /**
     * An order: its lines and how it was paid, in one currency.
     *
     * @param fxRateToReporting units of the chain's reporting currency one unit of {@code currency} was worth when
     *                          paid; required for a foreign-currency order, absent otherwise
     */
    record RecordPurchase(UUID purchaseId, String branchId, String orderNo, String customerRef, String currency,
                          BigDecimal fxRateToReporting, Instant purchasedAt, List<PurchaseLine> lines,
                          List<PurchasePayment> payments, String reportingCurrency) implements PurchaseCommand {
    }

    /** Something that happened after the sale; which fields it uses depends on the kind (see {@link UsageKind}). */
    record RecordUsage(UsageKind kind, String lineId, String financingPartner, int sessions, Money amount,
                       Instant happenedAt) implements PurchaseCommand {
    }
}
