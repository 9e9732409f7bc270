package clinic.refund.api;

import clinic.refund.domain.purchase.PurchaseCommand.RecordUsage;
import clinic.refund.domain.purchase.UsageKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * What was used of an order after the sale: {@code POST /purchases/{id}/usage} and the {@code usage} of a
 * {@code branch-purchases} message. {@code usageId} is the branch's id of the record: the same id again changes nothing.
 * Sessions redeemed name the line and {@code sessions}; balance used names the line and {@code amount} (list price);
 * a treatment performed or product returned names the line; instalments repaid name {@code financingPartner} and
 * {@code amount}.
 */
public record UsageRequest(@NotBlank @Size(max = 128) String usageId, @NotNull UsageKind kind,
                           @Size(max = 40) String lineId, @Size(max = 100) String financingPartner,
                           @PositiveOrZero @Max(10_000) Integer sessions, @Size(max = 30) String amount,
                           Instant happenedAt) {

    public RecordUsage toCommand(String currency, Instant now) {
        return new RecordUsage(kind, lineId, financingPartner, sessions == null ? 0 : sessions,
                amount == null ? null : Amounts.money(amount, "amount", currency),
                happenedAt == null ? now : happenedAt);
    }
}
