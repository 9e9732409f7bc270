package clinic.eventstore.inbox;

import clinic.eventstore.TransientFailures;
import clinic.eventstore.observe.Tracing;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** Another delivery of the same event committed first: roll this one back. */
    private static final class DuplicateDelivery extends RuntimeException {
        DuplicateDelivery() {
            super(null, null, false, false);
        }
    }
}
