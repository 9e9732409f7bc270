package clinic.followup.application;

import clinic.eventstore.CommandPipeline;
import clinic.eventstore.CommandPipelines;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.Expected;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The follow-up windows of complaints (one stream per complaint, see {@link FollowUpWindowDecider}): opened with a
 * cycle's 1-3-7 series, interrupted by a reopening or a withdrawal, and told of each callback that is over in the very
 * transaction that ends it, so that no callback's end is lost and the window ends exactly once. That transaction
 * writes two streams, the task's and the window's; a window another transaction changed meanwhile makes the whole
 * change be decided again (the command pipeline's retry).
 */
@ApplicationScoped
public class FollowUpWindows {

    private final CommandPipeline<FollowUpWindowCommand, FollowUpWindowEvent, FollowUpWindow> windows;

    public FollowUpWindows(CommandPipelines pipelines, EventTypeRegistry<FollowUpWindowEvent> types) {
        this.windows = pipelines.define("follow-up window", types,
                new Decider<>(FollowUpWindowDecider::decide, FollowUpWindowDecider::evolve, FollowUpWindow.NONE),
                id -> new IllegalStateException("no follow-up window " + id));
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
        windows.on(FollowUpRules.windowId(complaintId)).expecting(Expected.any()).by(m).at(command.at()).decide(command);
    }

    /**
     * After a task's change, in its transaction: a callback of the series that is now over is recorded in the window
     * (which may end it); any call that found the customer dissatisfied interrupts it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterTaskChange(FollowUpTask task, EventMetadata m, Instant at) {
        if (task.complaintId() == null) {
            return; // a product follow-up
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
        // no window, over already, or not this cycle's callback: the decider decides nothing
        windows.on(FollowUpRules.windowId(task.complaintId())).expecting(Expected.any()).by(m).at(at).decide(command);
    }
}
