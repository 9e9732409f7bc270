package clinic.followup.projection;

import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StoredEvent;
import clinic.followup.domain.FollowUpEvent;
import clinic.followup.domain.FollowUpEvent.FollowUpScheduled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Folds follow-up events into {@code followup_tasks}, in the transaction that appends them, or all over again. */
@ApplicationScoped
public class FollowUpTasksProjection {

    private final EventStore store;
    private final EventTypeRegistry<FollowUpEvent> types;

    public FollowUpTasksProjection(EventStore store, EventTypeRegistry<FollowUpEvent> types) {
        this.store = store;
        this.types = types;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(FollowUpEvent event, StoredEvent stored) {
        switch (event) {
            case FollowUpScheduled e -> {
                FollowUpTaskRow row = new FollowUpTaskRow();
                row.id = e.taskId();
                row.complaintId = e.complaintId();
                row.branchId = e.branchId();
                row.customerRef = e.customerRef();
                row.kind = e.kind().name();
                row.status = "SCHEDULED";
                row.dueAt = e.dueAt();
                row.scheduledAt = e.scheduledAt();
                row.version = stored.version();
                row.persist();
            }
        }
    }

    /** Empties the table and folds every stored event into it again; returns how many events it read. */
    public long rebuild() {
        return QuarkusTransaction.requiringNew().call(() -> {
            FollowUpTaskRow.deleteAll();
            return store.forEachEvent(e -> apply(types.fromStored(e), e));
        });
    }
}
