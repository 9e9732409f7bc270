package clinic.followup.application;

import clinic.eventstore.ConcurrencyConflict;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StaleVersion;
import clinic.followup.domain.CallbackResult;
import clinic.followup.domain.FollowUpKind;
import clinic.followup.domain.FollowUpRules;
import clinic.followup.domain.FollowUpTask;
import clinic.followup.domain.FollowUpWindow;
import clinic.followup.domain.FollowUpWindowCommand;
import clinic.followup.domain.FollowUpWindowCommand.InterruptWindow;
import clinic.followup.domain.FollowUpWindowCommand.OpenWindow;
import clinic.followup.domain.FollowUpWindowCommand.RecordCallbackEnded;
import clinic.followup.domain.FollowUpWindowDecider;
import clinic.followup.domain.FollowUpWindowEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The follow-up windows of complaints (one stream per complaint, see {@link FollowUpWindowDecider}): opened with a
 * cycle's 1-3-7 series, interrupted by a reopening or a withdrawal, and told of each callback that is over in the very
 * transaction that ends it, so that no callback's end is lost and the window ends exactly once.
 *
 * <p>That transaction writes two streams, the task's and the window's. Both are read before its first write
 * ({@link #read}), and the window is appended at the version read ({@link #afterTaskChange}); a window changed
 * meanwhile is a {@link WindowMoved} and the whole change is decided again. So the relay, which publishes in the order
 * transactions obtained their ids, still publishes the window's events in their order.
 */
@ApplicationScoped
public class FollowUpWindows {

    /** A complaint's window as read before the transaction's first write. */
    public record Read(String streamId, FollowUpWindow window, long version) {
    }

    /** The window changed between its read and the append: the task's change is decided again. */
    public static class WindowMoved extends ConcurrencyConflict {
        public WindowMoved(String streamId, long expectedVersion, long actualVersion) {
            super(streamId, expectedVersion, actualVersion);
        }
    }

    private final EventSourcedRepository<FollowUpWindowCommand, FollowUpWindowEvent, FollowUpWindow> windows;

    public FollowUpWindows(EventStore store, EventTypeRegistry<FollowUpWindowEvent> types) {
        this.windows = new EventSourcedRepository<>(store, types,
                new Decider<>(FollowUpWindowDecider::decide, FollowUpWindowDecider::evolve, FollowUpWindow.NONE));
    }

    /**
     * Resolved or refund settled: the window of {@code cycle} over its series (once per cycle; a later cycle's
     * replaces an earlier one still open). One a settlement opened waits for the resolution, which re-opens it as its
     * own (see {@link FollowUpWindowDecider}).
     */
    public void open(UUID complaintId, String branchId, int cycle, List<UUID> callbacks, FollowUpWindow.OpenedBy by,
                     Instant at, EventMetadata m) {
        apply(complaintId, new OpenWindow(complaintId, branchId, cycle, callbacks, by, at), m);
    }

    /** Callbacks of the series that were not scheduled (the customer asked not to be contacted): over, not made. */
    public void notMade(UUID complaintId, List<UUID> tasks, Instant at, EventMetadata m) {
        for (UUID task : tasks) {
            apply(complaintId, new RecordCallbackEnded(task, CallbackResult.NOT_MADE, at), m);
        }
    }

    /** Reopened or withdrawn: the window still open never ends. */
    public void interrupt(UUID complaintId, String reason, Instant at, EventMetadata m) {
        apply(complaintId, new InterruptWindow(reason, at), m);
    }

    /** The complaint's window as it is now (operations, tests). */
    public FollowUpWindow get(UUID complaintId) {
        return windows.load(FollowUpRules.windowId(complaintId).toString()).state();
    }

    private void apply(UUID complaintId, FollowUpWindowCommand command, EventMetadata m) {
        String stream = FollowUpRules.windowId(complaintId).toString();
        FollowUpService.retryingConflicts(() -> QuarkusTransaction.requiringNew().call(() ->
                windows.handleNewOrExisting(stream, command, m, command.at())));
    }

    /** Before a task's change, ahead of the transaction's first write: the window of the task's complaint, or null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Read read(FollowUpTask task) {
        if (task.complaintId() == null) {
            return null; // a product follow-up
        }
        String stream = FollowUpRules.windowId(task.complaintId()).toString();
        var loaded = windows.load(stream);
        return new Read(stream, loaded.state(), loaded.version());
    }

    /**
     * After a task's change, in its transaction: a callback of the series that is now over is recorded in the window
     * (which may end it); any call that found the customer dissatisfied interrupts it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterTaskChange(Read read, FollowUpTask task, EventMetadata m, Instant at) {
        if (read == null) {
            return;
        }
        CallbackResult result = FollowUpWindowDecider.resultOf(task);
        FollowUpWindowCommand command;
        if (task.kind() == FollowUpKind.RESOLUTION_CALLBACK && result != null) {
            command = new RecordCallbackEnded(task.id(), result, at);
        } else if (result == CallbackResult.DISSATISFIED) {
            command = new InterruptWindow("a " + task.kind() + " call found the customer dissatisfied", at);
        } else {
            return;
        }
        if (FollowUpWindowDecider.decide(command, read.window()).isEmpty()) {
            return; // no window, over already, or not this cycle's callback
        }
        try {
            windows.handle(read.streamId(), read.version(), command, w -> m, at);
        } catch (StaleVersion e) {
            throw new WindowMoved(read.streamId(), read.version(), e.currentVersion());
        } catch (ConcurrencyConflict e) {
            throw new WindowMoved(read.streamId(), read.version(), e.actualVersion());
        }
    }

    /** Whether {@code failure} is a {@link WindowMoved}, possibly wrapped. */
    static boolean moved(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WindowMoved) {
                return true;
            }
        }
        return false;
    }
}
