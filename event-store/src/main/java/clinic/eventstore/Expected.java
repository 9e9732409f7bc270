package clinic.eventstore;

/**
 * What a command expects of its stream before it runs. The pipeline checks it after loading the stream and before
 * appending; the store checks the version again, under the stream's lock, when it appends.
 */
public sealed interface Expected {

    /** The stream must not exist yet (a new case); an existing one is a {@link ConcurrencyConflict}. */
    record NoStream() implements Expected {
    }

    /** New or existing: commands that are idempotent by design (schedule this task, cancel that one). */
    record Any() implements Expected {
    }

    /** The stream must exist; one that does not is the aggregate's not-found. */
    record Exists() implements Expected {
    }

    /**
     * The stream must exist and be at {@code version}, the one the caller last saw ({@code If-Match}); another is a
     * {@link StaleVersion}, and a writer that gets there first is reported, not decided over again.
     */
    record At(long version) implements Expected {
    }

    static Expected noStream() {
        return new NoStream();
    }

    static Expected any() {
        return new Any();
    }

    static Expected exists() {
        return new Exists();
    }

    /** {@link At} the version the caller saw, or {@link Exists} when it named none. */
    static Expected at(Long ifMatch) {
        return ifMatch == null ? new Exists() : new At(ifMatch);
    }
}
