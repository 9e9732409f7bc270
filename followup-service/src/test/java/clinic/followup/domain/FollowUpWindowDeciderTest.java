package clinic.followup.domain;

import clinic.devstack.DeciderSpec;
import clinic.followup.domain.FollowUpCommand.MarkDue;
import clinic.followup.domain.FollowUpCommand.RecordCall;
import clinic.followup.domain.FollowUpCommand.ScheduleFollowUp;
import clinic.followup.domain.FollowUpWindowCommand.InterruptWindow;
import clinic.followup.domain.FollowUpWindowCommand.OpenWindow;
import clinic.followup.domain.FollowUpWindowCommand.RecordCallbackEnded;
import clinic.followup.domain.FollowUpWindowEvent.WindowEnded;
import clinic.followup.domain.FollowUpWindowEvent.WindowInterrupted;
import clinic.followup.domain.FollowUpWindowEvent.WindowOpened;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static clinic.followup.domain.CallbackResult.DISSATISFIED;
import static clinic.followup.domain.CallbackResult.NEEDS_HELP;
import static clinic.followup.domain.CallbackResult.NOT_MADE;
import static clinic.followup.domain.CallbackResult.SATISFIED;
import static clinic.followup.domain.CallbackResult.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

class FollowUpWindowDeciderTest {

    static final Instant RESOLVED = Instant.parse("2026-03-04T07:00:00Z");
    static final UUID COMPLAINT = UUID.randomUUID();

    /** The follow-up window decider, given / when / then. */
    static final DeciderSpec<FollowUpWindowCommand, FollowUpWindow, FollowUpWindowEvent> SPEC =
            DeciderSpec.of(FollowUpWindowDecider::decide, FollowUpWindowDecider::evolve, FollowUpWindow.NONE);

    /** The windows ended in {@code w}'s history. */
    static List<WindowEnded> windowsEnded(DeciderSpec<FollowUpWindowCommand, FollowUpWindow, FollowUpWindowEvent>.Given w) {
        return w.history().stream().filter(e -> e instanceof WindowEnded).map(e -> (WindowEnded) e).toList();
    }

    /** The 1-3-7 series of a cycle, as the rules schedule it. */
    static List<ScheduleFollowUp> series(int cycle) {
        return FollowUpRules.afterResolution(COMPLAINT, cycle, "SH001", "cust-1", RESOLVED, FollowUpRules.defaults(),
                FollowUpRulesTest.SH);
    }

    static List<UUID> ids(int cycle) {
        return FollowUpRules.taskIds(series(cycle));
    }

    static DeciderSpec<FollowUpWindowCommand, FollowUpWindow, FollowUpWindowEvent>.Given opened(int cycle) {
        return SPEC.givenCommands(open(cycle));
    }

    static OpenWindow open(int cycle) {
        return new OpenWindow(COMPLAINT, "SH001", cycle, ids(cycle), FollowUpWindow.OpenedBy.RESOLUTION, RESOLVED);
    }

    /** The refund of the case settled in {@code cycle}, at {@code at}: the same series as the resolution's. */
    static OpenWindow settled(int cycle, Instant at) {
        return new OpenWindow(COMPLAINT, "SH001", cycle, ids(cycle), FollowUpWindow.OpenedBy.REFUND_SETTLED, at);
    }

    static RecordCallbackEnded ended(UUID task, CallbackResult result, int day) {
        return new RecordCallbackEnded(task, result, RESOLVED.plus(java.time.Duration.ofDays(day)));
    }

    /** {@code w} and then the first callbacks of the cycle's series ended with these results, a day apart. */
    static DeciderSpec<FollowUpWindowCommand, FollowUpWindow, FollowUpWindowEvent>.Given endAll(
            DeciderSpec<FollowUpWindowCommand, FollowUpWindow, FollowUpWindowEvent>.Given w, int cycle,
            CallbackResult... results) {
        List<UUID> ids = ids(cycle);
        for (int i = 0; i < results.length; i++) {
            w = w.andCommands(ended(ids.get(i), results[i], i + 1));
        }
        return w;
    }

