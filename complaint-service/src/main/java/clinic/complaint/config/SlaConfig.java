package clinic.complaint.config;

import clinic.complaint.domain.Severity;
import clinic.calendar.BusinessCalendar;
import clinic.calendar.CalendarSettings;
import clinic.complaint.domain.sla.SlaPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/**
 * {@code complaint.sla.*}: SLA targets and the business calendars the clocks count in. The {@code calendar} applies to
 * every branch; {@code branches."<id>"} overrides it for one branch (its time zone, hours, holidays, make-up days).
 */
@ConfigMapping(prefix = "complaint.sla")
public interface SlaConfig {

    @WithDefault("1")
    int acknowledgeWorkingDays();

    /** A safety or adverse-reaction complaint is acknowledged within this, in elapsed time. */
    @WithDefault("PT2H")
    Duration acknowledgeSafety();

    @WithDefault("10")
    int resolveWorkingDays();

    /** Resolve targets for a severity, e.g. {@code complaint.sla.resolve-working-days-by-severity.CRITICAL=5}. */
    Map<Severity, Integer> resolveWorkingDaysBySeverity();

    /** The share of a target after which a clock is at risk. */
    @WithDefault("0.8")
    double atRiskShare();

    /** How often the scheduler looks for warnings that are due. */
    @WithDefault("5s")
    Duration checkEvery();

    CalendarSettings calendar();

    Map<String, CalendarSettings> branches();

    default SlaPolicy policy() {
        return new SlaPolicy(acknowledgeWorkingDays(), acknowledgeSafety(), resolveWorkingDays(),
                resolveWorkingDaysBySeverity(), atRiskShare());
    }

    /** The calendar of {@code branchId}: the branch's own settings over the chain's. */
    default BusinessCalendar calendarFor(String branchId) {
        return CalendarSettings.resolve(branchId == null ? null : branches().get(branchId), calendar());
    }
}
