package clinic.eventstore;

import java.time.Instant;
import java.util.List;

/**
 * A table kept equal to the states of one kind of stream. The {@link CommandPipeline} it is registered with writes it
 * in the transaction that appends a stream's events (live), and the {@link clinic.eventstore.projection.ProjectionRunner}
 * rebuilds it from the streams a batch at a time (no other side effects: it only writes this table).
 *
 * <p>An implementation must keep the row of the newest version it is given and ignore an older one: a rebuild batch
 * that read a stream just before a live append may write after it.
 */
@FunctionalInterface
public interface ReadModel<S> {

    /** Writes what the model keeps of a stream's {@code state} at {@code version}, as of {@code now}. */
    void update(S state, long version, Instant now);

    /**
     * Writes a rebuild batch: the states of several streams (each at its version, each stream once), as of
     * {@code now}, in the caller's transaction. The same rule as {@link #update}: a row keeps the newest version it was
     * given. By default one {@link #update} each; a model that can write them at once (one statement for the batch)
     * overrides it, which is what makes a rebuild of many streams fast. Only the rebuild calls it: the live path writes
     * one stream with {@link #update}.
     */
    default void updateAll(List<CommandPipeline.Loaded<S>> batch, Instant now) {
        for (CommandPipeline.Loaded<S> stream : batch) {
            update(stream.state(), stream.version(), now);
        }
    }

    /** The event types whose appending changes this model (all of the stream's, unless it says otherwise). */
    default boolean handles(String eventType) {
        return true;
    }
}
