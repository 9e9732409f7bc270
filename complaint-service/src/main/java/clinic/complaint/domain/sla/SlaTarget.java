package clinic.complaint.domain.sla;

import clinic.calendar.BusinessCalendar;
import java.time.Duration;

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
}
