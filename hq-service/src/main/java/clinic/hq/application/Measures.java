package clinic.hq.application;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
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
import java.util.TreeMap;

/**
 * What HQ measures, over a {@link Period}, read from the read models. Durations are complaint-service's own clock
 * readings (business time, pauses excluded, in each case's calendar), given in business hours; a median and a p90
 * are nearest-rank (the smallest reading with at least half, nine tenths, of the readings at or below it).
 * Counts of a period are by the moment that puts a case in them (filed, acknowledged, resolved, warned, escalated,
 * agreed, due, sent); "now" figures (at risk, overdue) are as of the read models' latest state.
 */
@ApplicationScoped
public class Measures {

    /** A duration measure: how many, median and p90 in business hours, and how many within target. */
    public record Durations(long count, Double medianHours, Double p90Hours, long withinTarget, Double withinTargetShare) {
    }

    public record Received(long total, Map<String, Long> byCategory, Map<String, Long> byChannel,
                           Map<String, Long> bySeverity) {
    }

    /** {@code breached}: breach warnings raised in the period, per clock; the others: open cases now. */
    public record Sla(Map<String, Long> breached, long atRiskNow, long breachedNow) {
    }

    /** Of the cases first resolved in the period, how many were reopened since. */
    public record Reopens(long resolved, long reopened, Double rate) {
    }

    public record Escalations(long total, long concluded, Map<String, Long> byBody, Map<String, Long> openByBody) {
    }

    public record Amount(String currency, long minorUnits) {
    }

    /** Promised, due and not paid, now: how many, how much is outstanding, and how many days past due. */
    public record Overdue(long count, List<Amount> outstanding, Long oldestDays, Long medianDays) {
    }

    public record Refunds(long opened, long agreed, List<Amount> agreedAmount, long settled, List<Amount> paidAmount,
                          Overdue overdue) {
    }

    /** Tasks due in the period: reached, unreachable, cancelled, still open; completion = done / (due - cancelled). */
    public record FollowUps(long due, long done, long unreachable, long cancelled, long open, Double completion) {
    }

    /**
     * Surveys sent in the period: answered, response rate; CSAT mean (1-5) and share of 4 and 5; NPS = % promoters
     * (9-10) - % detractors (0-6), of the answers.
     */
    public record Surveys(long sent, long answered, Double responseRate, Double csatAverage, Double csatSatisfiedShare,
                          long promoters, long passives, long detractors, Double nps) {
    }

    public record Overview(LocalDate from, LocalDate to, String zone, List<String> branches, Received received,
                           Durations timeToAcknowledge, Durations timeToResolve, Sla sla, Reopens reopens,
                           Escalations escalations, Refunds refunds, FollowUps followUps, Surveys surveys,
                           Instant computedAt) {
    }

    /** One branch's line of the league table. */
    public record BranchLine(String branchId, long received, Double ackMedianHours, Double ackWithinTargetShare,
                             Double resolveMedianHours, Double resolveP90Hours, Double resolveWithinTargetShare,
                             long slaBreached, long atRiskNow, Double reopenRate, long escalations, long refundsOverdue,
                             Double followUpCompletion, Double csatAverage, Double nps, Double responseRate) {
    }

    private final AgroalDataSource db;
    private final Clock clock;

    public Measures(AgroalDataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Every measure of the period. The measures read different tables and ranges, so they are asked side by side, each
     * on a connection of its own ({@link #PARALLEL} at a time), rather than one after another.
     */
    public Overview overview(Period p) {
        var received = measure(p, this::received);
        var ack = measure(p, q -> durations(q, "hq_cases", "acknowledged_at", "ack_used_seconds", "ack_met"));
        var resolve = measure(p, q -> durations(q, "hq_resolutions", "resolved_at", "used_seconds", "met"));
        var sla = measure(p, this::sla);
        var reopens = measure(p, this::reopens);
        var escalations = measure(p, this::escalations);
        var refunds = measure(p, this::refunds);
        var followUps = measure(p, this::followUps);
        var surveys = measure(p, this::surveys);
        return new Overview(p.from(), p.to(), p.zone().getId(), p.branches(), received.join(), ack.join(),
                resolve.join(), sla.join(), reopens.join(), escalations.join(), refunds.join(), followUps.join(),
                surveys.join(), clock.instant());
    }

    /** How many of one answer's measures run at once. */
    static final int PARALLEL = 3;

    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(
            PARALLEL, Thread.ofPlatform().daemon().name("hq-measures-", 0).factory());

    @FunctionalInterface
    private interface Measure<T> {
        T read(Sql q) throws SQLException;
    }

    private <T> java.util.concurrent.CompletableFuture<T> measure(Period p, Measure<T> measure) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (Connection c = db.getConnection()) {
                c.setReadOnly(true);
                return measure.read(new Sql(c, p));
            } catch (SQLException e) {
                throw new IllegalStateException("measures not read: " + e.getMessage(), e);
            }
        }, workers);
    }

