package clinic.refund.domain.purchase;

import clinic.eventstore.domain.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Purchase facts, stored under the names in {@code PurchaseEventTypes}. They carry the customer reference and what was
 * bought, never the customer's name or phone. {@code fxRateToReporting} is a decimal string (exact).
 */
public sealed interface PurchaseEvent {

    record PurchaseRecorded(UUID purchaseId, String branchId, String orderNo, String customerRef, String currency,
                            String fxRateToReporting, Instant purchasedAt, List<PurchaseLine> lines,
                            List<PurchasePayment> payments) implements PurchaseEvent {
    }

    record PurchaseUsageRecorded(UUID purchaseId, String branchId, String orderNo, UsageKind kind, String lineId,
                                 String financingPartner, int sessions, Money amount, Instant happenedAt)
            implements PurchaseEvent {
    }
}
