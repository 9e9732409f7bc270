package clinic.followup.domain;

import clinic.followup.domain.FollowUpCommand.Assign;
import clinic.followup.domain.FollowUpCommand.Cancel;
import clinic.followup.domain.FollowUpCommand.MarkDue;
import clinic.followup.domain.FollowUpCommand.RecordCall;
import clinic.followup.domain.FollowUpCommand.ScheduleFollowUp;
import clinic.followup.domain.FollowUpEvent.CallRecorded;
import clinic.followup.domain.FollowUpEvent.FollowUpAssigned;
import clinic.followup.domain.FollowUpEvent.FollowUpCancelled;
import clinic.followup.domain.FollowUpEvent.FollowUpDue;
import clinic.followup.domain.FollowUpEvent.FollowUpRescheduled;
import clinic.followup.domain.FollowUpEvent.FollowUpScheduled;
import clinic.followup.domain.FollowUpEvent.FollowUpUnreachable;

import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;

import java.util.ArrayList;
import java.util.List;

import static clinic.followup.domain.FollowUpStatus.ASSIGNED;
import static clinic.followup.domain.FollowUpStatus.CANCELLED;
import static clinic.followup.domain.FollowUpStatus.DONE;
import static clinic.followup.domain.FollowUpStatus.DUE;
import static clinic.followup.domain.FollowUpStatus.SCHEDULED;
import static clinic.followup.domain.FollowUpStatus.UNREACHABLE;

/**
 * The rules of a follow-up task, as two pure functions: scheduled → due (the scheduler, once) → assigned (one member
 * of staff) → a call: reached (done; dissatisfied reopens the complaint), no answer (again at the next working slot,
 * up to the policy's attempts, then unreachable), wrong number (unreachable). Open tasks can be cancelled.
 */
public final class FollowUpDecider {

    private FollowUpDecider() {
    }

    /**
     * The steps the task takes now through the API ({@link FollowUpStep}). An open task is cancelled, and a new one
     * scheduled, by what happens elsewhere, not through the API: neither is a step.
     */
    public static List<String> allowedSteps(FollowUpTask t) {
        return clinic.eventstore.domain.ApiStep.names(switch (t.status()) {
            case DUE, ASSIGNED -> List.of(FollowUpStep.ASSIGN, FollowUpStep.CALLS);
            case NONE, SCHEDULED, DONE, UNREACHABLE, CANCELLED -> List.of();
        });
    }

    public static List<FollowUpEvent> decide(FollowUpCommand command, FollowUpTask state) {
        return switch (command) {
            case ScheduleFollowUp c -> {
                if (state.status() != FollowUpStatus.NONE) {
                    yield List.of(); // the same task again (an event delivered twice, a rule run twice): nothing new
                }
                yield List.of(new FollowUpScheduled(c.taskId(), c.complaintId(), c.purchaseId(), c.branchId(),
                        c.customerRef(), c.kind(), c.day(), c.dueAt(), c.at()));
            }
            case MarkDue c -> state.status() == SCHEDULED && !c.at().isBefore(state.dueAt())
                    ? List.of(new FollowUpDue(state.id(), state.complaintId(), state.branchId(), state.kind(),
                    state.dueAt(), c.at()))
                    : List.of();
            case Assign c -> {
                require(state, FollowUpStep.ASSIGN);
                if (c.staff() == null || c.staff().isBlank()) {
                    throw new RuleBroken("staff", "name the member of staff");
                }
                yield List.of(new FollowUpAssigned(state.id(), c.staff(), c.at()));
            }
            case RecordCall c -> recordCall(state, c);
            case Cancel c -> state.status().isOpen()
                    ? List.of(new FollowUpCancelled(state.id(), c.reason(), c.at()))
                    : List.of(); // done, unreachable or cancelled already: nothing to cancel
        };
    }

