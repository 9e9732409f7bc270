package clinic.complaint.domain.sla;

import clinic.calendar.BusinessCalendar;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A target as policy writes it: a whole number of working days of the branch's calendar ({@code 10}), or elapsed time
 * as an ISO-8601 duration ({@code PT2H}: a safety complaint is acknowledged within hours, night or not).
 */
public record SlaTargetTime(int workingDays, Duration elapsed) {

    public SlaTargetTime {
        if ((elapsed == null) == (workingDays <= 0)) {
            throw new IllegalArgumentException("an SLA target is either working days (more than 0) or elapsed time");
        }
        if (elapsed != null && (elapsed.isZero() || elapsed.isNegative())) {
            throw new IllegalArgumentException("an SLA target's elapsed time is more than 0: " + elapsed);
        }
    }

    public static SlaTargetTime workingDays(int days) {
        return new SlaTargetTime(days, null);
    }

    public static SlaTargetTime elapsed(Duration duration) {
        return new SlaTargetTime(0, duration);
    }

    /** Reads {@code 10} (working days) or {@code PT2H} (elapsed); also the configuration's converter. */
    public static SlaTargetTime parse(CharSequence text) {
        String value = text.toString().trim();
        try {
            if (value.matches("[0-9]{1,3}")) {
                return workingDays(Integer.parseInt(value));
            }
            return elapsed(Duration.parse(value));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("an SLA target is a number of working days (10) or an ISO-8601 duration "
                    + "of elapsed time (PT2H), not '" + value + "'", e);
        }
    }

    /** The target in the branch's calendar. */
    public SlaTarget in(BusinessCalendar calendar) {
        return elapsed != null ? SlaTarget.elapsed(elapsed) : SlaTarget.workingDays(workingDays, calendar);
    }

    @Override
    public String toString() {
        return elapsed != null ? elapsed.toString() : String.valueOf(workingDays);
    }
}
