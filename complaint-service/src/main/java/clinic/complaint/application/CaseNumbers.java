package clinic.complaint.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Case numbers people can read out on the phone: branch, year, and a number counted per branch and year
 * ({@code SH001-2026-000042}). Unique, never reused, but not gapless.
 *
 * <p>They are taken before the filing's transaction, from blocks this instance reserves on the branch's counter row in
 * a short transaction of their own, so no filing holds that row while it is being written: filings of one branch no
 * longer queue behind each other's commits. A quiet branch reserves one number at a time (no gaps); a branch whose
 * block ran out within a second reserves twice as many next time, up to {@value #MAX_BLOCK}, and half as many when it
 * lasted longer. Numbers are therefore skipped when a filing fails after taking one, or when an instance stops with
 * part of a block unused; and two instances hand out numbers of different blocks at the same time, so a later filing
 * may carry a lower number. The README says so.
 */
@ApplicationScoped
public class CaseNumbers {

    /** The most numbers reserved at once for one branch and year (so at most this many skipped by a restart). */
    static final int MAX_BLOCK = 64;
    /** A block used up faster than this: the branch is busy, reserve more next time. */
    private static final long BUSY_NANOS = 1_000_000_000L;

    private final EntityManager em;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    public CaseNumbers(EntityManager em) {
        this.em = em;
    }

    /** The next case number of the branch for the year; call it outside the filing's transaction. */
    public String next(String branchId, int year) {
        long n = blocks.computeIfAbsent(branchId + "/" + year, k -> new Block()).take(size -> reserve(branchId, year, size));
        return "%s-%d-%06d".formatted(branchId, year, n);
    }

    /** Moves the counter on by {@code size} in a transaction of its own; the last number of the block reserved. */
    private long reserve(String branchId, int year, int size) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        insert into case_number_sequences (branch_id, year, last_number) values (?1, ?2, ?3)
                        on conflict (branch_id, year) do update set last_number = case_number_sequences.last_number + ?3
                        returning last_number""")
                .setParameter(1, branchId)
                .setParameter(2, year)
                .setParameter(3, size)
                .getSingleResult()).longValue());
    }

    /** The numbers of one branch and year this instance holds: {@code next} up to {@code last}. */
    private static final class Block {
        private long next = 1;
        private long last = 0;
        private int size = 1;
        private long reservedAt;

        synchronized long take(java.util.function.IntToLongFunction reserve) {
            if (next > last) {
                long now = System.nanoTime();
                if (reservedAt != 0) {
                    size = now - reservedAt < BUSY_NANOS ? Math.min(MAX_BLOCK, size * 2) : Math.max(1, size / 2);
                }
                last = reserve.applyAsLong(size);
                next = last - size + 1;
                reservedAt = now;
            }
            return next++;
        }
    }
}
