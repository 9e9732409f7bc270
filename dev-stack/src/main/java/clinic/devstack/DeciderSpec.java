package clinic.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.assertj.core.api.Assertions;

/**
 * Every decider test in one shape: <em>given</em> what happened, <em>when</em> a command comes, <em>then</em> these
 * events are decided, or nothing is, or the command is refused.
 *
 * <pre>{@code
 * static final DeciderSpec<RefundCommand, RefundCase, RefundEvent> REFUND =
 *         DeciderSpec.of(RefundDecider::decide, RefundDecider::evolve, RefundCase.NONE);
 *
 * REFUND.given(requested, reviewed).when(new MakeOffer(...)).then(offered);
 * REFUND.given(requested).when(new RecordPayment(...)).thenRefused(StepNotAllowed.class);
 * REFUND.givenCommands(request, review).when(offer).thenState(s -> assertThat(s.status()).isEqualTo(OFFERED));
 * }</pre>
 *
 * It is built from plain functions, not from event-store's types, so that this module (every service's test support)
 * stays free of the services' own framework. A failure names the history, the command and what was decided or thrown
 * instead, so a red test reads like the scenario it checks.
 *
 * @param <C> the decider's commands
 * @param <S> its state, folded from events
 * @param <E> its events
 */
public final class DeciderSpec<C, S, E> {

    private final BiFunction<? super C, ? super S, ? extends List<? extends E>> decide;
    private final BiFunction<S, ? super E, S> evolve;
    private final S initialState;

    private DeciderSpec(BiFunction<? super C, ? super S, ? extends List<? extends E>> decide,
                        BiFunction<S, ? super E, S> evolve, S initialState) {
        this.decide = decide;
        this.evolve = evolve;
        this.initialState = initialState;
    }

    /** The spec of the decider {@code decide} / {@code evolve}, whose streams start from {@code initialState}. */
    public static <C, S, E> DeciderSpec<C, S, E> of(BiFunction<? super C, ? super S, ? extends List<? extends E>> decide,
                                                    BiFunction<S, ? super E, S> evolve, S initialState) {
        return new DeciderSpec<>(decide, evolve, initialState);
    }

    /** Given these events happened, in this order (none: a stream that does not exist yet). */
    @SafeVarargs
    public final Given given(E... history) {
        return given(Arrays.asList(history));
    }

    /** Given these events happened, in this order. */
    public Given given(List<? extends E> history) {
        return new Given(List.copyOf(history));
    }

    /**
     * Given what these commands decided, one after the other, from nothing: for a history that is long and beside the
     * point of the test. A command refused on the way fails the test, naming it.
     */
    @SafeVarargs
    public final Given givenCommands(C... commands) {
        return given().andCommands(commands);
    }

    /** A history, and the state it folds to. */
    public final class Given {
        private final List<E> history;
        private final S state;

        private Given(List<E> history) {
            this.history = history;
            S s = initialState;
            for (E e : history) {
                s = evolve.apply(s, e);
            }
            this.state = s;
        }

        /** The state the history folds to. */
        public S state() {
            return state;
        }

        /** The events given, in order. */
        public List<E> history() {
            return history;
        }

        /** This history and then these events. */
        @SafeVarargs
        public final Given and(E... more) {
            return and(Arrays.asList(more));
        }

        /** This history and then these events. */
        public Given and(List<? extends E> more) {
            List<E> all = new ArrayList<>(history);
            all.addAll(more);
            return new Given(List.copyOf(all));
        }

        /** This history and then what these commands decide, one after the other. */
        @SafeVarargs
        public final Given andCommands(C... commands) {
            Given given = this;
            for (C command : commands) {
                given = given.when(command).next();
            }
            return given;
        }

        /** When this command comes: what the decider decides, or the exception it refuses the command with. */
        public When when(C command) {
            try {
                return new When(this, command, List.copyOf(decide.apply(command, state)), null);
            } catch (RuntimeException refused) {
                return new When(this, command, null, refused);
            }
        }

        @Override
        public String toString() {
            return history.isEmpty() ? "no events" : history.toString();
        }
    }

    /** A command decided on a history: the {@code then} checks. Each returns this, so several can follow. */
    public final class When {
        private final Given given;
        private final C command;
        private final List<E> decided;
        private final RuntimeException refusal;

        private When(Given given, C command, List<E> decided, RuntimeException refusal) {
            this.given = given;
            this.command = command;
            this.decided = decided;
            this.refusal = refusal;
        }

        /** Then exactly these events are decided, in this order. */
        @SafeVarargs
        public final When then(E... expected) {
            assertThat(decided()).as(scenario()).containsExactly(expected);
            return this;
        }

        /** Then the command changes nothing: no event is decided (a repeat, or a report that does not apply). */
        public When thenNothing() {
            assertThat(decided()).as(scenario() + " decides nothing").isEmpty();
            return this;
        }

        /** Then the events decided meet these requirements: for what an exact list does not say well. */
        public When thenEvents(Consumer<? super List<E>> requirements) {
            requirements.accept(decided());
            return this;
        }

        /** Then the state after the history and the events decided meets these requirements. */
        public When thenState(Consumer<? super S> requirements) {
            requirements.accept(next().state());
            return this;
        }

        /** Then the command is refused with an exception of this type. */
        public When thenRefused(Class<? extends Throwable> type) {
            return thenRefused(type, refused -> {
            });
        }

        /** Then the command is refused with an exception of this type whose message contains {@code messagePart}. */
        public When thenRefused(Class<? extends Throwable> type, String messagePart) {
            return thenRefused(type, refused -> assertThat(refused.getMessage()).as(scenario() + ": the refusal's message")
                    .contains(messagePart));
        }

        /** Then the command is refused with an exception of this type that meets these requirements. */
        public <X extends Throwable> When thenRefused(Class<X> type, Consumer<? super X> requirements) {
            if (refusal == null) {
                Assertions.fail("%s: expected it refused with %s, but it decided %s", scenario(), type.getSimpleName(),
                        decided);
            }
            assertThat(refusal).as(scenario()).isInstanceOf(type);
            requirements.accept(type.cast(refusal));
            return this;
        }

        /** The events decided (failing the test if the command was refused). */
        public List<E> events() {
            return decided();
        }

        /** The state after the history and the events decided (failing the test if the command was refused). */
        public S state() {
            return next().state();
        }

        /** The history and the events decided: the {@code given} of a next command. */
        public Given next() {
            return given.and(decided());
        }

        private List<E> decided() {
            if (refusal != null) {
                throw new AssertionError(scenario() + ": expected it decided, but it was refused with " + refusal,
                        refusal);
            }
            return decided;
        }

        private String scenario() {
            return "given " + given + ", when " + command;
        }
    }
}
