package clinic.followup.application;

import clinic.eventstore.security.BranchGuard;
import clinic.eventstore.CommandPipeline;
import clinic.eventstore.CommandPipelines;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.Expected;
import clinic.eventstore.projection.ProjectionRunner;
import clinic.eventstore.projection.RebuildProgress;
import clinic.eventstore.config.BranchCalendars;
import clinic.followup.config.FollowUpConfig;
import clinic.followup.domain.CallOutcome;
import clinic.followup.domain.FollowUpCommand;
import clinic.followup.domain.FollowUpRules;
import clinic.followup.domain.FollowUpDecider;
import clinic.followup.domain.FollowUpEvent;
import clinic.followup.domain.FollowUpTask;
import clinic.followup.projection.FollowUpTasksProjection;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one entry point that changes follow-up tasks, through their command pipeline (which keeps the task list). A
 * change that ends a callback of a complaint's series tells its follow-up window in the same transaction.
 */
@Startup
@ApplicationScoped
public class FollowUpService {

    /** The task list's name for rebuilds. */
    public static final String LIST = "followup-tasks";

    /** A task at a version. */
    public record TaskView(FollowUpTask task, long version) {
    }

    private final CommandPipeline<FollowUpCommand, FollowUpEvent, FollowUpTask> tasks;
    private final FollowUpWindows windows;
    private final ProjectionRunner projections;
    private final FollowUpConfig config;
    private final BranchCalendars calendars;
    private final EntityManager em;

    public FollowUpService(CommandPipelines pipelines, EventTypeRegistry<FollowUpEvent> types,
                           FollowUpTasksProjection list, FollowUpWindows windows, ProjectionRunner projections,
                           FollowUpConfig config, BranchCalendars calendars, EntityManager em) {
        this.tasks = pipelines.define("follow-up task", types,
                        new Decider<>(FollowUpDecider::decide, FollowUpDecider::evolve, FollowUpTask.NONE),
                        id -> new TaskNotFound(UUID.fromString(id)))
                .readModel(LIST, (state, version, now) -> list.update(state, version));
        this.windows = windows;
        this.projections = projections;
        this.config = config;
        this.calendars = calendars;
        this.em = em;
    }

    /**
     * Applies an idempotent command (schedule, mark due, cancel) to a task, new or existing; a repeat decides nothing.
     * A cancelled callback is over for its follow-up window, which is told in the same transaction.
     */
    public TaskView apply(UUID taskId, FollowUpCommand command, EventMetadata metadata) {
        var result = tasks.on(taskId).expecting(Expected.any()).by(metadata).at(command.at())
                .alongside(changed -> windows.afterTaskChange(changed.state(), metadata, command.at()))
                .decide(command);
        return new TaskView(result.state(), result.version());
    }

    /**
     * A step a person takes on an existing task (assign, record a call), checked against the version they saw. The
     * command is made from the task's state (its branch decides the next working slot). {@code alsoStore} runs in the
     * same transaction after the events are written (a call's notes). A call that ends a callback tells its follow-up
     * window in the same transaction. {@code guard} checks the task's branch first.
     */
    public TaskView step(UUID taskId, Long ifMatch, BranchGuard guard, Function<FollowUpTask, FollowUpCommand> command,
                         Function<FollowUpTask, EventMetadata> metadata, Instant at,
                         BiConsumer<FollowUpTask, EntityManager> alsoStore) {
        var result = tasks.on(taskId).expecting(Expected.at(ifMatch)).by(metadata).at(at)
                .guardedBy(task -> guard.requireWorksFor(task.branchId()))
                .alongside(changed -> {
                    windows.afterTaskChange(changed.state(), metadata.apply(changed.state()), at);
                    alsoStore.accept(changed.state(), em);
                })
                .decide(command);
        return new TaskView(result.state(), result.version());
    }

    /**
     * A call made on a task: no answer is tried again at the next working day's opening where the task's branch is, up
     * to its policy's attempts; the notes (free text, possibly health details) are kept outside the events.
     */
    public TaskView recordCall(UUID taskId, Long ifMatch, CallOutcome outcome, int durationSeconds, String notes,
                               String by, BranchGuard guard, Function<FollowUpTask, EventMetadata> metadata, Instant now) {
        boolean hasNotes = notes != null && !notes.isBlank();
        return step(taskId, ifMatch, guard, t -> new FollowUpCommand.RecordCall(outcome, durationSeconds, hasNotes, by,
                        FollowUpRules.nextAttempt(now, calendars.of(t.branchId())),
                        config.policyFor(t.branchId()).maxAttempts(), now),
                metadata, now, (t, entityManager) -> {
                    if (hasNotes) {
                        storeNotes(entityManager, t.id(), t.attempts(), notes.strip(), now);
                    }
                });
    }

    public TaskView get(UUID taskId) {
        var loaded = tasks.get(taskId.toString());
        return new TaskView(loaded.state(), loaded.version());
    }

    /** The task as the system knew it at {@code instant}: not found when it had not been scheduled by then. */
    public TaskView getAsOf(UUID taskId, Instant instant) {
        return view(taskId, tasks.loadAsOf(taskId.toString(), instant));
    }

    /** The task just after its {@code version}-th event: not found when it has not come that far. */
    public TaskView getAtVersion(UUID taskId, long version) {
        var loaded = tasks.loadUpToVersion(taskId.toString(), version);
        if (loaded.version() != version) {
            throw new TaskNotFound(taskId);
        }
        return view(taskId, loaded);
    }

    private static TaskView view(UUID taskId, CommandPipeline.Loaded<FollowUpTask> loaded) {
        if (!loaded.exists()) {
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

    /** Operations: rebuilds (restart: from the first stream, not from where a stopped rebuild was) the task list from the event store. */
    public RebuildProgress rebuildList(boolean restart) {
        return projections.rebuild(LIST, restart);
    }

    public static class TaskNotFound extends clinic.eventstore.api.NotFound {
        public TaskNotFound(UUID id) {
            super("followup-not-found", "no follow-up task " + id);
        }
    }
}