    @Test
    void three_callbacks_that_reach_a_satisfied_customer_end_the_window_once_as_satisfied() {
        var w = endAll(opened(0), 0, SATISFIED, SATISFIED)
                .when(ended(ids(0).get(2), SATISFIED, 3))
                .thenState(s -> {
                    assertThat(s.status()).isEqualTo(FollowUpWindow.Status.ENDED);
                    assertThat(s.outcome()).isEqualTo(WindowOutcome.SATISFIED);
                })
                .next();
        assertThat(windowsEnded(w)).singleElement().satisfies(e -> {
            assertThat(e.complaintId()).isEqualTo(COMPLAINT);
            assertThat(e.cycle()).isZero();
            assertThat(e.outcome()).isEqualTo(WindowOutcome.SATISFIED);
            assertThat(List.of(e.callbacks(), e.satisfied(), e.needsHelp(), e.unreachable(), e.notMade()))
                    .containsExactly(3, 3, 0, 0, 0);
            assertThat(e.endedAt()).isEqualTo(RESOLVED.plus(java.time.Duration.ofDays(3)));
        });
    }

    @Test
    void the_window_waits_for_every_callback_of_the_series() {
        var w = endAll(opened(0), 0, SATISFIED, SATISFIED);
        assertThat(windowsEnded(w)).isEmpty();
        assertThat(w.state().open()).isTrue();
    }

    @Test
    void a_dissatisfied_customer_interrupts_the_window_and_it_never_ends() {
        var interrupted = endAll(opened(0), 0, SATISFIED)
                .when(ended(ids(0).get(1), DISSATISFIED, 2))
                .thenEvents(events -> assertThat(events.getLast()).isInstanceOf(WindowInterrupted.class))
                .next();
        // the reopening cancels the last call: nothing more
        var w = interrupted.andCommands(ended(ids(0).get(2), NOT_MADE, 3),
                new InterruptWindow("the complaint was reopened", RESOLVED));
        assertThat(windowsEnded(w)).isEmpty();
        assertThat(w.history()).filteredOn(e -> e instanceof WindowInterrupted).hasSize(1);
        assertThat(w.state().status()).isEqualTo(FollowUpWindow.Status.INTERRUPTED);
    }

