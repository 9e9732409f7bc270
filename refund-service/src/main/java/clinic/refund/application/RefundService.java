package clinic.refund.application;

import clinic.eventstore.ConcurrencyConflict;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StreamNotFound;
import clinic.refund.domain.RefundCase;
import clinic.refund.domain.RefundCommand;
import clinic.refund.domain.RefundDecider;
import clinic.refund.domain.RefundEvent;
import clinic.refund.projection.RefundCasesProjection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/** The one entry point that changes refund cases: load, decide, append, project, in one transaction. */
@ApplicationScoped
public class RefundService {

    /** A case at a version. */
    public record RefundView(RefundCase refund, long version) {
    }

    private final EventSourcedRepository<RefundCommand, RefundEvent, RefundCase> cases;
    private final RefundCasesProjection projection;

    public RefundService(EventStore store, EventTypeRegistry<RefundEvent> types, RefundCasesProjection projection) {
        this.cases = new EventSourcedRepository<>(store, types,
                new Decider<>(RefundDecider::decide, RefundDecider::evolve, RefundCase.NONE));
        this.projection = projection;
    }

    /** A complaint's refund case has an id derived from the complaint, so the same request never opens two. */
    public static UUID refundIdFor(UUID complaintId) {
        return UUID.nameUUIDFromBytes(("refund-for-complaint:" + complaintId).getBytes(StandardCharsets.UTF_8));
    }

    /** Opens the refund case a complaint asked for; false when it is open already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean request(RefundCommand.RequestRefund command, EventMetadata metadata) {
        if (cases.load(command.refundId().toString()).version() > 0) {
            return false; // the same complaint filed again (another event id): its case is open already
        }
        // a concurrent request for the same case loses on the stream version; its transaction is over then, and the
        // inbox's retry finds the case open
        var result = cases.create(command.refundId().toString(), command, metadata, command.at());
        projection.update(result.state(), result.version());
        return true;
    }

    /**
     * One step of a refund case, in its own transaction. The command and its metadata are made from the case's current
     * state (its currency, its branch), read once.
     */
    public RefundView step(UUID id, Long ifMatch, Instant at, Function<RefundCase, RefundCommand> command,
                           Function<RefundCase, EventMetadata> metadata) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try {
                var result = cases.handleWithState(id.toString(), ifMatch, command, metadata, at);
                if (!result.events().isEmpty()) {
                    projection.update(result.state(), result.version());
                }
                return new RefundView(result.state(), result.version());
            } catch (StreamNotFound e) {
                throw new RefundNotFound(id);
            }
        });
    }

    public RefundView get(UUID id) {
        var loaded = cases.load(id.toString());
        if (loaded.state().id() == null) {
            throw new RefundNotFound(id);
        }
        return new RefundView(loaded.state(), loaded.version());
    }

    public long rebuildList() {
        return projection.rebuild(cases);
    }

    public static class RefundNotFound extends clinic.eventstore.api.NotFound {
        public RefundNotFound(UUID id) {
            super("refund-not-found", "no refund case " + id);
        }
    }
}
