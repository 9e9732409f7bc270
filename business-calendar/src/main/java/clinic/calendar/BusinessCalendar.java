package clinic.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * A branch's business hours: its time zone, working days and hours, public holidays, and the make-up working days
 * that move a weekend day into the week (调休). SLA clocks count working time inside these hours, refund due dates
 * count working days, and follow-up calls are placed only inside them.
 */
public record BusinessCalendar(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> workingDays,
                               Set<LocalDate> holidays, Set<LocalDate> makeUpWorkingDays) {

    public BusinessCalendar {
        Objects.requireNonNull(zone, "zone");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("a working day opens before it closes: " + opens + "-" + closes);
        }
        workingDays = Set.copyOf(workingDays);
        holidays = Set.copyOf(holidays);
        makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
    }

    /** The length of one working day: what "1 working day" of an SLA means. */
    public Duration workingDay() {
        return Duration.between(opens, closes);
    }

    public boolean isWorkingDay(LocalDate date) {
        if (makeUpWorkingDays.contains(date)) {
            return true;
        }
        return !holidays.contains(date) && workingDays.contains(date.getDayOfWeek());
    }

    /** The instant when {@code amount} of working time has passed after {@code start}. */
    public Instant plusWorkingTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative working time: " + amount);
        }
        ZonedDateTime cursor = start.atZone(zone);
        Duration left = amount;
        while (true) {
            LocalDate day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime open = day.atTime(opens).atZone(zone);
                ZonedDateTime close = day.atTime(closes).atZone(zone);
                if (cursor.isBefore(open)) {
                    cursor = open;
                }
                if (cursor.isBefore(close)) {
                    Duration today = Duration.between(cursor, close);
                    if (left.compareTo(today) <= 0) {
                        return cursor.plus(left).toInstant();
                    }
                    left = left.minus(today);
                }
            }
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
    }

    /** How much working time lies between {@code from} and {@code to} (zero when {@code to} is not after it). */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant open = day.atTime(opens).atZone(zone).toInstant();
            Instant close = day.atTime(closes).atZone(zone).toInstant();
            Instant start = from.isAfter(open) ? from : open;
            Instant end = to.isBefore(close) ? to : close;
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /** The working day {@code days} working days after {@code from} (a refund agreed today is due on that day). */
    public LocalDate plusWorkingDays(LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("negative working days: " + days);
        }
        LocalDate day = from;
        for (int left = days; left > 0; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    /** Whether {@code at} falls inside the business hours of a working day. */
    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return isWorkingDay(local.toLocalDate()) && !time.isBefore(opens) && time.isBefore(closes);
    }

    /** {@code at} itself when it is inside business hours, else the next opening: never at night, never on a holiday. */
    public Instant nextOpen(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (!isWorkingDay(day) || !local.toLocalTime().isBefore(opens)) {
            day = nextWorkingDay(day);
        }
        return day.atTime(opens).atZone(zone).toInstant();
    }

    /** The opening of the first working day after the day {@code at} falls on (a call that went unanswered). */
    public Instant nextWorkingDayOpening(Instant at) {
        return nextWorkingDay(at.atZone(zone).toLocalDate()).atTime(opens).atZone(zone).toInstant();
    }

    private LocalDate nextWorkingDay(LocalDate after) {
        LocalDate day = after.plusDays(1);
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }
}