    /** One query of {@link #branches}, on a connection of its own. */
    private java.util.concurrent.CompletableFuture<Void> each(Period p, String sql, boolean inPeriod, Row row) {
        return measure(p, q -> {
            q.each(sql, inPeriod, row);
            return null;
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** The league table: every branch with anything in the period (or open now), by branch code. */
    public List<BranchLine> branches(Period p) {
        Map<String, long[]> counts = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Double[]> ratios = new java.util.concurrent.ConcurrentHashMap<>();
        List<java.util.concurrent.CompletableFuture<Void>> parts = new ArrayList<>();
        { // each line of the table's columns from its own query, side by side
            parts.add(each(p, """
                    select branch_id, count(*) from hq_cases where filed_at >= ? and filed_at < ? %s
                    group by branch_id""", true, rs -> counts(counts, rs, 0)));
            parts.add(each(p, """
                    select branch_id, percentile_disc(0.5) within group (order by ack_used_seconds),
                           avg(case when ack_met then 1.0 else 0.0 end)
                    from hq_cases where acknowledged_at >= ? and acknowledged_at < ? and ack_used_seconds is not null %s
                    group by branch_id""", true, rs -> {
                ratio(ratios, rs, 0, hours(rs, 2));
                ratio(ratios, rs, 1, decimal(rs, 3));
            }));
            parts.add(each(p, """
                    select branch_id, percentile_disc(0.5) within group (order by used_seconds),
                           percentile_disc(0.9) within group (order by used_seconds),
                           avg(case when met then 1.0 else 0.0 end)
                    from hq_resolutions where resolved_at >= ? and resolved_at < ? and used_seconds is not null %s
                    group by branch_id""", true, rs -> {
                ratio(ratios, rs, 2, hours(rs, 2));
                ratio(ratios, rs, 3, hours(rs, 3));
                ratio(ratios, rs, 4, decimal(rs, 4));
            }));
            parts.add(each(p, """
                    select branch_id, count(*) from hq_sla_warnings
                    where raised_at >= ? and raised_at < ? and level = 'BREACHED' %s group by branch_id""", true,
                    rs -> counts(counts, rs, 1)));
            parts.add(each(p, """
                    select branch_id, count(*) from hq_cases where status = 'OPEN'
                    and (acknowledge_sla = 'AT_RISK' or resolve_sla = 'AT_RISK') %s group by branch_id""", false,
                    rs -> counts(counts, rs, 2)));
            parts.add(each(p, """
                    select branch_id, avg(case when reopen_count > 0 then 1.0 else 0.0 end) from hq_cases
                    where first_resolved_at >= ? and first_resolved_at < ? %s group by branch_id""", true,
                    rs -> ratio(ratios, rs, 5, decimal(rs, 2))));
            parts.add(each(p, """
                    select branch_id, count(*) from hq_escalations where escalated_at >= ? and escalated_at < ? %s
                    group by branch_id""", true, rs -> counts(counts, rs, 3)));
            parts.add(each(p, """
                    select branch_id, count(*) from hq_refunds where status = 'AGREED' and overdue_since is not null %s
                    group by branch_id""", false, rs -> counts(counts, rs, 4)));
            parts.add(each(p, """
                    select branch_id, sum(case when status = 'DONE' then 1 else 0 end)::float8
                           / nullif(sum(case when status <> 'CANCELLED' then 1 else 0 end), 0)
                    from hq_followups where due_at >= ? and due_at < ? %s group by branch_id""", true,
                    rs -> ratio(ratios, rs, 6, decimal(rs, 2))));
            parts.add(each(p, """
                    select branch_id, avg(csat)::float8,
                           100.0 * (count(*) filter (where nps >= 9) - count(*) filter (where nps <= 6))
                               / nullif(count(nps), 0),
                           count(answered_at)::float8 / count(*)
                    from hq_surveys where sent_at >= ? and sent_at < ? %s group by branch_id""", true, rs -> {
                ratio(ratios, rs, 7, decimal(rs, 2));
                ratio(ratios, rs, 8, decimal(rs, 3));
                ratio(ratios, rs, 9, decimal(rs, 4));
            }));
            parts.forEach(java.util.concurrent.CompletableFuture::join);
            java.util.SortedSet<String> names = new java.util.TreeSet<>(counts.keySet());
            names.addAll(ratios.keySet());
            List<BranchLine> lines = new ArrayList<>();
            for (String b : names) {
                long[] n = counts.getOrDefault(b, new long[5]);
                Double[] r = ratios.getOrDefault(b, new Double[10]);
                lines.add(new BranchLine(b, n[0], round(r[0]), round(r[1]), round(r[2]), round(r[3]), round(r[4]),
                        n[1], n[2], round(r[5]), n[3], n[4], round(r[6]), round(r[7]), round(r[8]), round(r[9])));
            }
            return lines;
        }
    }

    private Received received(Sql q) throws SQLException {
        Map<String, Long> byCategory = new TreeMap<>();
        Map<String, Long> byChannel = new TreeMap<>();
        Map<String, Long> bySeverity = new TreeMap<>();
        long[] total = {0};
        // one pass: the counts of each (category, channel, severity), summed three ways here (a few hundred groups)
        q.each("""
                select category, channel, coalesce(severity, 'UNASSESSED'), count(*)
                from hq_cases where filed_at >= ? and filed_at < ? %s
                group by 1, 2, 3""", true, rs -> {
            long n = rs.getLong(4);
            byCategory.merge(rs.getString(1), n, Long::sum);
            byChannel.merge(rs.getString(2), n, Long::sum);
            bySeverity.merge(rs.getString(3), n, Long::sum);
            total[0] += n;
        });
        return new Received(total[0], byCategory, byChannel, bySeverity);
    }

    private Durations durations(Sql q, String table, String at, String used, String met) throws SQLException {
        Durations[] d = {new Durations(0, null, null, 0, null)};
        q.each("""
                select count(*), percentile_disc(0.5) within group (order by %2$s),
                       percentile_disc(0.9) within group (order by %2$s), count(*) filter (where %3$s)
                from %1$s where %4$s >= ? and %4$s < ? and %2$s is not null""".formatted(table, used, met, at)
                + " %s", true, rs -> {
            long n = rs.getLong(1);
            d[0] = new Durations(n, round(hours(rs, 2)), round(hours(rs, 3)), rs.getLong(4),
                    n == 0 ? null : round((double) rs.getLong(4) / n));
        });
        return d[0];
    }

    private Sla sla(Sql q) throws SQLException {
        Map<String, Long> breached = new TreeMap<>();
        q.each("""
                select clock, count(*) from hq_sla_warnings
                where raised_at >= ? and raised_at < ? and level = 'BREACHED' %s group by clock""", true,
                rs -> breached.put(rs.getString(1), rs.getLong(2)));
        long[] now = new long[2];
        q.each("""
                select count(*) filter (where acknowledge_sla = 'AT_RISK' or resolve_sla = 'AT_RISK'),
                       count(*) filter (where acknowledge_sla = 'BREACHED' or resolve_sla = 'BREACHED')
                from hq_cases where status = 'OPEN' %s""", false, rs -> {
            now[0] = rs.getLong(1);
            now[1] = rs.getLong(2);
        });
        return new Sla(breached, now[0], now[1]);
    }

    private Reopens reopens(Sql q) throws SQLException {
        long[] n = new long[2];
        q.each("""
                select count(*), count(*) filter (where reopen_count > 0) from hq_cases
                where first_resolved_at >= ? and first_resolved_at < ? %s""", true, rs -> {
            n[0] = rs.getLong(1);
            n[1] = rs.getLong(2);
        });
        return new Reopens(n[0], n[1], n[0] == 0 ? null : round((double) n[1] / n[0]));
    }

    private Escalations escalations(Sql q) throws SQLException {
        Map<String, Long> byBody = new TreeMap<>();
        Map<String, Long> open = new TreeMap<>();
        long[] n = new long[2];
        q.each("""
                select body, count(*), count(concluded_at) from hq_escalations
                where escalated_at >= ? and escalated_at < ? %s group by body""", true, rs -> {
            byBody.put(rs.getString(1), rs.getLong(2));
            if (rs.getLong(2) > rs.getLong(3)) {
                open.put(rs.getString(1), rs.getLong(2) - rs.getLong(3));
            }
            n[0] += rs.getLong(2);
            n[1] += rs.getLong(3);
        });
        return new Escalations(n[0], n[1], byBody, open);
    }

    private Refunds refunds(Sql q) throws SQLException {
        long[] n = new long[3];
        List<Amount> agreed = new ArrayList<>();
        List<Amount> paid = new ArrayList<>();
        q.each("select count(*) from hq_refunds where opened_at >= ? and opened_at < ? %s", true,
                rs -> n[0] = rs.getLong(1));
        q.each("""
                select currency, count(*), sum(agreed_minor) from hq_refunds
                where agreed_at >= ? and agreed_at < ? and currency is not null %s group by currency order by currency""",
                true, rs -> {
                    n[1] += rs.getLong(2);
                    agreed.add(new Amount(rs.getString(1), rs.getLong(3)));
                });
        q.each("""
                select currency, count(*), sum(coalesce(paid_minor, 0)) from hq_refunds
                where settled_at >= ? and settled_at < ? and currency is not null %s group by currency order by currency""",
                true, rs -> {
                    n[2] += rs.getLong(2);
                    paid.add(new Amount(rs.getString(1), rs.getLong(3)));
                });
        LocalDate today = LocalDate.ofInstant(clock.instant(), q.period.zone());
        List<Amount> outstanding = new ArrayList<>();
        long[] overdue = {0};
        Long[] days = new Long[2];
        q.each("""
                select currency, count(*), sum(agreed_minor - coalesce(paid_minor, 0)) from hq_refunds
                where status = 'AGREED' and overdue_since is not null %s group by currency order by currency""", false,
                rs -> {
                    overdue[0] += rs.getLong(2);
                    outstanding.add(new Amount(rs.getString(1), rs.getLong(3)));
                });
        q.each("""
                select max(?::date - due_date), percentile_disc(0.5) within group (order by ?::date - due_date)
                from hq_refunds where status = 'AGREED' and overdue_since is not null and due_date is not null %s""",
                false, rs -> {
                    days[0] = whole(rs, 1);
                    days[1] = whole(rs, 2);
                }, today, today);
        return new Refunds(n[0], n[1], agreed, n[2], paid, new Overdue(overdue[0], outstanding, days[0], days[1]));
    }

    private FollowUps followUps(Sql q) throws SQLException {
        long[] n = new long[5];
        q.each("""
                select count(*), count(*) filter (where status = 'DONE'), count(*) filter (where status = 'UNREACHABLE'),
                       count(*) filter (where status = 'CANCELLED'), count(*) filter (where status = 'OPEN')
                from hq_followups where due_at >= ? and due_at < ? %s""", true, rs -> {
            for (int i = 0; i < 5; i++) {
                n[i] = rs.getLong(i + 1);
            }
        });
        long counted = n[0] - n[3];
        return new FollowUps(n[0], n[1], n[2], n[3], n[4], counted == 0 ? null : round((double) n[1] / counted));
    }

    private Surveys surveys(Sql q) throws SQLException {
        Surveys[] s = {null};
        q.each("""
                select count(*), count(answered_at), avg(csat)::float8, count(*) filter (where csat >= 4),
                       count(*) filter (where nps >= 9), count(*) filter (where nps between 7 and 8),
                       count(*) filter (where nps <= 6)
                from hq_surveys where sent_at >= ? and sent_at < ? %s""", true, rs -> {
            long sent = rs.getLong(1);
            long answered = rs.getLong(2);
            long promoters = rs.getLong(5);
            long detractors = rs.getLong(7);
            s[0] = new Surveys(sent, answered, sent == 0 ? null : round((double) answered / sent),
                    round(decimal(rs, 3)),
                    answered == 0 ? null : round((double) rs.getLong(4) / answered), promoters, rs.getLong(6),
                    detractors, answered == 0 ? null : round(100.0 * (promoters - detractors) / answered));
        });
        return s[0];
    }

    private static Double hours(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        return v == null ? null : ((Number) v).doubleValue() / 3600.0;
    }

    /** A number column (numeric, float8, int) as a Double, or null. */
    private static Double decimal(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        return v == null ? null : ((Number) v).doubleValue();
    }

    private static Long whole(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        return v == null ? null : ((Number) v).longValue();
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 1000.0) / 1000.0;
    }

    private static void counts(Map<String, long[]> counts, ResultSet rs, int index) throws SQLException {
        counts.computeIfAbsent(rs.getString(1), b -> new long[5])[index] = rs.getLong(2);
    }

    private static void ratio(Map<String, Double[]> ratios, ResultSet rs, int index, Double value) throws SQLException {
        ratios.computeIfAbsent(rs.getString(1), b -> new Double[10])[index] = value;
    }

    @FunctionalInterface
    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a measure's query: {@code %s} takes the branch condition; the parameters are {@code extra}, then the
     * period's bounds when {@code inPeriod}, then the branches.
     */
    static final class Sql {
        private final Connection c;
        final Period period;

        Sql(Connection c, Period period) {
            this.c = c;
            this.period = period;
        }

        void each(String sql, boolean inPeriod, Row row, Object... extra) throws SQLException {
            String text = sql.formatted(period.branches() == null ? "" : "and branch_id = any(?)");
            try (PreparedStatement ps = c.prepareStatement(text)) {
                int i = 1;
                for (Object e : extra) {
                    ps.setObject(i++, e);
                }
                if (inPeriod) {
                    ps.setTimestamp(i++, Timestamp.from(period.start()));
                    ps.setTimestamp(i++, Timestamp.from(period.end()));
                }
                if (period.branches() != null) {
                    Array branches = c.createArrayOf("text", period.branches().toArray());
                    ps.setArray(i, branches);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
            }
        }
    }
}
