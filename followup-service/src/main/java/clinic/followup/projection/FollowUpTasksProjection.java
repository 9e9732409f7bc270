package clinic.followup.projection;

import clinic.followup.domain.FollowUpTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;


/**
 * Keeps {@code followup_tasks} equal to the tasks' states: written in the transaction that appends a task's events,
 * from the state they produce; rebuilt by the projection runner (FollowUpService registers it).
 */
@ApplicationScoped
public class FollowUpTasksProjection {

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(FollowUpTask t, long version) {
        FollowUpTaskRow row = FollowUpTaskRow.findById(t.id(), LockModeType.PESSIMISTIC_WRITE); // a rebuild batch and a step queue here
        if (row != null && row.version > version) {
            return; // a rebuild batch that read the task before its latest step
        }
        if (row == null) {
            row = new FollowUpTaskRow();
            row.id = t.id();
        }
        row.scheduledAt = t.scheduledAt();
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
}
