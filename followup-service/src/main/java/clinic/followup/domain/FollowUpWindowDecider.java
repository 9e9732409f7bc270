package clinic.followup.domain;

import clinic.followup.domain.FollowUpWindow.OpenedBy;
import clinic.followup.domain.FollowUpWindow.Status;
import clinic.followup.domain.FollowUpWindowCommand.InterruptWindow;
import clinic.followup.domain.FollowUpWindowCommand.OpenWindow;
import clinic.followup.domain.FollowUpWindowCommand.RecordCallbackEnded;
import clinic.followup.domain.FollowUpWindowEvent.CallbackEnded;
import clinic.followup.domain.FollowUpWindowEvent.WindowEnded;
import clinic.followup.domain.FollowUpWindowEvent.WindowInterrupted;
import clinic.followup.domain.FollowUpWindowEvent.WindowOpened;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * When a complaint's follow-up window ends, as two pure functions. A resolution cycle opens a window over its 1-3-7
 * series; each callback that is over (reached, unreachable, cancelled, never scheduled) is recorded once; when the last
 * one is, the window ends, once, with what the calls found:
 * <ul>
 *   <li>{@link WindowOutcome#NEEDS_HELP} when a call reached a customer who needed help;</li>
 *   <li>otherwise {@link WindowOutcome#SATISFIED} when at least one reached them satisfied;</li>
 *   <li>otherwise {@link WindowOutcome#NOT_REACHED}.</li>
 * </ul>
 * A call that finds the customer dissatisfied, a reopening or a withdrawal interrupts the window: it never ends. The
 * state is the window's own events, so a redelivered event, a repeated command or a restart decides nothing new.
 *
 * <p>The window that ends belongs to the cycle's resolution, never to a refund settled before it. The settlement and
 * the resolution of a cycle start the same series (task ids from complaint, cycle and day), so whichever comes first
 * opens the window over it. One opened by a settlement records what the calls come to but does not end while the case
 * is not resolved (complaint-service would ignore it, and no later window of that cycle could close the case); the
 * resolution re-opens it ({@link WindowOpened} again, {@link OpenedBy#RESOLUTION}, what the calls came to kept) and
 * it ends with its last callback, or at once when every callback is over by then. A settlement after the resolution,
 * or the resolution told again, changes nothing.
 */
public final class FollowUpWindowDecider {

    private FollowUpWindowDecider() {
    }

    public static List<FollowUpWindowEvent> decide(FollowUpWindowCommand command, FollowUpWindow state) {
        return switch (command) {
            case OpenWindow c -> open(state, c);
            case RecordCallbackEnded c -> callbackEnded(state, c);
            case InterruptWindow c -> state.open()
                    ? List.of(new WindowInterrupted(state.complaintId(), state.cycle(), c.reason(), c.at()))
                    : List.of(); // no window, or over already
        };
    }

    private static List<FollowUpWindowEvent> open(FollowUpWindow state, OpenWindow c) {
        if (state.status() != Status.NONE && c.cycle() == state.cycle()) {
            return c.openedBy() == OpenedBy.RESOLUTION && state.open() && !state.resolved()
                    ? resolution(state, c)
                    : List.of(); // resolved already (a settlement after it, a redelivery), or the cycle is over
        }
        if (state.status() != Status.NONE && c.cycle() < state.cycle()) {
            return List.of(); // an older cycle's, told late
        }
        if (c.callbacks().isEmpty()) {
            return List.of(); // a policy without callbacks: nothing to wait for, nothing to confirm
        }
        List<FollowUpWindowEvent> events = new ArrayList<>();
        if (state.open()) {
            events.add(new WindowInterrupted(state.complaintId(), state.cycle(), "cycle " + c.cycle() + " of the case began",
                    c.at()));
        }
        events.add(new WindowOpened(c.complaintId(), c.branchId(), c.cycle(), List.copyOf(c.callbacks()), c.at(),
                c.openedBy()));
        return events;
    }

    /**
     * The resolution of the cycle whose window a refund settled opened: the window is re-opened as the resolution's,
     * over the series it already has (the one scheduled), and ends now if every callback is over.
     */
    private static List<FollowUpWindowEvent> resolution(FollowUpWindow state, OpenWindow c) {
        List<FollowUpWindowEvent> events = new ArrayList<>();
        events.add(new WindowOpened(state.complaintId(), state.branchId(), state.cycle(), state.callbacks(), c.at(),
                OpenedBy.RESOLUTION));
        if (state.allOver()) {
            events.add(ended(state, state.ended().values(), c.at()));
        }
        return events;
    }

    private static List<FollowUpWindowEvent> callbackEnded(FollowUpWindow state, RecordCallbackEnded c) {
        if (!state.open() || !state.callbacks().contains(c.taskId()) || state.ended().containsKey(c.taskId())) {
            return List.of(); // no window, not of this cycle's series, or told before
        }
        List<FollowUpWindowEvent> events = new ArrayList<>();
        events.add(new CallbackEnded(state.complaintId(), state.cycle(), c.taskId(), c.result(), c.at()));
        if (c.result() == CallbackResult.DISSATISFIED) {
            events.add(new WindowInterrupted(state.complaintId(), state.cycle(),
                    "a callback found the customer dissatisfied", c.at()));
        } else if (state.resolved() && state.ended().size() + 1 == state.callbacks().size()) {
            List<CallbackResult> results = new ArrayList<>(state.ended().values());
            results.add(c.result());
            events.add(ended(state, results, c.at()));
        } // the last one of a window a refund settled opened: it ends when the resolution re-opens it
        return events;
    }

    private static WindowEnded ended(FollowUpWindow state, Collection<CallbackResult> results, Instant at) {
        int satisfied = count(results, CallbackResult.SATISFIED);
        int needsHelp = count(results, CallbackResult.NEEDS_HELP);
        WindowOutcome outcome = needsHelp > 0 ? WindowOutcome.NEEDS_HELP
                : satisfied > 0 ? WindowOutcome.SATISFIED
                : WindowOutcome.NOT_REACHED;
        return new WindowEnded(state.complaintId(), state.cycle(), outcome, results.size(), satisfied, needsHelp,
                count(results, CallbackResult.UNREACHABLE), count(results, CallbackResult.NOT_MADE), at);
    }

    private static int count(Collection<CallbackResult> results, CallbackResult r) {
        return (int) results.stream().filter(r::equals).count();
    }

    public static FollowUpWindow evolve(FollowUpWindow s, FollowUpWindowEvent event) {
        return switch (event) {
            case WindowOpened e -> s.status() != Status.NONE && e.cycle() == s.cycle()
                    ? s.resolvedNow() // the resolution re-opens its cycle's window: same series, its ends kept
                    // a stored window without openedBy (from before it existed) is the resolution's, as it was then
                    : new FollowUpWindow(e.complaintId(), e.branchId(), e.cycle(), Status.OPEN, e.callbacks(), Map.of(),
                    null, e.openedBy() != OpenedBy.REFUND_SETTLED);
            case CallbackEnded e -> s.withEnded(e.taskId(), e.result());
            case WindowInterrupted e -> s.with(Status.INTERRUPTED, null);
            case WindowEnded e -> s.with(Status.ENDED, e.outcome());
        };
    }

    /**
     * What a task's state means for its window: what it came to once it is over, null while it is still open (or a
     * no answer that will be tried again).
     */
    public static CallbackResult resultOf(FollowUpTask task) {
        return switch (task.status()) {
            case DONE -> task.lastOutcome() == null ? null : switch (task.lastOutcome()) {
                case REACHED_SATISFIED -> CallbackResult.SATISFIED;
                case REACHED_DISSATISFIED -> CallbackResult.DISSATISFIED;
                case NEEDS_HELP -> CallbackResult.NEEDS_HELP;
                case NO_ANSWER, WRONG_NUMBER -> null; // never DONE
            };
            case UNREACHABLE -> CallbackResult.UNREACHABLE;
            case CANCELLED -> CallbackResult.NOT_MADE;
            case NONE, SCHEDULED, DUE, ASSIGNED -> null;
        };
    }
}
