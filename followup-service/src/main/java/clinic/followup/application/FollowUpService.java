package clinic.followup.application;

import clinic.eventstore.TransientFailures;
import clinic.eventstore.ConcurrencyConflict;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StreamNotFound;
import clinic.followup.domain.FollowUpCommand;
import clinic.followup.domain.FollowUpDecider;
import clinic.followup.domain.FollowUpEvent;
import clinic.followup.domain.FollowUpTask;
import clinic.followup.projection.FollowUpTasksProjection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one entry point that changes follow-up tasks. Each change is one task in one transaction (load, decide,
 * append, project): the event store wants an append to be its transaction's first write, and a task changed by
 * someone else meanwhile is simply read again and decided again.
 */
@ApplicationScoped
public class FollowUpService {

    /** A task at a version. */
    public record TaskView(FollowUpTask task, long version) {
    }

    private final EventSourcedRepository<FollowUpCommand, FollowUpEvent, FollowUpTask> tasks;
    private final FollowUpTasksProjection projection;
    private final FollowUpWindows windows;
    private final EntityManager em;

    public FollowUpService(EventStore store, EventTypeRegistry<FollowUpEvent> types, FollowUpTasksProjection projection,
                           FollowUpWindows windows, EntityManager em) {
        this.tasks = new EventSourcedRepository<>(store, types,
                new Decider<>(FollowUpDecider::decide, FollowUpDecider::evolve, FollowUpTask.NONE));
        this.projection = projection;
        this.windows = windows;
        this.em = em;
    }

    /**
     * Applies an idempotent command (schedule, mark due, cancel) to a task, new or existing; a repeat decides nothing.
     * A cancelled callback is over for its follow-up window, which is told in the same transaction.
     */
    public TaskView apply(UUID taskId, FollowUpCommand command, EventMetadata metadata) {
        return retryingConflicts(() -> QuarkusTransaction.requiringNew().call(() -> {
            // read before the first write (FollowUpWindows): only a cancellation can end a task here
            FollowUpWindows.Read window = command instanceof FollowUpCommand.Cancel
                    ? windows.read(tasks.load(taskId.toString()).state()) : null;
            var result = tasks.handleNewOrExisting(taskId.toString(), command, metadata, command.at());
            if (!result.events().isEmpty()) {
                windows.afterTaskChange(window, result.state(), metadata, command.at());
                projection.update(result.state(), result.version(), result.events().getFirst().occurredAt());
            }
            return new TaskView(result.state(), result.version());
        }));
    }

    /**
     * A step a person takes on an existing task (assign, record a call), checked against the version they saw. The
     * command is made from the task's state (its branch decides the next working slot). {@code afterAppend} runs in the
     * same transaction after the events are written (a call's notes). A call that ends a callback tells its follow-up
     * window in the same transaction; when the window changed meanwhile (another callback of the complaint ended at
     * that moment), the step is decided again.
     */
    public TaskView step(UUID taskId, Long ifMatch, Function<FollowUpTask, FollowUpCommand> command,
                         Function<FollowUpTask, EventMetadata> metadata, Instant at,
                         java.util.function.BiConsumer<FollowUpTask, EntityManager> afterAppend) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> stepOnce(taskId, ifMatch, command, metadata, at,
                        afterAppend));
            } catch (RuntimeException e) {
                if (attempt >= 3 || !FollowUpWindows.moved(e)) {
                    throw e;
                }
            }
        }
    }

    private TaskView stepOnce(UUID taskId, Long ifMatch, Function<FollowUpTask, FollowUpCommand> command,
                              Function<FollowUpTask, EventMetadata> metadata, Instant at,
                              java.util.function.BiConsumer<FollowUpTask, EntityManager> afterAppend) {
        try {
            // read before the first write (FollowUpWindows)
            FollowUpTask before = tasks.load(taskId.toString()).state();
            FollowUpWindows.Read window = windows.read(before);
            var result = tasks.handleWithState(taskId.toString(), ifMatch, command, metadata, at);
            if (!result.events().isEmpty()) {
                windows.afterTaskChange(window, result.state(), metadata.apply(before), at);
                projection.update(result.state(), result.version(), null);
                afterAppend.accept(result.state(), em);
            }
            return new TaskView(result.state(), result.version());
        } catch (StreamNotFound e) {
            throw new TaskNotFound(taskId);
        }
    }

    public TaskView get(UUID taskId) {
        var loaded = tasks.load(taskId.toString());
        if (loaded.state().id() == null) {
            throw new TaskNotFound(taskId);
        }
        return new TaskView(loaded.state(), loaded.version());
    }

    /** Stores a call's notes (free text, possibly health details) outside the events. */
    public static void storeNotes(EntityManager em, UUID taskId, int attempt, String notes, Instant at) {
        em.createNativeQuery("insert into call_notes (task_id, attempt, notes, recorded_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, taskId).setParameter(2, attempt).setParameter(3, notes)
                .setParameter(4, Timestamp.from(at)).executeUpdate();
    }

    public long rebuildList() {
        return projection.rebuild(tasks);
    }

    static <T> T retryingConflicts(Supplier<T> work) {
        return TransientFailures.retry(3, work);
    }

    public static class TaskNotFound extends clinic.eventstore.api.NotFound {
        public TaskNotFound(UUID id) {
            super("followup-not-found", "no follow-up task " + id);
        }
    }
}
