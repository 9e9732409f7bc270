package clinic.refund.application;

import clinic.eventstore.CommandPipeline;
import clinic.eventstore.CommandPipelines;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.Expected;
import clinic.eventstore.projection.ProjectionRunner;
import clinic.eventstore.projection.RebuildProgress;
import clinic.refund.domain.RefundCase;
import clinic.refund.domain.RefundCommand;
import clinic.refund.domain.RefundDecider;
import clinic.refund.domain.RefundEvent;
import clinic.refund.domain.RefundKind;
import clinic.refund.projection.RefundCasesProjection;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The one entry point that changes refund cases, through their command pipeline (which keeps the refund list). */
@Startup
@ApplicationScoped
public class RefundService {

    /** The refund list's name for rebuilds. */
    public static final String LIST = "refund-list";

    /** A case at a version. */
    public record RefundView(RefundCase refund, long version) {
    }

    private final CommandPipeline<RefundCommand, RefundEvent, RefundCase> cases;
    private final ProjectionRunner projections;

    public RefundService(CommandPipelines pipelines, EventTypeRegistry<RefundEvent> types, RefundCasesProjection list,
                         ProjectionRunner projections) {
        this.cases = pipelines.define("refund case", types,
                        new Decider<>(RefundDecider::decide, RefundDecider::evolve, RefundCase.NONE),
                        id -> new RefundNotFound(UUID.fromString(id)))
                .readModel(LIST, (state, version, now) -> list.update(state, version));
        this.projections = projections;
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
        UUID id = refundIdFor(complaint.complaintId());
        var result = cases.on(id).expecting(Expected.any()).by(metadata).at(at)
                .decide(state -> state.id() != null ? null : new RefundCommand.RequestRefund(id,
                        complaint.complaintId(), complaint.branchId(), complaint.customerRef(), kind,
                        complaint.amountPaid(), at));
        var assessment = complaint.assessment(at);
        if (result.changed() && assessment.isPresent()) {
            result = cases.on(id).by(metadata).at(at).decide(assessment.get());
        }
        return new RefundView(result.state(), result.version());
    }

    /** The complaint's refund case, if it has one. */
    public Optional<RefundCase> caseOf(UUID complaintId) {
        var loaded = cases.load(refundIdFor(complaintId).toString());
        return loaded.exists() ? Optional.of(loaded.state()) : Optional.empty();
    }

    /**
     * A command that follows another service's event, on the complaint's refund case if it has one (empty if not), in
     * the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RefundView> follow(UUID complaintId, RefundCommand.Automatic command, EventMetadata metadata) {
        return cases.on(refundIdFor(complaintId)).by(metadata).at(command.at())
                .decideIfExists(state -> command)
                .map(result -> new RefundView(result.state(), result.version()));
    }

    /**
     * One step of a refund case. The command and its metadata are made from the case's current state (its currency,
     * its branch), read once; without {@code ifMatch} a step that lost a race is decided again on the new state.
     * {@code guard} checks the case's branch first.
     */
    public RefundView step(UUID id, Long ifMatch, Instant at, clinic.eventstore.security.BranchGuard guard,
                           Function<RefundCase, RefundCommand> command, Function<RefundCase, EventMetadata> metadata) {
        var result = cases.on(id).expecting(Expected.at(ifMatch)).by(metadata).at(at)
                .guardedBy(refund -> guard.requireWorksFor(refund.branchId())).decide(command);
        return new RefundView(result.state(), result.version());
    }

    public RefundView get(UUID id) {
        var loaded = cases.get(id.toString());
        return new RefundView(loaded.state(), loaded.version());
    }

    /** The case as the system knew it at {@code instant}: not found when it had not been opened by then. */
    public RefundView getAsOf(UUID id, Instant instant) {
        return view(id, cases.loadAsOf(id.toString(), instant));
    }

    /** The case just after its {@code version}-th event: not found when it has not come that far. */
    public RefundView getAtVersion(UUID id, long version) {
        var loaded = cases.loadUpToVersion(id.toString(), version);
        if (loaded.version() != version) {
            throw new RefundNotFound(id);
        }
        return view(id, loaded);
    }

    private static RefundView view(UUID id, CommandPipeline.Loaded<RefundCase> loaded) {
        if (!loaded.exists()) {
            throw new RefundNotFound(id);
        }
        return new RefundView(loaded.state(), loaded.version());
    }

    /** Operations: rebuilds (restart: from the first stream, not from where a stopped rebuild was) the refund list from the event store. */
    public RebuildProgress rebuildList(boolean restart) {
        return projections.rebuild(LIST, restart);
    }

    public static class RefundNotFound extends clinic.eventstore.api.NotFound {
        public RefundNotFound(UUID id) {
            super("refund-not-found", "no refund case " + id);
        }
    }
}
