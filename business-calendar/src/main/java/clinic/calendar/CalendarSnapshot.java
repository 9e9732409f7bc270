package clinic.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A branch calendar frozen for the days from {@code from} to {@code to} (both included), to be kept with a case (in a
 * JSON event: plain types only) so that its due dates do not move when the holiday data changes later (the next
 * year's notice arrives, an operator corrects a day). Inside the range a day is a working day when it is one of
 * {@code makeUpDays}, else when it is not one of {@code holidays} and its weekday is one of {@code workingDays};
 * {@code holidays} and {@code makeUpDays} hold the days of the range only. {@code source} says what made them: the
 * notices, the statutory-only years, the operator's overrides.
 *
 * @see BusinessCalendar#snapshot(LocalDate, LocalDate)
 * @see BusinessCalendar#frozenBy(CalendarSnapshot)
 */
public record CalendarSnapshot(String zone, LocalTime opens, LocalTime closes, List<DayOfWeek> workingDays,
                               LocalDate from, LocalDate to, List<LocalDate> holidays, List<LocalDate> makeUpDays,
                               String source) {

    /** The longest range a snapshot covers (ten years): a case needs months, not decades. */
    public static final int MAX_DAYS = 3660;

    public CalendarSnapshot {
        ZoneId.of(Objects.requireNonNull(zone, "zone"));
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("a working day opens before it closes: " + opens + "-" + closes);
        }
        if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("a snapshot covers 1 to " + MAX_DAYS + " days: " + from + ".." + to);
        }
        workingDays = List.copyOf(workingDays);
        holidays = List.copyOf(holidays);
        makeUpDays = List.copyOf(makeUpDays);
        source = source == null ? "" : source;
        for (LocalDate d : holidays) {
            requireInside(d, from, to);
        }
        for (LocalDate d : makeUpDays) {
            requireInside(d, from, to);
        }
    }

    /** Whether {@code date} is inside the frozen range. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    private static void requireInside(LocalDate d, LocalDate from, LocalDate to) {
        if (d.isBefore(from) || d.isAfter(to)) {
            throw new IllegalArgumentException("a snapshot of " + from + ".." + to + " names " + d);
        }
    }
}
