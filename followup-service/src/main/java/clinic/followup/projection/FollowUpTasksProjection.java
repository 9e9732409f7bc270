package clinic.followup.projection;

import clinic.eventstore.projection.VersionedRows;
import clinic.followup.domain.FollowUpTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

import static clinic.eventstore.projection.VersionedRows.text;

/**
 * Keeps {@code followup_tasks} equal to the tasks' states: written in the transaction that appends a task's events,
 * from the state they produce; rebuilt by the projection runner (FollowUpService registers it).
 */
@ApplicationScoped
public class FollowUpTasksProjection {

    /** The row's columns, the key first. */
    private static final VersionedRows ROWS = new VersionedRows("followup_tasks", new String[][]{
            {"id", "uuid"}, {"complaint_id", "uuid"}, {"purchase_id", "uuid"}, {"branch_id", "text"},
            {"customer_ref", "text"}, {"kind", "text"}, {"status", "text"}, {"due_at", "timestamptz"},
            {"scheduled_at", "timestamptz"}, {"day", "integer"}, {"attempts", "integer"}, {"assigned_to", "text"},
            {"last_outcome", "text"}, {"version", "bigint"}});

    private final io.agroal.api.AgroalDataSource dataSource;

    public FollowUpTasksProjection(io.agroal.api.AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes the task's row as of {@code version} in one statement, unless it holds a newer one (a rebuild batch that
     * read the task before its latest step): a rebuild batch and a step queue on the row's lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void update(FollowUpTask t, long version) {
        ROWS.write(dataSource, List.<String[]>of(new String[]{t.id().toString(), text(t.complaintId()), text(t.purchaseId()),
                t.branchId(), t.customerRef(), t.kind().name(), t.status().name(), text(t.dueAt()),
                text(t.scheduledAt()), Integer.toString(t.day()), Integer.toString(t.attempts()), t.assignedTo(),
                t.lastOutcome() == null ? null : t.lastOutcome().name(), Long.toString(version)}));
    }
}
