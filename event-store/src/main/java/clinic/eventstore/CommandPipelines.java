package clinic.eventstore;

import clinic.eventstore.projection.ProjectionRunner;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.function.Function;

/** Makes the {@link CommandPipeline} of each kind of stream a service keeps, over its one store and clock. */
@ApplicationScoped
public class CommandPipelines {

    private final EventStore store;
    private final Clock clock;
    private final ProjectionRunner projections;
    private final MeterRegistry meters;

    public CommandPipelines(EventStore store, Clock clock, ProjectionRunner projections, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        this.projections = projections;
        this.meters = meters;
    }

    /**
     * The pipeline of one kind of stream.
     *
     * @param kind     what the streams are called (a complaint, a refund case)
     * @param notFound the aggregate's not-found, given a stream id (answered 404)
     */
    public <C, E, S> CommandPipeline<C, E, S> define(String kind, EventTypeRegistry<E> types, Decider<C, E, S> decider,
                                                     Function<String, RuntimeException> notFound) {
        return new CommandPipeline<>(kind, store, types, decider, notFound, clock, projections, meters);
    }
}
