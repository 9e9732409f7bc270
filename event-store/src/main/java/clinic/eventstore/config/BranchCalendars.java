package clinic.eventstore.config;

import clinic.calendar.BusinessCalendar;
import clinic.calendar.CalendarSettings;
import io.smallrye.config.ConfigMapping;

import java.util.Map;

/**
 * {@code clinic.calendar.*}: the chain's business calendar (time zone, opening hours, working days, public holidays,
 * make-up working days), and {@code clinic.calendar.branches."<id>".*} overriding any part of it for one branch. One
 * configuration for every service: the SLA clocks, refund due dates and follow-up calls count in the same hours and
 * holidays, so a holiday is entered once (for example in a file all three services read, or in one environment).
 */
@ConfigMapping(prefix = "clinic.calendar")
public interface BranchCalendars extends CalendarSettings {

    Map<String, CalendarSettings> branches();

    /** The calendar of {@code branchId} (null: the chain's): the branch's own settings over the chain's. */
    default BusinessCalendar of(String branchId) {
        return CalendarSettings.resolve(branchId == null ? null : branches().get(branchId), this);
    }
}
