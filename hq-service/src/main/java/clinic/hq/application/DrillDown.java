package clinic.hq.application;

import clinic.eventstore.api.InvalidField;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cases behind a number of the dashboard: each measure of {@link Measures} names the rows it counts, so that a
 * click on "12 breached" lists those twelve. A row says which case (and, for a refund, task or survey, which of those),
 * the moment that put it in the measure and the measure's own value (business hours, days overdue, a score).
 */
@ApplicationScoped
public class DrillDown {

    /**
     * One row behind a number; {@code subjectId} is the case, refund, task or survey counted; {@code value} the
     * measure's number (hours, days, calls, a score); {@code amount} a refund's money, in minor units (never a double).
     */
    public record Row(UUID subjectId, UUID complaintId, String caseNumber, String branchId, String category,
                      String channel, String severity, String note, Instant at, Double value,
                      Measures.Amount amount) {
    }

    public record Page(String measure, LocalDate from, LocalDate to, long total, int page, int size, List<Row> rows) {
    }

    private record Source(String from, String at, String value, String note, String subject, boolean inPeriod,
                          String condition, Map<String, String> filters, String minorUnits) {

        Source(String from, String at, String value, String note, String subject, boolean inPeriod, String condition,
               Map<String, String> filters) {
            this(from, at, value, note, subject, inPeriod, condition, filters, null);
        }
    }

    private static final String CASE = "c.complaint_id, c.case_number, c.branch_id, c.category, c.channel, c.severity";

    /** The measures and the rows each counts; the filters a measure takes, by query parameter, and their columns. */
    private static final Map<String, Source> MEASURES = new LinkedHashMap<>();

    static {
        Map<String, String> kind = Map.of("category", "c.category", "channel", "c.channel", "severity",
                "coalesce(c.severity, 'UNASSESSED')");
        MEASURES.put("received", new Source("hq_cases c", "c.filed_at", "null::float8", "c.status", "c.complaint_id",
                true, "", kind));
        MEASURES.put("acknowledged", new Source("hq_cases c", "c.acknowledged_at", "c.ack_used_seconds / 3600.0",
                "case when c.ack_met then 'MET' else 'MISSED' end", "c.complaint_id", true,
                "and c.ack_used_seconds is not null", Map.of("late", "not c.ack_met")));
        MEASURES.put("resolved", new Source("hq_resolutions r join hq_cases c using (complaint_id)", "r.resolved_at",
                "r.used_seconds / 3600.0", "case when r.met then 'MET' else 'MISSED' end", "c.complaint_id", true,
                "and r.used_seconds is not null", Map.of("late", "not r.met")));
        MEASURES.put("sla-breached", new Source("hq_sla_warnings w join hq_cases c using (complaint_id)", "w.raised_at",
                "null::float8", "w.clock", "c.complaint_id", true, "and w.level = 'BREACHED'",
                Map.of("clock", "w.clock")));
        MEASURES.put("at-risk", new Source("hq_cases c", "c.filed_at", "null::float8",
                "concat_ws(' ', 'ACKNOWLEDGE:' || c.acknowledge_sla, 'RESOLVE:' || c.resolve_sla)", "c.complaint_id",
                false, "and c.status = 'OPEN' and (c.acknowledge_sla = 'AT_RISK' or c.resolve_sla = 'AT_RISK')",
                Map.of()));
        MEASURES.put("breached-now", new Source("hq_cases c", "c.filed_at", "null::float8",
                "concat_ws(' ', 'ACKNOWLEDGE:' || c.acknowledge_sla, 'RESOLVE:' || c.resolve_sla)", "c.complaint_id",
                false, "and c.status = 'OPEN' and (c.acknowledge_sla = 'BREACHED' or c.resolve_sla = 'BREACHED')",
                Map.of()));
        MEASURES.put("reopened", new Source("hq_cases c", "c.first_resolved_at", "c.reopen_count::float8", "c.status",
                "c.complaint_id", true, "and c.reopen_count > 0", Map.of()));
        MEASURES.put("first-resolved", new Source("hq_cases c", "c.first_resolved_at", "c.reopen_count::float8",
                "c.status", "c.complaint_id", true, "", Map.of()));
        MEASURES.put("escalated", new Source("hq_escalations e join hq_cases c using (complaint_id)", "e.escalated_at",
                "null::float8", "e.body || case when e.concluded_at is null then ' OPEN' else ' CONCLUDED' end",
                "e.escalation_id", true, "", Map.of("body", "e.body")));
        MEASURES.put("refunds-agreed", new Source("hq_refunds f left join hq_cases c using (complaint_id)",
                "f.agreed_at", "null::float8", "f.status", "f.refund_id", true, "", Map.of(), "f.agreed_minor"));
        MEASURES.put("refunds-settled", new Source("hq_refunds f left join hq_cases c using (complaint_id)",
                "f.settled_at", "null::float8", "f.status", "f.refund_id", true, "", Map.of(), "f.paid_minor"));
        MEASURES.put("refunds-overdue", new Source("hq_refunds f left join hq_cases c using (complaint_id)",
                "f.overdue_since", "(?::date - f.due_date)::float8",
                "f.status", "f.refund_id", false, "and f.status = 'AGREED' and f.overdue_since is not null", Map.of(),
                "f.agreed_minor - coalesce(f.paid_minor, 0)"));
        MEASURES.put("followups", new Source("hq_followups t left join hq_cases c using (complaint_id)", "t.due_at",
                "t.calls::float8", "t.kind || ' ' || t.status", "t.task_id", true, "",
                Map.of("status", "t.status")));
        MEASURES.put("surveys", new Source("hq_surveys s left join hq_cases c using (complaint_id)", "s.sent_at",
                "s.csat::float8", "'NPS ' || s.nps", "s.survey_id", true, "",
                Map.of("answered", "s.answered_at is not null", "nps", "case when s.nps >= 9 then 'PROMOTER' "
                        + "when s.nps >= 7 then 'PASSIVE' when s.nps >= 0 then 'DETRACTOR' end")));
    }