    @Test
    void a_customer_reached_by_no_callback_ends_the_window_as_not_reached() {
        var w = endAll(opened(0), 0, UNREACHABLE, UNREACHABLE, UNREACHABLE);
        assertThat(windowsEnded(w)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(WindowOutcome.NOT_REACHED);
            assertThat(e.unreachable()).isEqualTo(3);
        });
        var dnc = endAll(opened(0), 0, UNREACHABLE, NOT_MADE, NOT_MADE);
        assertThat(windowsEnded(dnc)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(WindowOutcome.NOT_REACHED);
            assertThat(List.of(e.unreachable(), e.notMade())).containsExactly(1, 2);
        });
    }

    @Test
    void one_satisfied_call_is_enough_and_a_customer_who_needed_help_is_left_to_the_branch() {
        assertThat(windowsEnded(endAll(opened(0), 0, UNREACHABLE, SATISFIED, NOT_MADE))).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(WindowOutcome.SATISFIED));
        assertThat(windowsEnded(endAll(opened(0), 0, SATISFIED, NEEDS_HELP, SATISFIED))).singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(WindowOutcome.NEEDS_HELP);
                    assertThat(List.of(e.satisfied(), e.needsHelp())).containsExactly(2, 1);
                });
    }

    @Test
    void redelivered_events_and_repeated_commands_still_end_the_window_once() {
        UUID day1 = ids(0).get(0);
        var w = opened(0).andCommands(open(0), ended(day1, SATISFIED, 1), ended(day1, SATISFIED, 1), open(0));
        w = endAll(w, 0, SATISFIED, SATISFIED, SATISFIED);
        w = endAll(w, 0, SATISFIED, SATISFIED, SATISFIED); // every callback told again
        w = w.andCommands(open(0), new InterruptWindow("the complaint was withdrawn", RESOLVED)); // over: nothing
        assertThat(windowsEnded(w)).hasSize(1);
        assertThat(w.history()).extracting(e -> e.getClass().getSimpleName()).containsExactly("WindowOpened",
                "CallbackEnded", "CallbackEnded", "CallbackEnded", "WindowEnded");
        // the refund settled after the resolution opens no second window for the cycle
        w.when(open(0)).thenNothing();
        w.when(settled(0, RESOLVED.plusSeconds(3600))).thenNothing();
    }

    @Test
    void a_refund_settled_before_the_resolution_opens_the_window_but_only_the_resolution_ends_it() {
        Instant settledAt = RESOLVED.minus(java.time.Duration.ofDays(10));
        var w = SPEC.givenCommands(settled(0, settledAt));
        assertThat(w.state().open()).isTrue();
        assertThat(w.state().resolved()).isFalse();
        // the settlement's callbacks are the cycle's series: all made (and told again) before the case is resolved
        w = endAll(w, 0, SATISFIED, UNREACHABLE, SATISFIED);
        w = endAll(w, 0, SATISFIED, UNREACHABLE, SATISFIED);
        assertThat(windowsEnded(w)).as("complaint-service would ignore an end before the resolution").isEmpty();
        assertThat(w.state().open()).isTrue();
        assertThat(w.state().allOver()).isTrue();
        // a settlement told again changes nothing
        w.when(settled(0, settledAt)).thenNothing();

        Instant resolvedAt = RESOLVED.plus(java.time.Duration.ofDays(1));
        w = w.andCommands(new OpenWindow(COMPLAINT, "SH001", 0, ids(0), FollowUpWindow.OpenedBy.RESOLUTION, resolvedAt));
        assertThat(windowsEnded(w)).singleElement().satisfies(e -> {
            assertThat(e.cycle()).isZero();
            assertThat(e.outcome()).isEqualTo(WindowOutcome.SATISFIED);
            assertThat(List.of(e.callbacks(), e.satisfied(), e.needsHelp(), e.unreachable(), e.notMade()))
                    .containsExactly(3, 2, 0, 1, 0);
            assertThat(e.endedAt()).as("after the resolution").isEqualTo(resolvedAt);
        });
        assertThat(w.history()).extracting(e -> e.getClass().getSimpleName()).containsExactly("WindowOpened",
                "CallbackEnded", "CallbackEnded", "CallbackEnded", "WindowOpened", "WindowEnded");
        assertThat(w.history()).filteredOn(e -> e instanceof WindowOpened).extracting(e -> ((WindowOpened) e).openedBy())
                .containsExactly(FollowUpWindow.OpenedBy.REFUND_SETTLED, FollowUpWindow.OpenedBy.RESOLUTION);
        assertThat(w.state().status()).isEqualTo(FollowUpWindow.Status.ENDED);
        assertThat(w.state().resolved()).isTrue();
        // the resolution or the settlement told again, a callback told again: nothing more
        w = w.andCommands(open(0), settled(0, settledAt), ended(ids(0).get(0), SATISFIED, 1));
        assertThat(windowsEnded(w)).hasSize(1);
        assertThat(w.history()).hasSize(6);
    }

    @Test
    void resolved_while_the_settlements_callbacks_are_still_open_the_window_ends_with_the_last_one() {
        var w = SPEC.givenCommands(settled(0, RESOLVED.minus(java.time.Duration.ofDays(2))),
                ended(ids(0).get(0), SATISFIED, 1), open(0));
        assertThat(windowsEnded(w)).isEmpty();
        assertThat(w.state().resolved()).isTrue();
        assertThat(w.state().ended()).containsOnlyKeys(ids(0).get(0)); // what the calls came to before still counts
        w = w.andCommands(ended(ids(0).get(1), NOT_MADE, 3), ended(ids(0).get(2), NOT_MADE, 7));
        assertThat(windowsEnded(w)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(WindowOutcome.SATISFIED);
            assertThat(List.of(e.callbacks(), e.satisfied(), e.notMade())).containsExactly(3, 1, 2);
        });
    }

    @Test
    void a_settlements_window_interrupted_before_the_resolution_is_not_re_opened_by_it() {
        var w = SPEC.givenCommands(settled(0, RESOLVED.minus(java.time.Duration.ofDays(2))))
                .when(ended(ids(0).get(0), DISSATISFIED, 1))
                .thenState(s -> assertThat(s.status()).isEqualTo(FollowUpWindow.Status.INTERRUPTED))
                .next();
        w = endAll(w.andCommands(open(0)), 0, DISSATISFIED, SATISFIED, SATISFIED);
        assertThat(windowsEnded(w)).isEmpty();
        assertThat(w.history()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("WindowOpened", "CallbackEnded", "WindowInterrupted");
        // the next cycle's settlement and resolution: a new window, ended by the resolution's re-opening
        w = w.andCommands(settled(1, RESOLVED), new InterruptWindow("the complaint was withdrawn", RESOLVED));
        w.when(open(1)).thenNothing(); // withdrawn: the cycle is over
    }

    @Test
    void a_window_stored_before_opened_by_existed_is_the_resolutions_and_ends_with_its_last_callback() {
        var stored = SPEC.given(new WindowOpened(COMPLAINT, "SH001", 0, ids(0), RESOLVED, null));
        assertThat(stored.state().open()).isTrue();
        assertThat(stored.state().resolved()).isTrue();
        var w = endAll(stored, 0, SATISFIED, SATISFIED, UNREACHABLE);
        assertThat(windowsEnded(w)).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(WindowOutcome.SATISFIED));
        w.when(open(0)).thenNothing();
    }

    @Test
    void a_reopening_interrupts_the_cycle_and_the_next_resolution_opens_a_new_window() {
        var w = endAll(opened(0), 0, SATISFIED).andCommands(new InterruptWindow("the complaint was reopened", RESOLVED));
        // the reopening cancels the open calls of cycle 0: they end nothing
        w = endAll(w, 0, SATISFIED, NOT_MADE, NOT_MADE);
        assertThat(windowsEnded(w)).isEmpty();

        w = w.when(open(1))
                .thenState(s -> {
                    assertThat(s.cycle()).isEqualTo(1);
                    assertThat(s.open()).isTrue();
                })
                .next();
        // an old cycle's callback does not count in the new window
        w.when(ended(ids(0).get(2), SATISFIED, 7)).thenNothing();
        w = endAll(w, 1, SATISFIED, SATISFIED, UNREACHABLE);
        assertThat(windowsEnded(w)).singleElement().satisfies(e -> {
            assertThat(e.cycle()).isEqualTo(1);
            assertThat(e.outcome()).isEqualTo(WindowOutcome.SATISFIED);
        });
        // an older cycle's resolution, told late, opens nothing
        w.when(open(0)).thenNothing();
    }

    @Test
    void a_new_cycle_while_a_window_is_open_interrupts_it_first() {
        var w = opened(0).andCommands(open(1));
        assertThat(w.history()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("WindowOpened", "WindowInterrupted", "WindowOpened");
    }

    @Test
    void what_a_task_came_to_is_what_its_window_records() {
        UUID task = ids(0).get(0);
        var due = FollowUpDeciderTest.SPEC.givenCommands(new ScheduleFollowUp(task, COMPLAINT, null, "SH001", "cust-1",
                FollowUpKind.RESOLUTION_CALLBACK, 1, RESOLVED, RESOLVED), new MarkDue(RESOLVED));
        assertThat(FollowUpWindowDecider.resultOf(due.state())).isNull();
        var tryAgain = due.when(new RecordCall(CallOutcome.NO_ANSWER, 20, false, "s", RESOLVED.plusSeconds(86_400), 2, RESOLVED))
                .thenState(s -> assertThat(FollowUpWindowDecider.resultOf(s)).as("tried again later").isNull())
                .next();
        tryAgain.andCommands(new MarkDue(RESOLVED.plusSeconds(86_400)))
                .when(new RecordCall(CallOutcome.NO_ANSWER, 20, false, "s", RESOLVED, 2, RESOLVED.plusSeconds(86_400)))
                .thenState(s -> assertThat(FollowUpWindowDecider.resultOf(s)).isEqualTo(UNREACHABLE));

        for (var c : List.of(CallOutcome.REACHED_SATISFIED, CallOutcome.REACHED_DISSATISFIED, CallOutcome.NEEDS_HELP)) {
            FollowUpDeciderTest.due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK).when(FollowUpDeciderTest.call(c))
                    .thenState(s -> assertThat(FollowUpWindowDecider.resultOf(s)).isEqualTo(switch (c) {
                        case REACHED_SATISFIED -> SATISFIED;
                        case REACHED_DISSATISFIED -> DISSATISFIED;
                        default -> NEEDS_HELP;
                    }));
        }
        FollowUpDeciderTest.due(COMPLAINT, FollowUpKind.RESOLUTION_CALLBACK)
                .when(new FollowUpCommand.Cancel("the customer asked not to be contacted", RESOLVED))
                .thenState(s -> assertThat(FollowUpWindowDecider.resultOf(s)).isEqualTo(NOT_MADE));
    }
}
