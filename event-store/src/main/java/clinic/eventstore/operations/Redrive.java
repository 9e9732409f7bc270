package clinic.eventstore.operations;

import clinic.eventstore.EventStore;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.api.NotFound;
import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.relay.OutboxRelay;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes again, to this service's topic, events the relay published before: one stream's (a case that a consumer
 * missed), or a range of store positions (everything a consumer lost in an outage). Each goes out exactly as the relay
 * sent it (key, payload, CloudEvents envelope, trace context), so every consumer's inbox knows it by its id and a
 * consumer that had it already does nothing. Only events behind the relay's checkpoint are sent: what the relay has not
 * published yet it will publish in order, and a redrive must not overtake it.
 *
 * <p>Consumers that did have a stream's later events get an earlier one after them; a consumer that missed only the
 * earlier one applies it late. That is what a redrive is for, and why it is an operator's decision.
 */
@ApplicationScoped
public class Redrive {

    private static final Logger LOG = Logger.getLogger(Redrive.class);
    /** The widest range one call may ask for; a wider outage is redriven in several calls. */
    public static final long MAX_RANGE = 1_000_000;
    private static final int BATCH = 1000;

    public record Result(String topic, long published, Long fromPosition, Long toPosition, String streamId) {
    }

    /** A stream this service does not keep. */
    public static class UnknownStream extends NotFound {
        public UnknownStream(String streamId) {
            super("stream-not-found", "this service keeps no stream " + streamId);
        }
    }

    private final AgroalDataSource dataSource;
    private final OutboxRelay relay;
    private volatile KafkaProducer<String, String> producer;

    public Redrive(AgroalDataSource dataSource, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.relay = relay;
    }

    /** A stream's published events, oldest first. */
    public Result stream(String streamId) {
        requirePublishing();
        List<Row> rows = read("e.stream_id = ?", "e.version", ps -> ps.setString(2, streamId), 0);
        if (rows.isEmpty()) {
            throw new UnknownStream(streamId);
        }
        long published = send(rows);
        LOG.infof("redrive: %d events of stream %s published again to %s", published, streamId, relay.config().topic());
        return new Result(relay.config().topic(), published, null, null, streamId);
    }

    /** The published events at store positions {@code from} to {@code to} (inclusive), in position order. */
    public Result range(long from, long to) {
        requirePublishing();
        if (from < 1) {
            throw new InvalidField("fromPosition", "must be 1 or more");
        }
        if (to < from) {
            throw new InvalidField("toPosition", "must not be before fromPosition");
        }
        if (to - from >= MAX_RANGE) {
            throw new InvalidField("toPosition", "at most " + MAX_RANGE + " positions per redrive");
        }
        long published = 0;
        long next = from;
        while (next <= to) {
            long after = next;
            List<Row> rows = read("e.global_position between ? and ?", "e.global_position", ps -> {
                ps.setLong(2, after);
                ps.setLong(3, to);
            }, BATCH);
            if (rows.isEmpty()) {
                break;
            }
            published += send(rows);
            next = rows.getLast().event().globalPosition() + 1;
        }
        LOG.infof("redrive: %d events at positions %d..%d published again to %s", published, from, to,
                relay.config().topic());
        return new Result(relay.config().topic(), published, from, to, null);
    }

    private void requirePublishing() {
        if (!relay.config().enabled()) {
            throw new RuleBroken("service", "this service publishes no events: its relay is off");
        }
    }

    private record Row(StoredEvent event, String traceparent) {
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Events matching {@code condition} that the relay has published (at or before its checkpoint). */
    private List<Row> read(String condition, String order, Binder binder, int limit) {
        String sql = "select " + EventStore.COLUMNS + ", e.trace_parent from events e, outbox_checkpoints c "
                + "where c.relay = ? and (e.transaction_id, e.global_position) <= (c.last_transaction_id, c.last_position) "
                + "and " + condition + " order by " + order + (limit > 0 ? " limit " + limit : "");
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, relay.config().name());
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(EventStore.read(rs), rs.getString(13)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the events to redrive could not be read: " + e.getSQLState(), e);
        }
        return rows;
    }

    private long send(List<Row> rows) {
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row r : rows) {
            acks.add(p.send(relay.record(r.event(), r.traceparent())));
        }
        p.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("redrive interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused a redriven event: " + e.getCause().getClass().getSimpleName(), e);
        }
        return rows.size();
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    var settings = new java.util.HashMap<>(relay.producerSettings());
                    settings.put(org.apache.kafka.clients.producer.ProducerConfig.CLIENT_ID_CONFIG,
                            "redrive-" + relay.config().name());
                    producer = new KafkaProducer<>(settings, new org.apache.kafka.common.serialization.StringSerializer(),
                            new org.apache.kafka.common.serialization.StringSerializer());
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
