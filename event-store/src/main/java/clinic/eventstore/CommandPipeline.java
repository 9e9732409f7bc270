package clinic.eventstore;

import clinic.eventstore.projection.ProjectionRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way a service changes one kind of stream: load it once, check what the command {@link Expected expects} of
 * it, decide, append at the version loaded, update the read models registered for it, and run what the caller stores
 * alongside, all in one transaction. Outside a transaction it opens its own and runs the command again when another
 * writer got there first (unless the caller named the version it saw: then that is reported), or a transient failure
 * (a deadlock, an {@link AppendOutOfOrder}) got in the way; inside one (a consumer's inbox transaction) it joins it and
 * leaves retrying to whoever owns it.
 *
 * <pre>{@code
 * var result = cases.on(id).expecting(Expected.at(ifMatch)).by(metadata).decide(state -> new Acknowledge(...));
 * }</pre>
 *
 * Built by {@link CommandPipelines#define}.
 */
public final class CommandPipeline<C, E, S> {

    /** A stream folded into its state, at a version (0: the stream does not exist). */
    public record Loaded<S>(S state, long version) {
        public boolean exists() {
            return version > 0;
        }
    }

    /** What a command did: the new state and version, and the events it appended (none: it changed nothing). */
    public record Result<S>(S state, long version, List<StoredEvent> events) {
        public boolean changed() {
            return !events.isEmpty();
        }
    }

    /** The histogram buckets of command latency (Prometheus computes percentiles from them). */
    private static final java.time.Duration[] LATENCY_BUCKETS = java.util.stream.LongStream
            .of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000).mapToObj(java.time.Duration::ofMillis)
            .toArray(java.time.Duration[]::new);

    /** How many times a command is tried when another writer or a transient failure gets in the way. */
    static final int ATTEMPTS = 3;

    private final String kind;
    private final EventStore store;
    private final EventTypeRegistry<E> types;
    private final Decider<C, E, S> decider;
    private final Function<String, RuntimeException> notFound;
    private final Clock clock;
    private final ProjectionRunner projections;
    private final Map<String, ReadModel<S>> readModels = new LinkedHashMap<>();
    private final MeterRegistry meters;

    CommandPipeline(String kind, EventStore store, EventTypeRegistry<E> types, Decider<C, E, S> decider,
                    Function<String, RuntimeException> notFound, Clock clock, ProjectionRunner projections,
                    MeterRegistry meters) {
        this.meters = meters;
        this.kind = kind;
        this.store = store;
        this.types = types;
        this.decider = decider;
        this.notFound = notFound;
        this.clock = clock;
        this.projections = projections;
    }

    /**
     * Registers a read model of these streams under {@code name}: written with every append that it
     * {@link ReadModel#handles handles}, rebuilt by the {@link ProjectionRunner} under that name.
     */
    public CommandPipeline<C, E, S> readModel(String name, ReadModel<S> model) {
        readModels.put(name, model);
        projections.register(name, this, model);
        return this;
    }

    /**
     * Registers a table written with every append but never rebuilt: a schedule of work (when to look at a case next),
     * which a rebuild racing a step could set back to an older state's and so delay.
     */
    public CommandPipeline<C, E, S> keepLive(String name, ReadModel<S> model) {
        readModels.put(name, model);
        return this;
    }

    /** What these streams are called in messages (a complaint, a refund case). */
    public String kind() {
        return kind;
    }

    /** The event types whose streams are these: a stream is of this kind when its first event is one of them. */
    public java.util.Set<String> streamTypes() {
        return types.types();
    }

    /** The command about to be run on stream {@code streamId}: say what it expects and who sends it, then decide. */
    public Command on(String streamId) {
        return new Command(streamId);
    }

    /** {@link #on(String)} for a stream named by its UUID. */
    public Command on(UUID streamId) {
        return on(streamId.toString());
    }

    public Loaded<S> load(String streamId) {
        return fold(store.load(streamId));
    }

    /** The stream's state, or the aggregate's not-found when it does not exist. */
    public Loaded<S> get(String streamId) {
        Loaded<S> loaded = load(streamId);
        if (!loaded.exists()) {
            throw notFound.apply(streamId);
        }
        return loaded;
    }

    /** The state just after the stream's {@code version}-th event. */
    public Loaded<S> loadUpToVersion(String streamId, long version) {
        return fold(store.loadUpToVersion(streamId, version));
    }

    /** The state as the system knew it at {@code instant}. */
    public Loaded<S> loadAsOf(String streamId, Instant instant) {
        return fold(store.loadAsOf(streamId, instant));
    }

    /** Folds a stream's events (oldest first) of this kind; another kind's stream folds to nothing (version 0). */
    public Loaded<S> fold(List<StoredEvent> events) {
        if (!events.isEmpty() && !types.knows(events.getFirst().type())) {
            // a stream of another kind kept in the same store (a refund case asked for as a purchase, a survey as a
            // task): not one of ours. A stream's first event is always one its own registry knows (a type is never
            // removed without an upcaster: EventTypeRegistryTest), so this hides nothing of ours.
            return new Loaded<>(decider.initialState(), 0);
        }
        S state = decider.fold(events.stream().map(types::fromStored).toList());
        return new Loaded<>(state, events.isEmpty() ? 0 : events.getLast().version());
    }

    /**
     * The metadata of events appended to an existing stream carry the stream's correlation, the one its first event
     * began with, whatever path the command came by (a request without {@code X-Correlation-Id}, a scheduler, the
     * customer's survey page, another request's id): a case keeps one correlation for its whole life, and the streams
     * other services open for it take it over from the event that caused them ({@link EventMetadata#causedBy}), so one
     * id finds the case's story in every service. A new stream begins with the caller's correlation.
     */
    static EventMetadata ofTheCase(EventMetadata metadata, List<StoredEvent> history) {
        if (history.isEmpty() || history.getFirst().correlationId().equals(metadata.correlationId())) {
            return metadata;
        }
        return new EventMetadata(metadata.branchId(), metadata.actor(), history.getFirst().correlationId(),
                metadata.causationId());
    }

    /** One command on one stream, as the caller describes it. */
    public final class Command {
        private final String streamId;
        private Expected expected = Expected.exists();
        private Function<S, EventMetadata> metadata;
        private Instant at;
        private Consumer<Result<S>> alongside = result -> {
        };
        private boolean onlyIfExists;
        private Consumer<S> guard = state -> {
        };
        private String step = "none";

        private Command(String streamId) {
            this.streamId = streamId;
        }

        /** What the command expects of the stream (default: that it {@link Expected.Exists exists}). */
        public Command expecting(Expected expected) {
            this.expected = expected;
            return this;
        }

        /** The metadata of the new events. */
        public Command by(EventMetadata metadata) {
            this.metadata = state -> metadata;
            return this;
        }

        /** The metadata of the new events, given the current state (which knows the branch, say). */
        public Command by(Function<S, EventMetadata> metadata) {
            this.metadata = metadata;
            return this;
        }

        /** When the events occur (default: now, by the service's clock). */
        public Command at(Instant at) {
            this.at = at;
            return this;
        }

        /**
         * Who may act on this stream, checked on it as stored, right after it is found and before anything else about
         * it is told (a stale If-Match's current version, the step's refusal): {@code guard} throws to refuse.
         */
        public Command guardedBy(Consumer<S> guard) {
            this.guard = guard;
            return this;
        }

        /** What else the transaction stores when the command appended events (a call's notes, a personal record). */
        public Command alongside(Consumer<Result<S>> store) {
            this.alongside = store;
            return this;
        }

        /** Decides {@code command} and appends what it decided. */
        public Result<S> decide(C command) {
            return decide(state -> command);
        }

        /**
         * Decides the command {@code command} makes of the current state (its currency, its branch's policy) and
         * appends what it decided. {@code command} may answer null: nothing to do for this state.
         */
        public Result<S> decide(Function<S, C> command) {
            java.util.Objects.requireNonNull(metadata, "the command's metadata (by)");
            long started = System.nanoTime();
            String outcome = "failed";
            try {
                // outside a transaction, the stream is read and the command decided before one is opened: the
                // transaction holds its connection only for the writes (the version check on the stream's row makes a
                // writer that came in between a conflict, and the command is decided again on the new state)
                Result<S> result = QuarkusTransaction.isActive() ? write(decideOn(command))
                        : TransientFailures.retry(ATTEMPTS, this::worthAnotherTry, () -> {
                            Decided decided = decideOn(command);
                            return decided.toAppend.isEmpty() ? write(decided)
                                    : QuarkusTransaction.requiringNew().call(() -> write(decided));
                        });
                outcome = result.changed() ? "appended" : "unchanged";
                return result;
            } catch (RuntimeException e) {
                outcome = outcomeOf(e);
                throw e;
            } finally {
                // one timer per kind of stream, step and outcome: a bounded set of series (no ids, no branches)
                Timer.builder("clinic.commands").description("Commands run by the command pipeline, by step and outcome")
                        .tag("kind", kind).tag("step", step).tag("outcome", outcome)
                        .serviceLevelObjectives(LATENCY_BUCKETS).register(meters)
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }

        private static String outcomeOf(RuntimeException e) {
            return switch (e) {
                case ConcurrencyConflict c -> "conflict";
                case StaleVersion s -> "conflict";
                case clinic.eventstore.domain.StepNotAllowed s -> "refused";
                case clinic.eventstore.domain.RuleBroken r -> "refused";
                case clinic.eventstore.api.NotFound n -> "not-found";
                // the caller's fault, answered 400 or 403: refused, not a failure of the service
                case clinic.eventstore.api.InvalidField f -> "refused";
                case clinic.eventstore.security.BranchForbidden b -> "refused";
                case jakarta.validation.ConstraintViolationException v -> "refused";
                default -> "failed";
            };
        }

        /**
         * Like {@link #decide(Function)} for a stream that may not exist: empty, and nothing done, when it does not
         * (whatever was {@link #expecting expected} before).
         */
        public Optional<Result<S>> decideIfExists(Function<S, C> command) {
            expected = Expected.any();
            onlyIfExists = true;
            Result<S> result = decide(command);
            return result.version() == 0 ? Optional.empty() : Optional.of(result);
        }

        private boolean worthAnotherTry(Throwable failure) {
            if (expected instanceof Expected.At || expected instanceof Expected.NoStream) {
                // the caller named the version it saw: another writer on this stream is theirs to hear of
                for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                    if (t instanceof ConcurrencyConflict c && streamId.equals(c.streamId())) {
                        return false;
                    }
                }
            }
            return TransientFailures.isTransient(failure);
        }

        /** What the command decided on the stream as loaded: the events to append (none: nothing to do). */
        private final class Decided {
            final Instant now;
            final List<StoredEvent> history;
            final Loaded<S> current;
            final List<NewEvent> toAppend;
            final S state;

            Decided(Instant now, List<StoredEvent> history, Loaded<S> current, List<NewEvent> toAppend, S state) {
                this.now = now;
                this.history = history;
                this.current = current;
                this.toAppend = toAppend;
                this.state = state;
            }
        }

        /** Loads the stream, checks what the command expects of it, decides, and serializes the events. */
        private Decided decideOn(Function<S, C> command) {
            Instant now = at != null ? at : clock.instant();
            List<StoredEvent> history = store.load(streamId);
            Loaded<S> current = fold(history);
            if (!history.isEmpty()) {
                clinic.eventstore.observe.Tracing.correlate(history.getFirst().correlationId());
            }
            if (onlyIfExists && !current.exists()) {
                return new Decided(now, history, current, List.of(), current.state());
            }
            switch (expected) {
                case Expected.Exists e when !current.exists() -> throw notFound.apply(streamId);
                case Expected.At a when !current.exists() -> throw notFound.apply(streamId);
                default -> {
                }
            }
            if (current.exists()) {
                guard.accept(current.state());
            }
            if (expected instanceof Expected.At a && a.version() != current.version()) {
                throw new StaleVersion(streamId, a.version(), current.version());
            }
            C c = command.apply(current.state());
            if (c != null) {
                step = c.getClass().getSimpleName();
            }
            // decided on the stream as stored: a domain rule (open already) answers before the expectation does
            List<E> decided = c == null ? List.of() : decider.decide().apply(c, current.state());
            if (expected instanceof Expected.NoStream && current.exists()) {
                throw new ConcurrencyConflict(streamId, EventStore.NEW_STREAM, current.version());
            }
            if (decided.isEmpty()) {
                return new Decided(now, history, current, List.of(), current.state());
            }
            List<NewEvent> toAppend = new ArrayList<>(decided.size());
            S state = current.state();
            for (E e : decided) {
                toAppend.add(types.toNewEvent(e, UUID.randomUUID(), now));
                state = decider.evolve().apply(state, e);
            }
            return new Decided(now, history, current, toAppend, state);
        }

        /** Appends what was decided at the version loaded, and writes the read models and what goes alongside. */
        private Result<S> write(Decided d) {
            if (d.toAppend.isEmpty()) {
                return new Result<>(d.state, d.current.version(), List.of());
            }
            Instant now = d.now;
            Loaded<S> current = d.current;
            S state = d.state;
            List<StoredEvent> stored = store.append(streamId, current.version(), d.toAppend,
                    ofTheCase(metadata.apply(current.state()), d.history));
            Result<S> result = new Result<>(state, current.version() + stored.size(), stored);
            for (ReadModel<S> model : readModels.values()) {
                if (stored.stream().anyMatch(s -> model.handles(s.type()))) {
                    model.update(result.state(), result.version(), now);
                }
            }
            alongside.accept(result);
            return result;
        }
    }
}
