package clinic.eventstore;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A domain's two pure functions and its initial state: {@code decide(command, state) -> events} and
 * {@code evolve(state, event) -> state}. The domain writes them as static methods; the application wraps them here.
 */
public record Decider<C, E, S>(BiFunction<C, S, List<E>> decide, BiFunction<S, E, S> evolve, S initialState) {

    public S fold(List<E> events) {
        S state = initialState;
        for (E e : events) {
            state = evolve.apply(state, e);
        }
        return state;
    }
}
