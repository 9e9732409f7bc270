package clinic.eventstore.inbox;

import clinic.eventstore.TransientFailures;
import clinic.eventstore.observe.Tracing;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Gives each incoming event at most one effect per consumer: the event id is recorded in the same transaction as the
 * effect, so a redelivered event (a relay retry, a rebalance, a replay) finds itself already processed.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final AgroalDataSource dataSource;

    public Inbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How often an effect that fails transiently is tried before the message goes to the dead-letter topic. */
    public static final int ATTEMPTS = 8;

    /**
     * Runs {@code effect} in a new transaction unless {@code consumer} has processed {@code event} before. An effect
     * that fails transiently (it raced a step on the same case, a lock or a connection was not to be had) is tried
     * again, each time in a new transaction, up to {@link #ATTEMPTS} times with backoff (about 3 s in all); only then,
     * or at once for any other failure, does the exception reach the consumer and the message its dead-letter topic.
     *
     * @return true when the effect ran and committed, false for a duplicate
     */
    public boolean processOnce(String consumer, IncomingEvent event, Consumer<IncomingEvent> effect) {
        Batch batch = BATCH.get();
        if (batch != null) {
            return batch.processOnce(consumer, event, effect);
        }
        // a span of the trace the event was appended in (or of the request at hand), with the case's correlation in
        // every log line the effect writes and in every event it appends
        String trace = event.traceParent() != null ? event.traceParent() : Tracing.traceparent();
        try (var scope = Tracing.begin(trace, event.correlationId())) {
            return TransientFailures.retry(ATTEMPTS, () -> processOnceNow(consumer, event, effect));
        }
    }

    private boolean processOnceNow(String consumer, IncomingEvent event, Consumer<IncomingEvent> effect) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (seen(consumer, event.id())) {
                    return false;
                }
                // the effect first: its appends then obtain the transaction's id after reading their streams, which
                // keeps retries for ordering (EventStore.append) rare; the inbox row commits with it either way
                effect.accept(event);
                if (!record(consumer, event)) {
                    throw new DuplicateDelivery();
                }
                return true;
            });
        } catch (DuplicateDelivery concurrent) {
            LOG.debugf("%s: event %s was processed concurrently; this delivery had no effect", consumer, event.id());
            return false;
        }
    }

    public boolean seen(String consumer, UUID eventId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from inbox where consumer = ? and event_id = ?")) {
            ps.setString(1, consumer);
            ps.setObject(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("inbox read failed", e);
        }
    }

    private boolean record(String consumer, IncomingEvent event) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into inbox (consumer, event_id, event_type) values (?, ?, ?) on conflict do nothing")) {
            ps.setString(1, consumer);
            ps.setObject(2, event.id());
            ps.setString(3, event.type());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox write failed", e);
        }
    }

    /** The batch a consumer is running on this thread, which {@link #processOnce} joins. */
    private static final ThreadLocal<Batch> BATCH = new ThreadLocal<>();

    /**
     * Processes what one poll of the broker handed a consumer in one transaction: every record's effects and inbox rows
     * commit together, in the records' order (a case's events are on one partition, in order), so a burst costs one
     * commit per poll instead of one per event. {@code handler} is the consumer's handling of one record, which calls
     * {@link #processOnce} as it would alone.
     *
     * <p>When anything in the batch fails (a message that cannot be processed, a conflict with a step on the same case,
     * another instance processing the same events after a rebalance), the whole transaction is rolled back and the
     * records are processed again one at a time, each in its own transaction with {@link #processOnce}'s retries: a
     * record that still fails is nacked alone, so it goes to the channel's dead-letter topic with its reason and the
     * others have their effect, once. The batch is acknowledged when every record has been processed or dead-lettered.
     */
    public java.util.concurrent.CompletionStage<Void> processBatch(String consumer,
                                                                   io.smallrye.reactive.messaging.kafka.KafkaRecordBatch<String, String> batch,
                                                                   Consumer<ConsumerRecord<String, String>> handler) {
        var messages = batch.getRecords();
        List<ConsumerRecord<String, String>> records = messages.stream().map(Inbox::consumerRecord).toList();
        process(consumer, records, handler, (index, failure) ->
                // the channel's failure strategy: the dead-letter topic, with the reason (or the channel fails)
                messages.get(index).nack(failure).toCompletableFuture().join());
        return batch.ack();
    }

    /**
     * {@link #processBatch}'s work on plain records: {@code failed} hears of each record (by its index) that could not be
     * processed even alone, and of nothing else. Returns whether the batch committed as one transaction.
     */
    public boolean process(String consumer, List<ConsumerRecord<String, String>> records,
                           Consumer<ConsumerRecord<String, String>> handler,
                           java.util.function.BiConsumer<Integer, RuntimeException> failed) {
        if (records.size() > 1 && together(consumer, records, handler)) {
            return true;
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                handler.accept(records.get(i));
            } catch (RuntimeException e) {
                failed.accept(i, e);
            }
        }
        return false;
    }

    /** Whether the whole batch had its effects in one transaction (false: nothing of it was kept). */
    private boolean together(String consumer, List<ConsumerRecord<String, String>> records,
                             Consumer<ConsumerRecord<String, String>> handler) {
        Batch batch = new Batch(consumer);
        BATCH.set(batch);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                batch.seen.addAll(seen(consumer, records.stream().map(Inbox::eventIdOf)
                        .filter(java.util.Objects::nonNull).toList()));
                for (var record : records) {
                    handler.accept(record);
                }
                if (!batch.recorded.isEmpty() && record(batch.recorded) != batch.recorded.size()) {
                    throw new DuplicateDelivery(); // another instance processed some of these meanwhile
                }
            });
            return true;
        } catch (RuntimeException e) {
            LOG.debugf("%s: a batch of %d was rolled back (%s); processing its records one at a time", consumer,
                    records.size(), e.toString());
            return false;
        } finally {
            BATCH.remove();
        }
    }

    /** The event ids of {@code eventIds} that {@code consumer} has processed before. */
    private Set<String> seen(String consumer, List<UUID> eventIds) {
        Set<String> seen = new HashSet<>();
        if (eventIds.isEmpty()) {
            return seen;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select event_id from inbox where consumer = ? and event_id = any(?)")) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen.add(consumer + "/" + rs.getString(1));
                }
            }
            return seen;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox read failed", e);
        }
    }

    /** Writes the batch's inbox rows in one statement; how many were new. */
    private int record(List<String[]> rows) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into inbox (consumer, event_id, event_type)
                     select * from unnest(?::text[], ?::uuid[], ?::text[]) on conflict do nothing""")) {
            for (int column = 0; column < 3; column++) {
                int i = column;
                ps.setArray(column + 1, c.createArrayOf("text", rows.stream().map(r -> r[i]).toArray()));
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("inbox write failed", e);
        }
    }

    private static UUID eventIdOf(ConsumerRecord<String, String> record) {
        try {
            return IncomingEvent.from(record).id();
        } catch (RuntimeException malformed) {
            return null; // the handler says why
        }
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(
            org.eclipse.microprofile.reactive.messaging.Message<String> record) {
        return record.getMetadata(io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata.class)
                .map(m -> (ConsumerRecord<String, String>) m.getRecord())
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
    }

    /** One poll's transaction: what was processed before, and the inbox rows to write at its end. */
    private final class Batch {
        final String consumer;
        final Set<String> seen = new HashSet<>();
        final List<String[]> recorded = new ArrayList<>();

        Batch(String consumer) {
            this.consumer = consumer;
        }

        boolean processOnce(String consumer, IncomingEvent event, Consumer<IncomingEvent> effect) {
            String key = consumer + "/" + event.id();
            if (!consumer.equals(this.consumer) && !seen.contains(key) && Inbox.this.seen(consumer, event.id())) {
                seen.add(key); // an inbox name the batch was not read for (two names on one channel)
            }
            if (!seen.add(key)) {
                return false; // processed before, or earlier in this batch
            }
            String trace = event.traceParent() != null ? event.traceParent() : Tracing.traceparent();
            try (var scope = Tracing.begin(trace, event.correlationId())) {
                effect.accept(event);
            }
            recorded.add(new String[]{consumer, event.id().toString(), event.type()});
            return true;
        }
    }

    /** Another delivery of the same event committed first: roll this one back. */
    private static final class DuplicateDelivery extends RuntimeException {
        DuplicateDelivery() {
            super(null, null, false, false);
        }
    }
}
