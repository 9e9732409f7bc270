package clinic.hq.projection;

import clinic.eventstore.Sql;
import clinic.hq.domain.RefundInsight;
import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Transactional;

/** Keeps {@code hq_refunds} equal to the refund cases' states (the newest version wins). */
@ApplicationScoped
public class RefundsModel {

    private final AgroalDataSource db;

    public RefundsModel(AgroalDataSource db) {
        this.db = db;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(RefundInsight r, long version) {
        String currency = r.agreed() != null ? r.agreed().currency() : r.paid() != null ? r.paid().currency() : null;
        Sql.execute(db, """
                        insert into hq_refunds (refund_id, complaint_id, branch_id, status, opened_at, currency,
                            agreed_minor, agreed_at, due_date, paid_minor, settled_at, overdue_since, version)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (refund_id) do update set complaint_id = excluded.complaint_id,
                            branch_id = excluded.branch_id, status = excluded.status, opened_at = excluded.opened_at,
                            currency = excluded.currency, agreed_minor = excluded.agreed_minor,
                            agreed_at = excluded.agreed_at, due_date = excluded.due_date,
                            paid_minor = excluded.paid_minor, settled_at = excluded.settled_at,
                            overdue_since = excluded.overdue_since, version = excluded.version
                        where hq_refunds.version <= excluded.version""",
                r.refundId(), r.complaintId(), r.branchId(), r.status(), r.openedAt(), currency,
                r.agreed() == null ? null : r.agreed().minorUnits(), r.agreedAt(), r.dueDate(),
                r.paid() == null ? null : r.paid().minorUnits(), r.settledAt(), r.overdueSince(), version);
    }
}
