package clinic.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A branch's business hours: its time zone, working days and hours, public holidays, and the make-up working days
 * that move a weekend day into the week (调休). SLA clocks count working time inside these hours, refund due dates
 * count working days, and follow-up calls are placed only inside them.
 * <p>
 * The public holidays are the official calendar's ({@link OfficialCalendar}: the State Council's schedule of each
 * year, or its statutory days while the schedule is not published) plus the days an operator configures
 * ({@link #holidays()}, {@link #makeUpWorkingDays()}); an operator's day wins over the official calendar, and an
 * operator's make-up day over an operator's holiday. A calendar {@linkplain #frozenBy(CalendarSnapshot) frozen} by a
 * case's snapshot keeps the snapshot's days inside its range whatever the data says later.
 */
public final class BusinessCalendar {

    private final ZoneId zone;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Set<DayOfWeek> workingDays;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkingDays;
    private final OfficialCalendar official;
    /** With a snapshot: its days inside its range, {@code outside}'s days elsewhere. */
    private final CalendarSnapshot frozen;
    private final BusinessCalendar outside;
    /** The official days of the year asked about last (immutable, with its year: a racy read is safe). */
    private OfficialCalendar.Days lastYearDays;

    /** A calendar with the operator's holidays and make-up days only (no official calendar). */
    public BusinessCalendar(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> workingDays,
                            Set<LocalDate> holidays, Set<LocalDate> makeUpWorkingDays) {
        this(zone, opens, closes, workingDays, holidays, makeUpWorkingDays, OfficialCalendar.NONE);
    }

    /** A calendar with {@code official}'s public holidays and make-up days, and the operator's on top of them. */
    public BusinessCalendar(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> workingDays,
                            Set<LocalDate> holidays, Set<LocalDate> makeUpWorkingDays, OfficialCalendar official) {
        this(zone, opens, closes, workingDays, holidays, makeUpWorkingDays, official, null, null);
    }

    private BusinessCalendar(ZoneId zone, LocalTime opens, LocalTime closes, Collection<DayOfWeek> workingDays,
                             Collection<LocalDate> holidays, Collection<LocalDate> makeUpWorkingDays,
                             OfficialCalendar official, CalendarSnapshot frozen, BusinessCalendar outside) {
        this.zone = Objects.requireNonNull(zone, "zone");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("a working day opens before it closes: " + opens + "-" + closes);
        }
        this.opens = opens;
        this.closes = closes;
        this.workingDays = workingDays.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(DayOfWeek.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(workingDays));
        this.holidays = Set.copyOf(holidays);
        this.makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
        this.official = Objects.requireNonNull(official, "official");
        this.frozen = frozen;
        this.outside = outside;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalTime opens() {
        return opens;
    }

    public LocalTime closes() {
        return closes;
    }

    public Set<DayOfWeek> workingDays() {
        return workingDays;
    }

    /** The holidays an operator configured (or a snapshot's, when frozen); the official ones are not among them. */
    public Set<LocalDate> holidays() {
        return holidays;
    }

    /** The make-up working days an operator configured (or a snapshot's, when frozen). */
    public Set<LocalDate> makeUpWorkingDays() {
        return makeUpWorkingDays;
    }

    /** The official holiday calendar whose days count (for a frozen calendar, outside the snapshot's range). */
    public OfficialCalendar official() {
        return official;
    }

    /** This calendar with another official holiday calendar (NONE: the operator's days only). */
    public BusinessCalendar withOfficial(OfficialCalendar official) {
        if (frozen != null) {
            return new BusinessCalendar(zone, opens, closes, workingDays, holidays, makeUpWorkingDays,
                    official, frozen, outside.withOfficial(official));
        }
        return new BusinessCalendar(zone, opens, closes, workingDays, holidays, makeUpWorkingDays, official);
    }

    /** The length of one working day: what "1 working day" of an SLA means. */
    public Duration workingDay() {
        return Duration.between(opens, closes);
    }

    public boolean isWorkingDay(LocalDate date) {
        if (frozen != null && !frozen.covers(date)) {
            return outside.isWorkingDay(date);
        }
        if (makeUpWorkingDays.contains(date)) {
            return true;
        }
        if (holidays.contains(date)) {
            return false;
        }
        if (frozen == null && official != OfficialCalendar.NONE) {
            OfficialCalendar.Days days = officialDays(date.getYear());
            if (days.makeUp().contains(date)) {
                return true;
            }
            if (days.off().contains(date)) {
                return false;
            }
        }
        return workingDays.contains(date.getDayOfWeek());
    }

    private OfficialCalendar.Days officialDays(int year) {
        OfficialCalendar.Days days = lastYearDays;
        if (days == null || days.year() != year) {
            days = official.days(year);
            lastYearDays = days;
        }
        return days;
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

    /**
     * This calendar's days from {@code from} to {@code to} (both included), frozen with its zone, hours and working
     * weekdays, to be kept with a case: {@link #frozenBy(CalendarSnapshot)} gives them back whatever the holiday data
     * says by then. The holidays listed are the days off of the range that are working weekdays, or that the
     * official calendar or the operator declared off (a holiday on a weekend too); the make-up days are the
     * working days of the range that are not working weekdays.
     */
    public CalendarSnapshot snapshot(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(CalendarSnapshot.MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("a snapshot covers 1 to " + CalendarSnapshot.MAX_DAYS + " days: "
                    + from + ".." + to);
        }
        List<LocalDate> off = new ArrayList<>();
        List<LocalDate> work = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            boolean weekday = workingDays.contains(d.getDayOfWeek());
            if (isWorkingDay(d)) {
                if (!weekday) {
                    work.add(d);
                }
            } else if (weekday || declaredDayOff(d)) {
                off.add(d);
            }
        }
        return new CalendarSnapshot(zone.getId(), opens, closes, new ArrayList<>(new TreeSet<>(workingDays)), from, to,
                off, work, sourceOf(from, to));
    }

    /**
     * The calendar a case frozen by {@code snapshot} counts in: the snapshot's zone and hours, the snapshot's days
     * inside its range, and this calendar's days outside it (a case that runs past the range counts on with today's
     * data).
     */
    public BusinessCalendar frozenBy(CalendarSnapshot snapshot) {
        return new BusinessCalendar(ZoneId.of(snapshot.zone()), snapshot.opens(), snapshot.closes(),
                snapshot.workingDays(), snapshot.holidays(), snapshot.makeUpDays(), official, snapshot, this);
    }

    /** {@code current.frozenBy(snapshot)}: a case's calendar from its snapshot and the branch's calendar of today. */
    public static BusinessCalendar frozen(CalendarSnapshot snapshot, BusinessCalendar current) {
        return current.frozenBy(snapshot);
    }

    private boolean declaredDayOff(LocalDate d) {
        if (frozen != null) {
            return frozen.covers(d) ? holidays.contains(d) : outside.declaredDayOff(d);
        }
        return holidays.contains(d) || (!official.isNone() && officialDays(d.getYear()).off().contains(d));
    }

    /** What the days from {@code from} to {@code to} come from: notices, statutory-only years, the operator's days. */
    private String sourceOf(LocalDate from, LocalDate to) {
        Set<String> parts = new LinkedHashSet<>();
        if (frozen != null) {
            LocalDate start = from.isAfter(frozen.from()) ? from : frozen.from();
            LocalDate end = to.isBefore(frozen.to()) ? to : frozen.to();
            if (!end.isBefore(start)) {
                parts.add("frozen " + frozen.from() + ".." + frozen.to() + " [" + frozen.source() + "]");
            }
            if (from.isBefore(frozen.from()) || to.isAfter(frozen.to())) {
                parts.add("outside it: " + outside.sourceOf(from, to));
            }
            return String.join("; ", parts);
        }
        if (official.isNone()) {
            parts.add("official holidays: NONE");
        } else {
            for (int year = from.getYear(); year <= to.getYear(); year++) {
                YearSchedule s = official.schedule(year);
                parts.add(official.name() + " " + year + (s.published() ? " published: " : ": ") + s.source());
            }
        }
        List<LocalDate> ownOff = holidays.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).sorted().toList();
        List<LocalDate> ownWork = makeUpWorkingDays.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).sorted()
                .toList();
        if (!ownOff.isEmpty()) {
            parts.add("operator holidays " + ownOff);
        }
        if (!ownWork.isEmpty()) {
            parts.add("operator make-up days " + ownWork);
        }
        return String.join("; ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessCalendar c && zone.equals(c.zone) && opens.equals(c.opens) && closes.equals(c.closes)
                && workingDays.equals(c.workingDays) && holidays.equals(c.holidays)
                && makeUpWorkingDays.equals(c.makeUpWorkingDays) && official == c.official
                && Objects.equals(frozen, c.frozen) && Objects.equals(outside, c.outside);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, opens, closes, workingDays, holidays, makeUpWorkingDays, official, frozen, outside);
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + zone + " " + opens + "-" + closes + " " + workingDays + ", official " + official
                + ", holidays " + new TreeSet<>(holidays) + ", make-up days " + new TreeSet<>(makeUpWorkingDays)
                + (frozen == null ? "" : ", frozen " + frozen.from() + ".." + frozen.to()) + "]";
    }
}