    private final AgroalDataSource db;
    private final Clock clock;

    public DrillDown(AgroalDataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public static java.util.Set<String> measures() {
        return MEASURES.keySet();
    }

    /** The rows behind {@code measure}, newest first; {@code filters} by the measure's filter names. */
    public Page rows(String measure, Period p, Map<String, String> filters, int page, int size) {
        Source s = MEASURES.get(measure);
        if (s == null) {
            throw new InvalidField("measure", "must be one of " + String.join(", ", MEASURES.keySet()));
        }
        List<Object> params = new ArrayList<>();
        boolean needsToday = s.value().contains("?");
        StringBuilder where = new StringBuilder(" where true ").append(s.condition());
        if (s.inPeriod()) {
            where.append(" and ").append(s.at()).append(" >= ? and ").append(s.at()).append(" < ?");
            params.add(Timestamp.from(p.start()));
            params.add(Timestamp.from(p.end()));
        }
        String branch = s.from().startsWith("hq_cases") ? "c.branch_id" : s.subject().substring(0, 2) + "branch_id";
        if (p.branches() != null) {
            where.append(" and ").append(branch).append(" = any(?)");
            params.add(p.branches());
        }
        filters.forEach((name, value) -> {
            String column = s.filters().get(name);
            if (column == null) {
                throw new InvalidField(name, "measure " + measure + " takes no filter " + name
                        + (s.filters().isEmpty() ? "" : " (it takes " + String.join(", ", s.filters().keySet()) + ")"));
            }
            if (name.equals("late") || name.equals("answered")) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new InvalidField(name, "must be true or false");
                }
                where.append(" and (").append(column).append(") = ").append(value);
            } else {
                if (!value.matches("[A-Z][A-Z0-9_]{0,39}")) {
                    throw new InvalidField(name, "must be an upper-case code");
                }
                where.append(" and ").append(column).append(" = ?");
                params.add(value);
            }
        });
        String select = "select " + s.subject() + ", " + CASE.replace("c.branch_id", "coalesce(c.branch_id, " + branch
                + ")") + ", " + s.note().replace("c.status", "coalesce(c.status, '')") + ", " + s.at() + ", "
                + s.value() + ", " + (s.minorUnits() == null ? "null::text, null::bigint"
                : "f.currency, " + s.minorUnits()) + " from " + s.from() + where;
        try (Connection c = db.getConnection()) {
            c.setReadOnly(true);
            LocalDate today = LocalDate.ofInstant(clock.instant(), p.zone());
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from " + s.from() + where)) {
                bind(c, ps, params, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select + " order by " + s.at() + " desc nulls last, "
                    + s.subject() + " limit ? offset ?")) {
                int i = 1;
                if (needsToday) {
                    ps.setObject(i++, today);
                }
                i = bind(c, ps, params, i);
                ps.setInt(i++, size);
                ps.setLong(i, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp at = rs.getTimestamp(9);
                        rows.add(new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                at == null ? null : at.toInstant(),
                                rs.getObject(10) == null ? null : ((Number) rs.getObject(10)).doubleValue(),
                                rs.getString(11) == null ? null : new Measures.Amount(rs.getString(11), rs.getLong(12))));
                    }
                }
            }
            return new Page(measure, p.from(), p.to(), total, page, size, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("drill-down not read: " + e.getMessage(), e);
        }
    }

    private static int bind(Connection c, PreparedStatement ps, List<Object> params, int first) throws SQLException {
        int i = first;
        for (Object o : params) {
            if (o instanceof List<?> list) {
                ps.setArray(i++, c.createArrayOf("text", list.toArray()));
            } else {
                ps.setObject(i++, o);
            }
        }
        return i;
    }
}