    private static List<FollowUpEvent> recordCall(FollowUpTask state, RecordCall c) {
        require(state, FollowUpStep.CALLS);
        if (c.durationSeconds() < 0 || c.durationSeconds() > 4 * 3600) {
            throw new RuleBroken("durationSeconds", "a call lasts between 0 seconds and 4 hours");
        }
        int attempt = state.attempts() + 1;
        List<FollowUpEvent> events = new ArrayList<>();
        events.add(new CallRecorded(state.id(), state.complaintId(), attempt, c.outcome(), c.durationSeconds(),
                c.hasNotes(), c.by(), c.at()));
        switch (c.outcome()) {
            case REACHED_SATISFIED, NEEDS_HELP -> {
            }
            case REACHED_DISSATISFIED -> {
                if (state.complaintId() != null) {
                    events.add(new CustomerDissatisfied(state.complaintId(), "dissatisfied at the "
                            + describe(state) + " call", "call", c.at()));
                }
            }
            case NO_ANSWER -> events.add(attempt < c.maxAttempts()
                    ? new FollowUpRescheduled(state.id(), attempt, c.nextAttemptAt(), c.at())
                    : new FollowUpUnreachable(state.id(), state.complaintId(), attempt, c.outcome(), c.at()));
            case WRONG_NUMBER -> events.add(new FollowUpUnreachable(state.id(), state.complaintId(), attempt,
                    c.outcome(), c.at()));
        }
        return events;
    }

    private static String describe(FollowUpTask t) {
        return switch (t.kind()) {
            case INTAKE_CALLBACK -> "intake";
            case RESOLUTION_CALLBACK -> "day-" + t.day() + " resolution";
            case CORRECTIVE_CHECK_IN -> "corrective-visit check-in";
            case PRODUCT_FOLLOW_UP -> "day-" + t.day() + " product follow-up";
        };
    }

    private static void require(FollowUpTask state, FollowUpStep step) {
        if (!allowedSteps(state).contains(step.apiName())) {
            throw notAllowed(step.apiName(), state.status(), allowedSteps(state));
        }
    }

    /** A step the task's (or survey's) state does not allow, worded as the service has always worded it. */
    static StepNotAllowed notAllowed(String step, Enum<?> state, List<String> allowed) {
        return new StepNotAllowed(step, state, allowed,
                step + " is not allowed when the task is " + state + "; allowed: " + allowed);
    }

    public static FollowUpTask evolve(FollowUpTask s, FollowUpEvent event) {
        return switch (event) {
            case FollowUpScheduled e -> new FollowUpTask(e.taskId(), e.complaintId(), e.purchaseId(), e.branchId(),
                    e.customerRef(), e.kind(), e.day(), SCHEDULED, e.dueAt(), 0, null, null, e.scheduledAt());
            case FollowUpDue e -> s.with(DUE, s.dueAt(), s.attempts(), s.assignedTo(), s.lastOutcome());
            case FollowUpAssigned e -> s.with(ASSIGNED, s.dueAt(), s.attempts(), e.staff(), s.lastOutcome());
            case CallRecorded e -> s.with(switch (e.outcome()) {
                case REACHED_SATISFIED, REACHED_DISSATISFIED, NEEDS_HELP -> DONE;
                case NO_ANSWER, WRONG_NUMBER -> s.status(); // the next event says what follows
            }, s.dueAt(), e.attempt(), s.assignedTo(), e.outcome());
            case FollowUpRescheduled e -> s.with(SCHEDULED, e.dueAt(), s.attempts(), null, s.lastOutcome());
            case FollowUpUnreachable e -> s.with(UNREACHABLE, s.dueAt(), s.attempts(), s.assignedTo(), s.lastOutcome());
            case FollowUpCancelled e -> s.with(CANCELLED, s.dueAt(), s.attempts(), s.assignedTo(), s.lastOutcome());
            case CustomerDissatisfied e -> s;
        };
    }
}
