package clinic.followup.projection;

import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.followup.application.FollowUpEventTypes;
import clinic.followup.domain.FollowUpEvent;
import clinic.followup.domain.FollowUpTask;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * Keeps {@code followup_tasks} equal to the tasks' states: written in the transaction that appends a task's events,
 * from the state they produce; rebuilt by folding every task stream again.
 */
@ApplicationScoped
public class FollowUpTasksProjection {

    private final EventStore store;

    public FollowUpTasksProjection(EventStore store) {
        this.store = store;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(FollowUpTask t, long version, Instant scheduledAt) {
        FollowUpTaskRow row = FollowUpTaskRow.findById(t.id());
        if (row == null) {
            row = new FollowUpTaskRow();
            row.id = t.id();
            row.scheduledAt = scheduledAt;
        }
        row.complaintId = t.complaintId();
        row.purchaseId = t.purchaseId();
        row.branchId = t.branchId();
        row.customerRef = t.customerRef();
        row.kind = t.kind().name();
        row.day = t.day();
        row.status = t.status().name();
        row.dueAt = t.dueAt();
        row.attempts = t.attempts();
        row.assignedTo = t.assignedTo();
        row.lastOutcome = t.lastOutcome() == null ? null : t.lastOutcome().name();
        row.version = version;
        row.persist();
    }

    /** Empties the table and writes every task again from its stream; returns how many streams it read. */
    public long rebuild(EventSourcedRepository<?, FollowUpEvent, FollowUpTask> tasks) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FollowUpTaskRow.deleteAll();
            List<String> streams = store.streamIdsStartingWith(FollowUpEventTypes.SCHEDULED);
            for (String stream : streams) {
                var loaded = tasks.load(stream);
                update(loaded.state(), loaded.version(), store.load(stream).getFirst().occurredAt());
            }
            return (long) streams.size();
        });
    }
}
