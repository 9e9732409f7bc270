package clinic.eventstore;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs work that can fail for a moment and succeed on a second try: a concurrent change to the same stream (another
 * step committed first), a serialization failure or deadlock, a lock or connection that was not to be had. Each try
 * must be its own transaction; it is repeated a bounded number of times with exponential backoff and jitter, and
 * anything else, or the last failure, is thrown.
 */
public final class TransientFailures {

    /**
     * SQLSTATEs worth another try: serialization failure, deadlock, lock not available, connection, shutdown, and a
     * unique violation (two transactions inserting the same new row: a read model's row written by a step and by a
     * rebuild batch at once; tried again, the one that lost finds the row).
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03", "23505",
            "53300", "08000", "08001", "08003", "08004", "08006", "08007");
    /** Exceptions of libraries event-store does not depend on, by name. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of(
            "jakarta.persistence.OptimisticLockException", "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException", "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.JDBCConnectionException", "org.hibernate.StaleObjectStateException");

    private TransientFailures() {
    }

    /** {@code work}, tried up to {@code attempts} times while it fails transiently; waits 20 ms, 40 ms, ... up to 1 s. */
    public static <T> T retry(int attempts, Supplier<T> work) {
        return retry(attempts, TransientFailures::isTransient, work);
    }

    /** {@link #retry(int, Supplier)} for the failures {@code worthAnotherTry} accepts. */
    public static <T> T retry(int attempts, java.util.function.Predicate<Throwable> worthAnotherTry, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !worthAnotherTry.test(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** {@link #retry(int, Supplier)} for work that returns nothing. */
    public static void retry(int attempts, Runnable work) {
        retry(attempts, () -> {
            work.run();
            return null;
        });
    }

    /** Whether {@code failure}, or one of its causes, may go away if the same work is tried again. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyConflict || t instanceof AppendOutOfOrder || t instanceof SQLTransientException
                    || TRANSIENT_CLASSES.contains(t.getClass().getName())) {
                return true;
            }
            if (t instanceof SQLException sql && (sql.getSQLState() != null && TRANSIENT_STATES.contains(sql.getSQLState())
                    || String.valueOf(sql.getMessage()).contains("Acquisition timeout"))) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        long base = Math.min(1000, 20L << Math.min(attempt - 1, 6));
        try {
            Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to try again", e);
        }
    }
}
