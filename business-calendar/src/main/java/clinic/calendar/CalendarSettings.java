package clinic.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One level of calendar settings, as a service's configuration gives them: the chain's, or one branch's overriding
 * any part of the chain's. Every service reads it from {@code clinic.calendar.*} and
 * {@code clinic.calendar.branches."SH001".*} (event-store's {@code BranchCalendars}). The official public holidays
 * ({@link #official()}, CN unless set) count unless turned off with NONE; the holidays and make-up days configured
 * here come on top of them (docs/calendar.md).
 */
public interface CalendarSettings {

    Optional<ZoneId> zone();

    Optional<LocalTime> opens();

    Optional<LocalTime> closes();

    Optional<List<DayOfWeek>> workingDays();

    Optional<List<LocalDate>> holidays();

    Optional<List<LocalDate>> makeUpDays();

    /**
     * The official public-holiday calendar whose days count before the holidays and make-up days above are added:
     * {@code CN} (the State Council's schedule of each year; the default) or {@code NONE}.
     */
    Optional<String> official();

    /** The official calendar when neither the branch nor the chain names one. */
    String DEFAULT_OFFICIAL = "CN";

    /**
     * The calendar of a branch: each part from the branch's settings when it has them, else the chain's, else the
     * defaults (Asia/Shanghai, 09:00-18:00, Monday to Friday, the official CN holidays and no others). The
     * holidays and make-up days configured are added to the official calendar's. {@code branch} may be null.
     */
    static BusinessCalendar resolve(CalendarSettings branch, CalendarSettings chain) {
        return resolve(branch, chain, name -> OfficialCalendar.named(name, null));
    }

    /** {@link #resolve(CalendarSettings, CalendarSettings)}, the official calendar's name looked up in {@code officials}. */
    static BusinessCalendar resolve(CalendarSettings branch, CalendarSettings chain,
                                    Function<String, OfficialCalendar> officials) {
        return new BusinessCalendar(
                pick(branch, chain, CalendarSettings::zone).orElse(ZoneId.of("Asia/Shanghai")),
                pick(branch, chain, CalendarSettings::opens).orElse(LocalTime.of(9, 0)),
                pick(branch, chain, CalendarSettings::closes).orElse(LocalTime.of(18, 0)),
                new HashSet<>(pick(branch, chain, CalendarSettings::workingDays)
                        .orElse(List.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)))),
                new HashSet<>(pick(branch, chain, CalendarSettings::holidays).orElse(List.of())),
                new HashSet<>(pick(branch, chain, CalendarSettings::makeUpDays).orElse(List.of())),
                officials.apply(pick(branch, chain, CalendarSettings::official).orElse(DEFAULT_OFFICIAL)));
    }

    private static <T> Optional<T> pick(CalendarSettings branch, CalendarSettings chain,
                                        Function<CalendarSettings, Optional<T>> part) {
        if (branch != null && part.apply(branch).isPresent()) {
            return part.apply(branch);
        }
        return chain == null ? Optional.empty() : part.apply(chain);
    }
}
