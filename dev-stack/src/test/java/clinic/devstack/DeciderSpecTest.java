package clinic.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture passes what holds and fails, saying what happened instead, what does not: on a small tally decider. */
class DeciderSpecTest {

    /** Add a positive amount, up to a limit of 10; adding 0 is nothing. */
    record Add(int amount) {
    }

    record Added(int amount) {
    }

    static List<Added> decide(Add command, Integer total) {
        if (command.amount() < 0) {
            throw new IllegalArgumentException("amount " + command.amount() + " is negative");
        }
        if (total + command.amount() > 10) {
            throw new IllegalStateException("over the limit");
        }
        return command.amount() == 0 ? List.of() : List.of(new Added(command.amount()));
    }

    static final DeciderSpec<Add, Integer, Added> TALLY =
            DeciderSpec.of(DeciderSpecTest::decide, (total, added) -> total + added.amount(), 0);

    @Test
    void givenEventsFoldIntoTheStateAndTheDecidedEventsAreChecked() {
        assertThat(TALLY.given(new Added(2), new Added(3)).state()).isEqualTo(5);
        TALLY.given(new Added(2)).when(new Add(3)).then(new Added(3)).thenState(total -> assertThat(total).isEqualTo(5));
        TALLY.given().when(new Add(0)).thenNothing();
        TALLY.given(new Added(9)).when(new Add(2)).thenRefused(IllegalStateException.class)
                .thenRefused(RuntimeException.class, "limit")
                .thenRefused(IllegalStateException.class, e -> assertThat(e.getMessage()).isEqualTo("over the limit"));
    }

    @Test
    void aHistoryCanBeMadeOfCommandsAndATakenStepGivesTheNext() {
        var given = TALLY.givenCommands(new Add(4), new Add(0), new Add(5));
        assertThat(given.history()).containsExactly(new Added(4), new Added(5));
        var next = TALLY.given(new Added(1)).when(new Add(2)).next();
        assertThat(next.history()).containsExactly(new Added(1), new Added(2));
        assertThat(next.and(new Added(3)).state()).isEqualTo(6);
        assertThat(TALLY.given().when(new Add(7)).events()).containsExactly(new Added(7));
        assertThatThrownBy(() -> TALLY.givenCommands(new Add(6), new Add(6)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("when Add[amount=6]")
                .hasMessageContaining("refused with java.lang.IllegalStateException: over the limit");
    }

    @Test
    void otherEventsThanExpectedFailNamingTheHistoryAndTheCommand() {
        assertThatThrownBy(() -> TALLY.given(new Added(1)).when(new Add(2)).then(new Added(3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("given [Added[amount=1]], when Add[amount=2]")
                .hasMessageContaining("Added[amount=2]");
        assertThatThrownBy(() -> TALLY.given().when(new Add(2)).thenNothing())
                .isInstanceOf(AssertionError.class).hasMessageContaining("given no events, when Add[amount=2] decides nothing");
        assertThatThrownBy(() -> TALLY.given().when(new Add(2)).thenState(total -> assertThat(total).isEqualTo(3)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aRefusalWhereEventsWereExpectedFailsWithTheRefusalAndTheOtherWayRound() {
        assertThatThrownBy(() -> TALLY.given().when(new Add(-1)).then(new Added(-1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected it decided, but it was refused with java.lang.IllegalArgumentException")
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TALLY.given().when(new Add(1)).thenRefused(IllegalStateException.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected it refused with IllegalStateException, but it decided [Added[amount=1]]");
        assertThatThrownBy(() -> TALLY.given().when(new Add(-1)).thenRefused(IllegalStateException.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("IllegalArgumentException");
        assertThatThrownBy(() -> TALLY.given().when(new Add(-1)).thenRefused(IllegalArgumentException.class, "positive"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the refusal's message")
                .hasMessageContaining("negative");
    }
}
