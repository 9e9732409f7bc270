package clinic.benchmark;

import clinic.devstack.DevStack;
import clinic.devstack.PostgresServer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The services' databases read directly: whether what a phase's complaints caused is stored yet, and when each effect
 * was recorded. Reading the stores rather than polling the services' APIs keeps the measuring from loading the
 * services it measures.
 */
final class Stores implements AutoCloseable {

    /** The event a filed complaint starts its stream with (complaint-service's ComplaintEventTypes.FILED). */
    static final String FILED = "complaint.filed.v1";
    /** A refund case's first event (refund-service's RefundEventTypes.REQUESTED). */
    static final String REFUND_REQUESTED = "refund.requested.v1";
    /** A follow-up task's first event (followup-service's FollowUpEventTypes.SCHEDULED). */
    static final String FOLLOWUP_SCHEDULED = "followup.scheduled.v1";

    /** How long after a phase its effects may take before the drain counts as not done. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    /** The end of a drain: how long after the last POST's answer, or null if not everything arrived in time. */
    record Drain(Duration after, long refundCases, long refundsExpected, long tasks, long tasksExpected) {
        boolean done() {
            return after != null;
        }

        @Override
        public String toString() {
            return done() ? String.format("%.1f s", after.toNanos() / 1e9)
                    : String.format("not within %d s (%d/%d refund cases, %d/%d follow-up tasks)",
                    DRAIN_TIMEOUT.toSeconds(), refundCases, refundsExpected, tasks, tasksExpected);
        }
    }

    /** Filed → effect, in microseconds of the stores' own clock, per complaint that has the effect. */
    record EndToEnd(long[] toRefundCase, long[] toFollowUpTask, int filed) {
    }

    private final Connection complaints;
    private final Connection refunds;
    private final Connection followups;

    Stores(DevStack stack) throws SQLException {
        this.complaints = connect(stack, "complaints");
        this.refunds = connect(stack, "refunds");
        this.followups = connect(stack, "followups");
    }

    static Connection connect(DevStack stack, String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), PostgresServer.SUPERUSER, PostgresServer.PASSWORD);
    }

    Connection complaints() {
        return complaints;
    }

    /** The newest position in complaint-service's event store: a phase's events are those after it. */
    long lastPosition() throws SQLException {
        try (Statement st = complaints.createStatement();
             ResultSet rs = st.executeQuery("select coalesce(max(global_position), 0) from events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Polls every 100 ms until every refund case and follow-up task of the phase's complaints is stored; the time
     * counts from the phase's last answer. Refund cases and tasks are read from their read models (refund_cases,
     * followup_tasks), which is what a user of those services would see.
     */
    Drain drain(Load.Result phase) throws SQLException, InterruptedException {
        List<UUID> all = phase.complaints();
        List<UUID> refund = phase.refundComplaints();
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long cases = 0;
        long tasks = 0;
        while (true) {
            cases = count(refunds, "select count(*) from refund_cases where complaint_id = any(?)", refund);
            tasks = count(followups, "select count(distinct complaint_id) from followup_tasks where complaint_id = any(?)", all);
            long now = System.nanoTime();
            if (cases >= refund.size() && tasks >= all.size()) {
                return new Drain(Duration.ofNanos(Math.max(0, now - phase.lastAnswerNanos())), cases, refund.size(), tasks, all.size());
            }
            if (now > deadline) {
                return new Drain(null, cases, refund.size(), tasks, all.size());
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until no store has taken a new event for a second (at most a minute): what the last phase set off further
     * down (complaint-service's own events about the refund cases and tasks, their relays) is done before the next
     * phase is measured, so that it counts none of it.
     */
    void settle() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<Long> last = newest();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - stableSince < Duration.ofSeconds(1).toNanos()) {
            Thread.sleep(200);
            List<Long> now = newest();
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            }
        }
        if (System.nanoTime() - stableSince < Duration.ofSeconds(1).toNanos()) {
            System.out.println("throughput: the stores still took events a minute after the phase; the next phase starts anyway");
        }
    }

    private List<Long> newest() throws SQLException {
        List<Long> positions = new ArrayList<>();
        for (Connection c : List.of(complaints, refunds, followups)) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select coalesce(max(global_position), 0) from events")) {
                rs.next();
                positions.add(rs.getLong(1));
            }
        }
        return positions;
    }

    private static long count(Connection c, String sql, List<UUID> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, uuids(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Array uuids(Connection c, List<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    /**
     * From each complaint filed between the two positions to its refund case's and its follow-up task's first event:
     * those events name the filing event as their cause (causation_id), and every store records when it wrote each
     * event (recorded_at, the same machine's clock). Nothing polls the services while they work.
     */
    EndToEnd endToEnd(long afterPosition, long upToPosition) throws SQLException {
        Map<UUID, OffsetDateTime> filed = new HashMap<>();
        try (PreparedStatement ps = complaints.prepareStatement("""
                select event_id, recorded_at from events
                 where event_type = ? and global_position > ? and global_position <= ?""")) {
            ps.setString(1, FILED);
            ps.setLong(2, afterPosition);
            ps.setLong(3, upToPosition);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    filed.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class));
                }
            }
        }
        List<UUID> causes = new ArrayList<>(filed.keySet());
        long[] toRefund = since(filed, firstEffects(refunds, REFUND_REQUESTED, causes));
        long[] toTask = since(filed, firstEffects(followups, FOLLOWUP_SCHEDULED, causes));
        return new EndToEnd(toRefund, toTask, filed.size());
    }

    private static Map<UUID, OffsetDateTime> firstEffects(Connection c, String type, List<UUID> causes) throws SQLException {
        Map<UUID, OffsetDateTime> first = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select causation_id, min(recorded_at) from events
                 where event_type = ? and causation_id = any(?) group by causation_id""")) {
            ps.setString(1, type);
            ps.setArray(2, uuids(c, causes));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    first.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class));
                }
            }
        }
        return first;
    }

    private static long[] since(Map<UUID, OffsetDateTime> filed, Map<UUID, OffsetDateTime> effects) {
        return effects.entrySet().stream()
                .mapToLong(e -> ChronoUnit.MICROS.between(filed.get(e.getKey()), e.getValue()))
                .toArray();
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : List.of(complaints, refunds, followups)) {
            c.close();
        }
    }
}
