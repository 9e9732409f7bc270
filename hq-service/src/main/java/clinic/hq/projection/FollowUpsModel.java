package clinic.hq.projection;

import clinic.eventstore.Sql;
import clinic.hq.domain.FollowUpInsight;
import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Transactional;

/** Keeps {@code hq_followups} equal to the follow-up tasks' states (the newest version wins). */
@ApplicationScoped
public class FollowUpsModel {

    private final AgroalDataSource db;

    public FollowUpsModel(AgroalDataSource db) {
        this.db = db;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(FollowUpInsight t, long version) {
        Sql.execute(db, """
                        insert into hq_followups (task_id, complaint_id, branch_id, kind, due_at, status, last_outcome,
                            calls, ended_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (task_id) do update set complaint_id = excluded.complaint_id,
                            branch_id = excluded.branch_id, kind = excluded.kind, due_at = excluded.due_at,
                            status = excluded.status, last_outcome = excluded.last_outcome, calls = excluded.calls,
                            ended_at = excluded.ended_at, version = excluded.version
                        where hq_followups.version <= excluded.version""",
                t.taskId(), t.complaintId(), t.branchId(), t.kind(), t.dueAt(), t.status(), t.lastOutcome(),
                t.calls(), t.endedAt(), version);
    }
}
