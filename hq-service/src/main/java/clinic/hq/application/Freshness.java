package clinic.hq.application;

import clinic.eventstore.relay.KafkaClientSettings;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fresh HQ's read models are: for each topic, the position applied (kept with the facts, in their transaction)
 * against the head of the topic (asked of the broker), how many events behind that is, and how long the last event
 * took from happening to being applied here. {@link #changes()} counts the transactions applied, for the live page.
 */
@ApplicationScoped
public class Freshness {

    private static final Logger LOG = Logger.getLogger(Freshness.class);

    /** The topics HQ reads. */
    public static final List<String> TOPICS = List.of("complaint-events", "refund-events", "followup-events");

    /**
     * One topic's freshness. {@code behind}: events on the topic not applied yet (null when the broker did not
     * answer); {@code lastEventAt}: when the newest applied event happened; {@code lastDelayMillis}: how long after
     * that it was applied; {@code appliedAt}: when.
     */
    public record TopicFreshness(String topic, Long head, long applied, Long behind, Instant lastEventAt,
                                 Long lastDelayMillis, Instant appliedAt) {
    }

    private final AgroalDataSource db;
    private final KafkaClientSettings kafka;
    private final Clock clock;
    private final AtomicLong changes = new AtomicLong();
    private Admin admin;

    public Freshness(AgroalDataSource db, KafkaClientSettings kafka, Clock clock) {
        this.db = db;
        this.kafka = kafka;
        this.clock = clock;
    }

    /** Within the consumer's transaction: the record at {@code offset} of the partition is applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applied(String topic, int partition, long offset, Instant eventTime) {
        write(topic, partition, offset, eventTime);
    }

    /**
     * The record at {@code offset} was read and had nothing to apply (a second delivery, or a message sent to the
     * dead-letter topic): the position moves on, so that it is not counted as behind. In the poll's transaction when
     * there is one (a transaction of its own would wait on the row that transaction holds for its partition, while the
     * poll waits for it), else in one of its own.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void passed(String topic, int partition, long offset) {
        write(topic, partition, offset, null);
    }

    private void write(String topic, int partition, long offset, Instant eventTime) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into hq_topic_positions (topic, partition, next_offset, event_time, applied_at)
                values (?, ?, ?, ?, ?)
                on conflict (topic, partition) do update set next_offset = excluded.next_offset,
                    event_time = coalesce(excluded.event_time, hq_topic_positions.event_time),
                    applied_at = case when excluded.event_time is null then hq_topic_positions.applied_at
                                      else excluded.applied_at end
                where hq_topic_positions.next_offset < excluded.next_offset""")) {
            ps.setString(1, topic);
            ps.setInt(2, partition);
            ps.setLong(3, offset + 1);
            ps.setTimestamp(4, eventTime == null ? null : Timestamp.from(eventTime));
            ps.setTimestamp(5, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("topic position not written: " + e.getMessage(), e);
        }
    }

    /** A message of {@code topic} was handled (after its transaction ended). */
    public void changed(String topic) {
        changes.incrementAndGet();
    }

    /** How many messages were handled since start: the live page's signal to fetch again. */
    public long changes() {
        return changes.get();
    }

    public List<TopicFreshness> report() {
        Map<String, Long> heads = heads();
        Map<String, long[]> applied = new HashMap<>();
        Map<String, Instant[]> times = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select topic, sum(next_offset), max(event_time),
                       (array_agg(event_time order by applied_at desc) filter (where event_time is not null))[1],
                       max(applied_at) filter (where event_time is not null)
                from hq_topic_positions group by topic""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                applied.put(rs.getString(1), new long[]{rs.getLong(2)});
                if (rs.getTimestamp(3) != null) {
                    times.put(rs.getString(1), new Instant[]{rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("topic positions not read: " + e.getMessage(), e);
        }
        List<TopicFreshness> report = new ArrayList<>();
        for (String topic : TOPICS) {
            long done = applied.containsKey(topic) ? applied.get(topic)[0] : 0;
            Instant[] t = times.get(topic);
            Long head = heads.get(topic);
            report.add(new TopicFreshness(topic, head, done, head == null ? null : Math.max(0, head - done),
                    t == null ? null : t[0], t == null ? null : Math.max(0, Duration.between(t[1], t[2]).toMillis()),
                    t == null ? null : t[2]));
        }
        return report;
    }

    /** The end offsets of the topics, summed over their partitions; a topic the broker did not tell is absent. */
    private synchronized Map<String, Long> heads() {
        Map<String, Long> heads = new HashMap<>();
        try {
            if (admin == null) {
                admin = Admin.create(kafka.with(Map.of("client.id", "hq-service-freshness",
                        "request.timeout.ms", 3000, "default.api.timeout.ms", 3000)));
            }
            var described = admin.describeTopics(TOPICS).allTopicNames().get(3, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            described.forEach((name, d) -> d.partitions()
                    .forEach(p -> ask.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            admin.listOffsets(ask).all().get(3, TimeUnit.SECONDS)
                    .forEach((tp, info) -> heads.merge(tp.topic(), info.offset(), Long::sum));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("freshness: the broker did not tell the topics' heads: %s", e.getClass().getSimpleName());
        }
        return heads;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
