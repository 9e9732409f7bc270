package clinic.refund.application;

import clinic.eventstore.CommandPipeline;
import clinic.eventstore.CommandPipelines;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.Expected;
import clinic.eventstore.projection.ProjectionRunner;
import clinic.eventstore.projection.RebuildProgress;
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
import io.quarkus.runtime.Startup;
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
@Startup
@ApplicationScoped
public class PurchaseService {

    /** The purchase list's name for rebuilds. */
    public static final String LIST = "purchase-list";

    /** The inbox name under which purchase message ids are remembered. */
    static final String INTAKE = "purchase-facts";

    /** What recording an order did. */
    public enum Outcome { RECORDED, ALREADY_RECORDED }

    public record PurchaseView(Purchase purchase, long version, Outcome outcome) {
    }

    private final CommandPipeline<PurchaseCommand, PurchaseEvent, Purchase> purchases;
    private final ProjectionRunner projections;
    private final Inbox inbox;

    public PurchaseService(CommandPipelines pipelines, EventTypeRegistry<PurchaseEvent> types, PurchasesProjection list,
                           ProjectionRunner projections, Inbox inbox) {
        this.purchases = pipelines.define("purchase", types,
                        new Decider<>(PurchaseDecider::decide, PurchaseDecider::evolve, Purchase.NONE),
                        id -> new PurchaseNotFound(UUID.fromString(id)))
                .readModel(LIST, (state, version, now) -> list.update(state, version));
        this.projections = projections;
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
        // the same order recorded concurrently: the loser is decided again, finds the order and compares
        var result = purchases.on(command.purchaseId()).expecting(Expected.any()).by(metadata).at(at)
                .decide(state -> state.id() != null ? null : command);
        if (result.changed()) {
            return new PurchaseView(result.state(), result.version(), Outcome.RECORDED);
        }
        return sameOrder(result.state(), command, result.version());
    }

    /** Records what was used of an order, once per {@code usageKey}; a repeat returns the order unchanged. */
    public PurchaseView recordUsage(UUID purchaseId, RecordUsage command, UUID usageKey, EventMetadata metadata,
                                    Instant at) {
        IncomingEvent key = new IncomingEvent(usageKey, "purchase-usage", metadata.actor(), purchaseId.toString(), at,
                metadata.correlationId(), metadata.branchId(), 0, "");
        inbox.processOnce(INTAKE, key, e -> purchases.on(purchaseId).by(metadata).at(at).decide(command));
        return get(purchaseId);
    }

    public PurchaseView get(UUID id) {
        var loaded = purchases.get(id.toString());
        return new PurchaseView(loaded.state(), loaded.version(), Outcome.ALREADY_RECORDED);
    }

    /** The order as the system knew it at {@code instant}: not found when it had not been recorded by then. */
    public PurchaseView getAsOf(UUID id, Instant instant) {
        return view(id, purchases.loadAsOf(id.toString(), instant));
    }

    /** The order just after its {@code version}-th event: not found when it has not come that far. */
    public PurchaseView getAtVersion(UUID id, long version) {
        var loaded = purchases.loadUpToVersion(id.toString(), version);
        if (loaded.version() != version) {
            throw new PurchaseNotFound(id);
        }
        return view(id, loaded);
    }

    private static PurchaseView view(UUID id, CommandPipeline.Loaded<Purchase> loaded) {
        if (!loaded.exists()) {
            throw new PurchaseNotFound(id);
        }
        return new PurchaseView(loaded.state(), loaded.version(), Outcome.ALREADY_RECORDED);
    }

    /** Operations: rebuilds (restart: from the first stream, not from where a stopped rebuild was) the purchase list from the event store. */
    public RebuildProgress rebuildList(boolean restart) {
        return projections.rebuild(LIST, restart);
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
