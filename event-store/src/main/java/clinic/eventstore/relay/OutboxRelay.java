package clinic.eventstore.relay;

import clinic.eventstore.EventStore;
import clinic.eventstore.StoredEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes every committed event of this service's store to its Kafka topic, once, in commit order, with the stream
 * id as the key so that a case's events stay in order on one partition.
 *
 * <ul>
 *   <li><b>Gap-safe.</b> It reads only events of transactions older than the oldest transaction still running in this
 *   service's database ({@link #FENCE}), ordered by (transaction, position), and resumes after the last (transaction,
 *   position) it published. An event whose transaction commits after a later-numbered one is therefore never skipped:
 *   it is simply not read until it is committed. A long transaction in another database of the same server (a report,
 *   a migration, another service) does not hold it back: only this database's can write its events.</li>
 *   <li><b>Flat in history.</b> It reads the checkpoint first and starts its index scan there, so a read costs the same
 *   with ten thousand events stored or a hundred million.</li>
 *   <li><b>Checkpoint after the broker.</b> The checkpoint moves only once Kafka has acknowledged the whole batch
 *   ({@code acks=all}, idempotent producer). A crash between the two publishes a batch again: consumers are idempotent
 *   by event id (the inbox).</li>
 *   <li><b>Prompt.</b> It LISTENs for the {@code events_appended} notification that a commit sends, and looks anyway
 *   every {@code poll-interval}.</li>
 *   <li><b>One leader.</b> Instances of a service compete for a session-level advisory lock on their own connection;
 *   the holder relays, the others wait and take over when its session ends.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CHANNEL = "events_appended";
    private static final int HELD_BACK_RETRY_MILLIS = 10;
    private static final String RECORDED_AT = "e.recorded_at";
    /**
     * An event's commit time, or its insert time where the server has none (committed before the setting was on, or
     * older than the server keeps). {@code xid()} drops the epoch: an event left unpublished for 2^32 transactions
     * could be timed from another's commit, which only skews one figure of the histogram.
     */
    private static final String COMMITTED_AT = "coalesce(pg_xact_commit_timestamp(xid(e.transaction_id)), e.recorded_at)";
    /** The histogram buckets of the commit-to-acknowledgement delay (the aim: p99 under 20 ms under load). */
    private static final java.time.Duration[] DELAY_BUCKETS = java.util.stream.LongStream
            .of(1, 2, 5, 10, 20, 50, 100, 250, 1000, 5000).mapToObj(java.time.Duration::ofMillis)
            .toArray(java.time.Duration[]::new);

    private final RelayConfig config;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final KafkaClientSettings kafka;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final io.micrometer.core.instrument.Timer delay;

    /** The last (transaction, position) the broker acknowledged, as read from or written to the checkpoint. */
    private String lastTransaction = "0";
    private long lastPosition;
    /** Whether the last read found committed events it may not publish yet (behind a transaction still running). */
    private boolean heldBack;
    /**
     * What the delay counts from: the transaction's commit where the server keeps commit times
     * ({@code track_commit_timestamp}), else the event's insert, which a long transaction's commit follows late.
     */
    private String delayFrom = RECORDED_AT;

    private volatile Stuck stuck;
    private volatile Thread worker;
    private volatile boolean running;
    private volatile boolean leader;

    public OutboxRelay(RelayConfig config,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres") String dbUser,
                       @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> dbPassword,
                       KafkaClientSettings kafka) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword.orElse("");
        this.kafka = kafka;
        this.delay = io.micrometer.core.instrument.Timer.builder("clinic.relay.publish.delay")
                .description("From an event's commit (with track_commit_timestamp on; else its insert) to the "
                        + "broker's acknowledgement of it")
                .tag("topic", config.topic())
                .serviceLevelObjectives(DELAY_BUCKETS)
                // the global registry: the one Quarkus serves on /q/metrics, and a no-op where nothing is joined to it
                .register(io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    void onStart(@Observes StartupEvent ignored) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent ignored) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay-" + config.name()).daemon().start(this::run);
    }

    /** Stops after the batch in flight: what the broker acknowledged is checkpointed, the rest is left for later. */
    public synchronized void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            // no interrupt: the batch in flight finishes and is checkpointed, so a restart publishes nothing twice
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
        leader = false;
    }

    public boolean isLeader() {
        return leader;
    }

    /**
     * The event the broker keeps refusing, since when and why; null while the relay moves. An event the broker will
     * never take (a record larger than the topic allows, say) stops everything behind it: the store keeps the order.
     */
    public record Stuck(java.util.UUID eventId, String streamId, long position, java.time.Instant since, String error) {
    }

    /** The relay's configuration: its topic, its checkpoint's name, whether it runs. */
    public RelayConfig config() {
        return config;
    }

    public Stuck stuck() {
        return stuck;
    }

    /** How many times this instance has read the store for events to publish (found some or not). */
    public long readCount() {
        return reads.get();
    }

    /** Events this instance has published since it started. */
    public long publishedCount() {
        return published.get();
    }

    private void run() {
        while (running) {
            try (Connection conn = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword)) {
                conn.setAutoCommit(true);
                if (!tryLead(conn)) {
                    stuck = null; // the leader, not this standby, reports what it cannot publish
                    pause(config.leaderRetry().toMillis());
                    continue;
                }
                leader = true;
                LOG.infof("outbox relay %s is the leader; publishing to %s", config.name(), config.topic());
                try (var listen = conn.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                ensureCheckpoint(conn);
                delayFrom = commitTimesKept(conn) ? COMMITTED_AT : RECORDED_AT;
                try (KafkaProducer<String, String> producer = producer()) {
                    PGConnection pg = conn.unwrap(PGConnection.class);
                    while (running) {
                        int n = publishBatch(conn, producer);
                        if (n < config.batchSize() && running) {
                            // Committed events held back behind an older transaction still running (any database of
                            // the server counts) are looked at again shortly; otherwise the next commit wakes us.
                            pg.getNotifications(heldBack ? HELD_BACK_RETRY_MILLIS : (int) config.pollInterval().toMillis());
                        }
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("outbox relay %s failed, retrying: %s", config.name(), e.toString());
                    pause(1000);
                }
            } finally {
                leader = false;
            }
            if (!running) {
                stuck = null;
            }
        }
    }

    private boolean tryLead(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("select pg_try_advisory_lock(hashtext('outbox-relay:' || ?))")) {
            ps.setString(1, config.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Whether the server records when each transaction committed (a server setting; off by default). */
    private static boolean commitTimesKept(Connection conn) throws SQLException {
        try (var st = conn.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('track_commit_timestamp') = 'on'")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void ensureCheckpoint(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "insert into outbox_checkpoints (relay) values (?) on conflict (relay) do nothing")) {
            ps.setString(1, config.name());
            ps.executeUpdate();
        }
    }

    /**
     * The checkpoint, and the fence: the oldest transaction of this database still running when the statement began
     * (or, when none is, the first transaction id not yet completed). Every event of a transaction below the fence is
     * committed (or rolled back) and visible to the next statement; a transaction at or above it may still append.
     *
     * <p>Transactions in progress are those of the whole server ({@code pg_current_snapshot()}); those another database's
     * sessions (or prepared transactions) run are left out, since they cannot write here ({@code backend_xid} and
     * {@code datname} are readable by every role). One running here but missing from {@code pg_stat_activity} by the time
     * it is read (it just committed) is kept in: the fence may stop short, never past a running writer of this database.
     * The same statement says whether committed events wait at or above the fence (held back: look again shortly, as
     * no notification may come for the transaction that holds them), so a wake-up costs two round trips, not three.
     * That look is written as the relay's index order with a limit: as a bare {@code exists}, a plan made without the
     * values (a prepared statement's generic plan) scans the whole table for a row that is not there, which cost
     * 75 ms a wake-up with a million events stored.
     */
    static final String FENCE = """
            with f as (
                select coalesce((select min(x) from pg_snapshot_xip(pg_current_snapshot()) x
                                  where not exists (select 1 from pg_stat_activity a
                                                     where a.backend_xid = x::xid and a.datname <> current_database())
                                    and not exists (select 1 from pg_prepared_xacts p
                                                     where p.transaction = x::xid and p.database <> current_database())),
                                pg_snapshot_xmax(pg_current_snapshot())) as fence)
            select c.last_transaction_id::text, c.last_position, f.fence::text,
                   (select true from events e
                     where (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)
                       and e.transaction_id >= f.fence
                     order by e.transaction_id, e.global_position limit 1) is not null
              from outbox_checkpoints c, f
             where c.relay = ?""";

    /** A transaction id as PostgreSQL wrote it ({@code xid8::text}), checked to be one before it goes into SQL. */
    static String digits(String xid8) {
        if (xid8 == null || xid8.isEmpty() || xid8.length() > 20 || !xid8.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalStateException("not a transaction id: " + xid8);
        }
        return xid8;
    }

    /** Publishes the next batch of committed events; returns how many. */
    int publishBatch(Connection conn, KafkaProducer<String, String> producer)
            throws SQLException, InterruptedException, ExecutionException {
        String fence;
        try (PreparedStatement ps = conn.prepareStatement(FENCE)) {
            ps.setString(1, config.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                lastTransaction = rs.getString(1);
                lastPosition = rs.getLong(2);
                fence = rs.getString(3);
                heldBack = rs.getBoolean(4);
            }
        }
        List<StoredEvent> batch = new ArrayList<>();
        List<String> transactions = new ArrayList<>();
        List<String> traces = new ArrayList<>();
        List<java.time.Instant> committed = new ArrayList<>();
        // The checkpoint and the fence written into the statement, not joined and not parameters: the index scan starts
        // at the checkpoint instead of at the first event ever, and each read is planned with its values; a prepared
        // statement's generic plan, which does not know they are at the end of the index, read every published row
        // (the cost of a wake-up grew with history). The FENCE statement above keeps its cached plan: planning it
        // (it reads pg_stat_activity) cost PostgreSQL 0.9 ms a wake-up. Qualified columns: a bare "transaction_id"
        // in the order by would name the text column selected, and sort as text.
        // (numbers written with Long.toString: a formatter would use the default locale's digits, not SQL's)
        try (var st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery("select " + EventStore.COLUMNS + ", e.transaction_id::text, e.trace_parent, "
                + delayFrom + """
                  from events e
                 where (e.transaction_id, e.global_position) > ('%s'::xid8, %s)
                   and e.transaction_id < '%s'::xid8
                 order by e.transaction_id, e.global_position
                 limit %s""".formatted(digits(lastTransaction), Long.toString(lastPosition), digits(fence),
                        Integer.toString(config.batchSize())))) {
                while (rs.next()) {
                    batch.add(EventStore.read(rs));
                    transactions.add(rs.getString(13));
                    traces.add(rs.getString(14));
                    committed.add(rs.getObject(15, java.time.OffsetDateTime.class).toInstant());
                }
            }
        }
        reads.incrementAndGet();
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            java.time.Instant from = committed.get(i);
            acks.add(producer.send(record(batch.get(i), traces.get(i)), (metadata, failed) -> {
                if (failed == null) {
                    delay.record(java.time.Duration.between(from, java.time.Instant.now()));
                }
            }));
        }
        producer.flush();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(); // throws if the broker refused one
            } catch (ExecutionException refused) {
                // what went before it is on Kafka: checkpoint that much, so the retry does not publish it again
                checkpoint(conn, transactions, batch, i);
                noteStuck(batch.get(i), refused.getCause());
                throw refused;
            }
        }
        stuck = null;
        checkpoint(conn, transactions, batch, batch.size());
        return batch.size();
    }

    /** The record that carries {@code e} to the topic: key the stream, value the payload, the CloudEvents envelope. */
    public ProducerRecord<String, String> record(StoredEvent e, String traceparent) {
        return new ProducerRecord<>(config.topic(), null, e.streamId(), e.payload(),
                CloudEventHeaders.of(e, config.source(), traceparent));
    }

    /** Moves the checkpoint past the first {@code count} events of the batch, which the broker has acknowledged. */
    private void checkpoint(Connection conn, List<String> transactions, List<StoredEvent> batch, int count)
            throws SQLException {
        if (count == 0) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("""
                update outbox_checkpoints
                   set last_transaction_id = ?::xid8, last_position = ?, published = published + ?, updated_at = now()
                 where relay = ?""")) {
            ps.setString(1, transactions.get(count - 1));
            ps.setLong(2, batch.get(count - 1).globalPosition());
            ps.setLong(3, count);
            ps.setString(4, config.name());
            ps.executeUpdate();
        }
        lastTransaction = transactions.get(count - 1);
        lastPosition = batch.get(count - 1).globalPosition();
        published.addAndGet(count);
    }

    private void noteStuck(StoredEvent event, Throwable error) {
        Stuck previous = stuck;
        java.time.Instant since = previous != null && previous.eventId().equals(event.eventId())
                ? previous.since() : java.time.Instant.now();
        stuck = new Stuck(event.eventId(), event.streamId(), event.globalPosition(), since,
                error == null ? "unknown" : error.getClass().getSimpleName() + ": " + error.getMessage());
        // once per event: the relay tries again every second, and the health check keeps saying so
        Logger.Level level = previous != null && previous.eventId().equals(event.eventId()) ? Logger.Level.DEBUG
                : Logger.Level.ERROR;
        LOG.logf(level, "outbox relay %s: the broker refused event %s (stream %s, position %d) since %s: %s", config.name(),
                event.eventId(), event.streamId(), event.globalPosition(), since, stuck.error());
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(producerSettings(), new StringSerializer(), new StringSerializer());
    }

    /** The producer's settings: its own, and the broker's address and security shared with the consumers. */
    public Map<String, Object> producerSettings() {
        return kafka.with(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + config.name(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                // a batch of up to batch-size events goes out at once and is flushed: big producer batches make it a
                // few requests per partition instead of dozens of 16 KB ones (halved the flush time in the benchmark)
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
                // the producer's own limit follows the store's, so an event the store accepts is one it can send
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1024 * 1024, config.maxRecordBytes() + 64 * 1024)));
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
