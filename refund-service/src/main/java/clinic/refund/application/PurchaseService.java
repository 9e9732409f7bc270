package clinic.refund.application;

import clinic.eventstore.ConcurrencyConflict;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StreamNotFound;
import clinic.eventstore.inbox.Inbox;
import clinic.eventstore.inbox.IncomingEvent;
import clinic.refund.domain.purchase.Purchase;
import clinic.refund.domain.purchase.PurchaseCommand;
import clinic.refund.domain.purchase.PurchaseCommand.RecordPurchase;
import clinic.refund.domain.purchase.PurchaseCommand.RecordUsage;
import clinic.refund.domain.purchase.PurchaseDecider;
import clinic.refund.domain.purchase.PurchaseEvent;
import clinic.refund.domain.purchase.PurchaseFactRejected;
import clinic.refund.projection.PurchasesProjection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one entry point that records purchase facts, from branch systems (topic {@code branch-purchases}) or staff
 * (HTTP). An order's id is derived from its branch and order number, so the same order is never recorded twice: sent
 * again as it was, it changes nothing; sent again with other content, it is refused. A usage record is recorded once
 * per message (or usage) id, through the inbox.
 */
@ApplicationScoped
public class PurchaseService {

    /** The inbox name under which purchase message ids are remembered. */
    static final String INTAKE = "purchase-facts";

    /** What recording an order did. */
    public enum Outcome { RECORDED, ALREADY_RECORDED }

    public record PurchaseView(Purchase purchase, long version, Outcome outcome) {
    }

    private final EventSourcedRepository<PurchaseCommand, PurchaseEvent, Purchase> purchases;
    private final PurchasesProjection projection;
    private final Inbox inbox;

    public PurchaseService(EventStore store, EventTypeRegistry<PurchaseEvent> types, PurchasesProjection projection,
                           Inbox inbox) {
        this.purchases = new EventSourcedRepository<>(store, types,
                new Decider<>(PurchaseDecider::decide, PurchaseDecider::evolve, Purchase.NONE));
        this.projection = projection;
        this.inbox = inbox;
    }

    public static UUID purchaseIdFor(String branchId, String orderNo) {
        return UUID.nameUUIDFromBytes(("purchase:" + branchId + ":" + orderNo).getBytes(StandardCharsets.UTF_8));
    }

    /** A branch message's id as the inbox remembers it. */
    public static UUID messageKey(String branchId, String messageId) {
        return UUID.nameUUIDFromBytes(("branch-purchases:" + branchId + ":" + messageId).getBytes(StandardCharsets.UTF_8));
    }

    /** Records an order; the same order again (same content) is {@link Outcome#ALREADY_RECORDED}. */
    public PurchaseView record(RecordPurchase command, EventMetadata metadata, Instant at) {
        PurchaseDecider.decide(command, Purchase.NONE); // an order inconsistent in itself is refused for what it is
        String stream = command.purchaseId().toString();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                var existing = purchases.load(stream);
                if (existing.state().id() != null) {
                    return sameOrder(existing.state(), command, existing.version());
                }
                var result = purchases.create(stream, command, metadata, at);
                projection.update(result.state(), result.version());
                return new PurchaseView(result.state(), result.version(), Outcome.RECORDED);
            });
        } catch (ConcurrencyConflict raced) {
            // the same order recorded concurrently: that transaction is over, read what won in a new one
            return QuarkusTransaction.requiringNew().call(() -> {
                var now = purchases.load(stream);
                return sameOrder(now.state(), command, now.version());
            });
        }
    }

    /** Records what was used of an order, once per {@code usageKey}; a repeat returns the order unchanged. */
    public PurchaseView recordUsage(UUID purchaseId, RecordUsage command, UUID usageKey, EventMetadata metadata,
                                    Instant at) {
        IncomingEvent key = new IncomingEvent(usageKey, "purchase-usage", metadata.actor(), purchaseId.toString(), at,
                metadata.correlationId(), metadata.branchId(), 0, "");
        try {
            inbox.processOnce(INTAKE, key, e -> {
                var result = purchases.handle(purchaseId.toString(), null, command, s -> metadata, at);
                projection.update(result.state(), result.version());
            });
        } catch (StreamNotFound e) {
            throw new PurchaseNotFound(purchaseId);
        }
        return get(purchaseId);
    }

    public PurchaseView get(UUID id) {
        var loaded = purchases.load(id.toString());
        if (loaded.state().id() == null) {
            throw new PurchaseNotFound(id);
        }
        return new PurchaseView(loaded.state(), loaded.version(), Outcome.ALREADY_RECORDED);
    }

    public long rebuildList() {
        return projection.rebuild(purchases);
    }

    private static PurchaseView sameOrder(Purchase existing, RecordPurchase c, long version) {
        boolean same = Objects.equals(existing.customerRef(), c.customerRef())
                && Objects.equals(existing.currency(), c.currency())
                && Objects.equals(existing.purchasedAt(), c.purchasedAt())
                && existing.lines().equals(c.lines())
                && existing.payments().equals(c.payments())
                && (existing.fxRateToReporting() == null ? c.fxRateToReporting() == null
                : c.fxRateToReporting() != null && existing.fxRateToReporting().compareTo(c.fxRateToReporting()) == 0);
        if (!same) {
            throw new PurchaseFactRejected("orderNo", "order " + c.orderNo() + " of " + c.branchId()
                    + " is recorded already with other content; correct it with usage records, not a new order");
        }
        return new PurchaseView(existing, version, Outcome.ALREADY_RECORDED);
    }

    public static class PurchaseNotFound extends clinic.eventstore.api.NotFound {
        public PurchaseNotFound(UUID id) {
            super("purchase-not-found", "no purchase " + id);
        }
    }
}
