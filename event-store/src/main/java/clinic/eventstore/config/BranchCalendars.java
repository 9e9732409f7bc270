package clinic.eventstore.config;

import clinic.calendar.BusinessCalendar;
import clinic.calendar.CalendarSettings;
import clinic.calendar.OfficialCalendar;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code clinic.calendar.*}: the chain's business calendar (time zone, opening hours, working days, the official
 * public holidays, and the holidays and make-up working days added to them), and
 * {@code clinic.calendar.branches."<id>".*} overriding any part of it for one branch. One configuration for every
 * service: the SLA clocks, refund due dates and follow-up calls count in the same hours and holidays, so a holiday is
 * entered once (for example in a file all three services read, or in one environment). docs/calendar.md.
 */
@ConfigMapping(prefix = "clinic.calendar")
public interface BranchCalendars extends CalendarSettings {

    Map<String, CalendarSettings> branches();

    /**
     * {@code clinic.calendar.official-dir}: a directory of State Council schedules the product does not ship yet
     * ({@code 2027.properties}, ...), read at start-up; a file there replaces the shipped one of its year.
     */
    Optional<String> officialDir();

    /**
     * {@code clinic.calendar.warn-days-ahead}: next year's missing schedule is warned about (and the calendar health
     * check is DOWN) once the year begins in fewer days than this.
     */
    @WithDefault("60")
    int warnDaysAhead();

    /** The calendar of {@code branchId} (null: the chain's): the branch's own settings over the chain's. */
    default BusinessCalendar of(String branchId) {
        Path dir = officialDir().filter(d -> !d.isBlank()).map(Path::of).orElse(null);
        return CalendarSettings.resolve(branchId == null ? null : branches().get(branchId), this,
                name -> OfficialCalendar.named(name, dir));
    }
}
