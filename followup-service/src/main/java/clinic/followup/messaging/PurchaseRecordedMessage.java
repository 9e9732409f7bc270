package clinic.followup.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The part of refund-service's {@code purchase.recorded.v1} this service needs: who bought which product lines, when. */
public record PurchaseRecordedMessage(UUID purchaseId, String branchId, String customerRef, Instant purchasedAt,
                                      List<Line> lines) {

    public record Line(String kind, String productLine) {
    }

    public PurchaseRecordedMessage {
        Objects.requireNonNull(purchaseId, "purchaseId is required");
        Objects.requireNonNull(branchId, "branchId is required");
        Objects.requireNonNull(purchasedAt, "purchasedAt is required");
        lines = lines == null ? List.of() : lines;
    }
}
