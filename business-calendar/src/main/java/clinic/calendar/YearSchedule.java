package clinic.calendar;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The official public holidays of one year: the State Council's published schedule, or, while it has not been
 * published (or the product does not carry it yet), only the days the law itself fixes; or nothing at all.
 */
public final class YearSchedule {

    /** Where the year's days come from. */
    public enum Kind {
        /** The State Council's notice for the year: its days off and its make-up working days. */
        PUBLISHED,
        /**
         * No notice: only the statutory days of 《全国年节及纪念日放假办法》 (as revised in November 2024), without the
         * bridge days, the substitutes for a holiday on a weekend and the make-up working days a notice adds.
         */
        STATUTORY,
        /** No official holidays (official calendar NONE, or a year before the product's calendar begins). */
        NONE
    }

    private final int year;
    private final Kind kind;
    private final String source;
    private final List<Holiday> holidays;
    private final Set<LocalDate> daysOff;
    private final Set<LocalDate> makeUpDays;

    public YearSchedule(int year, Kind kind, String source, List<Holiday> holidays) {
        this.year = year;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.source = Objects.requireNonNull(source, "source");
        this.holidays = List.copyOf(holidays);
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> work = new HashSet<>();
        for (Holiday h : this.holidays) {
            off.addAll(h.daysOff());
            work.addAll(h.makeUpDays());
        }
        this.daysOff = Set.copyOf(off);
        this.makeUpDays = Set.copyOf(work);
    }

    static YearSchedule none(int year, String source) {
        return new YearSchedule(year, Kind.NONE, source, List.of());
    }

    public int year() {
        return year;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the year's days are the State Council's published schedule. */
    public boolean published() {
        return kind == Kind.PUBLISHED;
    }

    /**
     * What the days come from, for people: the notice's title, number, date and address; or the statutory rule used
     * in its place.
     */
    public String source() {
        return source;
    }

    public List<Holiday> holidays() {
        return holidays;
    }

    /** Every day off the schedule gives (a notice may name a day of the year before or after). */
    public Set<LocalDate> daysOff() {
        return daysOff;
    }

    /** Every make-up working day (调休上班) of the schedule. */
    public Set<LocalDate> makeUpDays() {
        return makeUpDays;
    }

    @Override
    public String toString() {
        return year + " " + kind + ": " + source;
    }
}
