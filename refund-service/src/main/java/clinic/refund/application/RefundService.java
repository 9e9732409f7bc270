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
import clinic.refund.domain.RefundKind;
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

    /**
     * Opens the complaint's refund case unless it is open already (the same complaint filed again, a second refund
     * remedy proposed), with the assessment known of the complaint; returns the case as it now is. Call it inside the
     * transaction of the event that asks for it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RefundView openFor(ComplaintFacts.Facts complaint, RefundKind kind, Instant at, EventMetadata metadata) {
        String id = refundIdFor(complaint.complaintId()).toString();
        var loaded = cases.load(id);
        if (loaded.version() > 0) {
            return new RefundView(loaded.state(), loaded.version());
        }
        // a concurrent opening of the same case loses on the stream version; its transaction is over then, and the
        // inbox's retry finds the case open
        var result = cases.create(id, new RefundCommand.RequestRefund(UUID.fromString(id), complaint.complaintId(),
                complaint.branchId(), complaint.customerRef(), kind, complaint.amountPaid(), at), metadata, at);
        var assessment = complaint.assessment(at);
        if (assessment.isPresent()) {
            result = cases.handle(id, null, assessment.get(), state -> metadata, at);
        }
        projection.update(result.state(), result.version());
        return new RefundView(result.state(), result.version());
    }

    /** The complaint's refund case, if it has one. */
    public java.util.Optional<RefundCase> caseOf(UUID complaintId) {
        var loaded = cases.load(refundIdFor(complaintId).toString());
        return loaded.version() == 0 ? java.util.Optional.empty() : java.util.Optional.of(loaded.state());
    }

    /**
     * A command that follows another service's event, on the complaint's refund case if it has one (empty if not), in
     * the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Optional<RefundView> follow(UUID complaintId, RefundCommand.Automatic command,
                                                 EventMetadata metadata) {
        String id = refundIdFor(complaintId).toString();
        if (cases.load(id).version() == 0) {
            return java.util.Optional.empty();
        }
        var result = cases.handle(id, null, command, state -> metadata, command.at());
        if (!result.events().isEmpty()) {
            projection.update(result.state(), result.version());
        }
        return java.util.Optional.of(new RefundView(result.state(), result.version()));
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
