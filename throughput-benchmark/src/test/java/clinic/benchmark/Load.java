package clinic.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Load on POST /complaints: closed loop (clients that wait for each answer) and open loop (a fixed arrival rate). */
final class Load {

    /**
     * What a phase did: every POST's outcome (its {@code nanos} the latency that counts: from the send in a closed
     * loop, from the scheduled time in an open loop), when it began and when the last answer came, and how many
     * scheduled sends never went out (an open loop whose in-flight capacity ran out).
     */
    record Result(List<ComplaintFiler.Filed> outcomes, long startedNanos, long lastAnswerNanos, int notSent) {

        long filed() {
            return outcomes.stream().filter(ComplaintFiler.Filed::ok).count();
        }

        long failed() {
            return outcomes.size() - filed();
        }

        double seconds() {
            return (lastAnswerNanos - startedNanos) / 1e9;
        }

        double perSecond() {
            return filed() / seconds();
        }

        List<UUID> complaints() {
            return outcomes.stream().filter(ComplaintFiler.Filed::ok).map(ComplaintFiler.Filed::complaintId).toList();
        }

        List<UUID> refundComplaints() {
            return outcomes.stream().filter(f -> f.ok() && f.refund()).map(ComplaintFiler.Filed::complaintId).toList();
        }

        /** The latency percentile {@code p} (0..100) of the answered POSTs, in milliseconds. */
        double latencyMs(double p) {
            return Stats.percentile(outcomes.stream().filter(f -> f.status() > 0)
                    .mapToLong(ComplaintFiler.Filed::nanos).toArray(), p) / 1e6;
        }
    }

    private Load() {
    }

    /** {@code clients} threads, each with its own kept-alive connection, filing one complaint after another for {@code duration}. */
    static Result closedLoop(ComplaintFiler filer, int clients, Duration duration) throws InterruptedException {
        Queue<ComplaintFiler.Filed> outcomes = new ConcurrentLinkedQueue<>();
        AtomicLong lastAnswer = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                while (System.nanoTime() < deadline) {
                    outcomes.add(filer.fileNext());
                    lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(List.copyOf(outcomes), started, lastAnswer.get(), 0);
    }

    /**
     * Offers {@code perSecond} complaints a second for {@code duration}, each sent at its scheduled time whether or not
     * earlier ones were answered, up to {@code inFlight} at once. Latency runs from the scheduled time, not the send:
     * a server that stalls delays the sends behind it, and measuring from the send would hide that (coordinated
     * omission). A send that cannot go out before the phase ends (every slot still busy) is counted as not sent.
     */
    static Result openLoop(ComplaintFiler filer, double perSecond, Duration duration, int inFlight)
            throws InterruptedException {
        Queue<ComplaintFiler.Filed> outcomes = new ConcurrentLinkedQueue<>();
        AtomicLong lastAnswer = new AtomicLong();
        Semaphore slots = new Semaphore(inFlight);
        long interval = Math.round(1e9 / perSecond);
        long total = Math.round(perSecond * duration.toMillis() / 1000.0);
        long started = System.nanoTime() + 50_000_000; // the first send a moment from now, on schedule
        long end = started + duration.toNanos();
        int sent = 0;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long scheduled = started + i * interval;
                waitUntil(scheduled);
                if (!slots.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break; // every slot busy until the phase's end: the rest are not sent
                }
                sent++;
                senders.submit(() -> {
                    try {
                        ComplaintFiler.Filed f = filer.fileNext();
                        long answered = System.nanoTime();
                        outcomes.add(new ComplaintFiler.Filed(f.status(), f.complaintId(), f.refund(), answered - scheduled));
                        lastAnswer.accumulateAndGet(answered, Math::max);
                    } finally {
                        slots.release();
                    }
                });
            }
        } // closing waits for the sends in flight
        return new Result(List.copyOf(outcomes), started, lastAnswer.get(), (int) (total - sent));
    }

    private static void waitUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
