package clinic.hq.projection;

import clinic.eventstore.Sql;
import clinic.hq.domain.CaseInsight;
import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Transactional;

/**
 * Keeps {@code hq_cases} and its child tables ({@code hq_resolutions}, {@code hq_sla_warnings},
 * {@code hq_escalations}) equal to the cases' states: the newest version wins, an older one (a rebuild batch that read
 * the case before a live append) changes nothing, and the same version is written again (a rebuild after a fix to the
 * fold: the row is what the fold says now).
 */
@ApplicationScoped
public class CasesModel {

    private final AgroalDataSource db;

    public CasesModel(AgroalDataSource db) {
        this.db = db;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(CaseInsight c, long version) {
        var first = c.resolutions().isEmpty() ? null : c.resolutions().getFirst().resolvedAt();
        var ack = c.acknowledgeClock();
        int written = Sql.execute(db, """
                        insert into hq_cases (complaint_id, case_number, branch_id, channel, category, severity, status,
                            filed_at, acknowledged_at, ack_used_seconds, ack_target_seconds, ack_met, acknowledge_sla,
                            resolve_sla, reopen_count, first_resolved_at, closed_at, escalations, version)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (complaint_id) do update set case_number = excluded.case_number,
                            branch_id = excluded.branch_id, channel = excluded.channel, category = excluded.category,
                            severity = excluded.severity, status = excluded.status, filed_at = excluded.filed_at,
                            acknowledged_at = excluded.acknowledged_at, ack_used_seconds = excluded.ack_used_seconds,
                            ack_target_seconds = excluded.ack_target_seconds, ack_met = excluded.ack_met,
                            acknowledge_sla = excluded.acknowledge_sla, resolve_sla = excluded.resolve_sla,
                            reopen_count = excluded.reopen_count, first_resolved_at = excluded.first_resolved_at,
                            closed_at = excluded.closed_at, escalations = excluded.escalations,
                            version = excluded.version
                        where hq_cases.version <= excluded.version""",
                c.complaintId(), c.caseNumber(), c.branchId(), c.channel(), c.category(), c.severity(), c.status(),
                c.filedAt(), c.acknowledgedAt(), ack == null ? null : ack.usedSeconds(),
                ack == null ? null : ack.targetSeconds(), ack == null ? null : ack.met(), c.acknowledgeSla(),
                c.resolveSla(), c.reopenCount(), first, c.closedAt(), c.escalations().size(), version);
        if (written == 0) {
            return;
        }
        // the children follow their case's row: rewritten whole (a case has a handful of each)
        Sql.execute(db, "delete from hq_resolutions where complaint_id = ?", c.complaintId());
        for (var r : c.resolutions()) {
            Sql.execute(db, """
                            insert into hq_resolutions (complaint_id, cycle, branch_id, resolved_at, used_seconds,
                                target_seconds, met) values (?, ?, ?, ?, ?, ?, ?)
                            on conflict (complaint_id, cycle) do nothing""",
                    c.complaintId(), r.cycle(), c.branchId(), r.resolvedAt(),
                    r.clock() == null ? null : r.clock().usedSeconds(),
                    r.clock() == null ? null : r.clock().targetSeconds(), r.clock() == null ? null : r.clock().met());
        }
        Sql.execute(db, "delete from hq_sla_warnings where complaint_id = ?", c.complaintId());
        for (var w : c.warnings()) {
            Sql.execute(db, """
                            insert into hq_sla_warnings (complaint_id, clock, cycle, level, branch_id, raised_at)
                            values (?, ?, ?, ?, ?, ?)""",
                    c.complaintId(), w.clock(), w.cycle(), w.level(), c.branchId(), w.raisedAt());
        }
        Sql.execute(db, "delete from hq_escalations where complaint_id = ?", c.complaintId());
        for (var e : c.escalations()) {
            Sql.execute(db, """
                            insert into hq_escalations (escalation_id, complaint_id, branch_id, body, escalated_at,
                                concluded_at) values (?, ?, ?, ?, ?, ?)""",
                    e.escalationId(), c.complaintId(), c.branchId(), e.body(), e.escalatedAt(), e.concludedAt());
        }
    }
}
