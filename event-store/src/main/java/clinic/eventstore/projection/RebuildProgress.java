package clinic.eventstore.projection;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a read model's rebuild is: streams and events done of the total counted when it started, its rate in this
 * run and the time left at that rate. {@code finishedAt} is null while it runs (or after it stopped half way: the
 * next rebuild goes on from where it stopped).
 */
public record RebuildProgress(String readModel, long streamsDone, long streamsTotal, long eventsDone, long eventsTotal,
                             double eventsPerSecond, Duration timeLeft, Instant startedAt, Instant finishedAt) {

    public boolean finished() {
        return finishedAt != null;
    }

    /** One line for a log or a terminal: {@code complaint-list: 12,000/40,000 events (30%), 5,210/s, about 5s left}. */
    public String describe() {
        // streams may grow while they are rebuilt: the total was counted when the rebuild began
        long percent = eventsTotal == 0 ? 100 : Math.min(100, eventsDone * 100 / eventsTotal);
        return String.format("%s: %,d/%,d events (%d%%), %,d/%,d streams, %,.0f/s, %s", readModel, eventsDone,
                eventsTotal, percent, streamsDone, streamsTotal, eventsPerSecond,
                finished() ? "done" : "about " + timeLeft.toSeconds() + "s left");
    }
}
