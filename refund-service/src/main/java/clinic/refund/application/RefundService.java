package clinic.refund.application;

import clinic.eventstore.ConcurrencyConflict;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.refund.domain.RefundCase;
import clinic.refund.domain.RefundCommand;
import clinic.refund.domain.RefundDecider;
import clinic.refund.domain.RefundEvent;
import clinic.refund.projection.RefundCasesProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The one entry point that changes refund cases: load, decide, append, project, in one transaction. */
@ApplicationScoped
public class RefundService {

    private final EventSourcedRepository<RefundCommand, RefundEvent, RefundCase> cases;
    private final RefundCasesProjection projection;
    private final EventTypeRegistry<RefundEvent> types;

    public RefundService(EventStore store, EventTypeRegistry<RefundEvent> types, RefundCasesProjection projection) {
        this.cases = new EventSourcedRepository<>(store, types,
                new Decider<>(RefundDecider::decide, RefundDecider::evolve, RefundCase.NONE));
        this.projection = projection;
        this.types = types;
    }

    /** A complaint's refund case has an id derived from the complaint, so the same request never opens two. */
    public static UUID refundIdFor(UUID complaintId) {
        return UUID.nameUUIDFromBytes(("refund-for-complaint:" + complaintId).getBytes(StandardCharsets.UTF_8));
    }

    /** Opens the refund case a complaint asked for; false when it is open already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean request(RefundCommand.RequestRefund command, EventMetadata metadata) {
        try {
            var result = cases.create(command.refundId().toString(), command, metadata, command.at());
            result.events().forEach(e -> projection.apply(types.fromStored(e), e));
            return true;
        } catch (ConcurrencyConflict alreadyOpen) {
            return false;
        }
    }
}
