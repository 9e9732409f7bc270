package clinic.complaint.domain.sla;

import clinic.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a clock may run: in working time of the branch's calendar, or in elapsed time (a safety complaint is
 * acknowledged within hours, night or not).
 */
public record SlaTarget(Duration duration, boolean workingTime) {

    public static SlaTarget workingDays(int days, BusinessCalendar calendar) {
        return new SlaTarget(calendar.workingDay().multipliedBy(days), true);
    }

    public static SlaTarget elapsed(Duration duration) {
        return new SlaTarget(duration, false);
    }

    /** The time of this target's kind (working or elapsed) between two instants; zero when {@code to} is not later. */
    public Duration between(Instant from, Instant to, BusinessCalendar calendar) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        return workingTime ? calendar.workingTimeBetween(from, to) : Duration.between(from, to);
    }

    /** {@code amount} of this target's kind of time after {@code from} (a negative amount counts as none). */
    public Instant plus(Instant from, Duration amount, BusinessCalendar calendar) {
        Duration nonNegative = amount.isNegative() ? Duration.ZERO : amount;
        return workingTime ? calendar.plusWorkingTime(from, nonNegative) : from.plus(nonNegative);
    }

    /** Where the target falls for a clock started at {@code start} that never pauses. */
    public Instant dueFrom(Instant start, BusinessCalendar calendar) {
        return plus(start, duration, calendar);
    }
}
