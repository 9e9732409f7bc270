package clinic.complaint.domain.sla;

import clinic.calendar.BusinessCalendar;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.Severity;

import java.time.Duration;
import java.util.Map;

/**
 * The SLA targets (policy, per chain and branch): acknowledge within 1 working day, a safety or adverse-reaction
 * complaint within 2 hours; resolve within 10 working days, or the days set for the case's severity once it is
 * assessed; warn when {@code atRiskShare} of the target has passed.
 */
public record SlaPolicy(int acknowledgeWorkingDays, Duration acknowledgeSafety, int resolveWorkingDays,
                        Map<Severity, Integer> resolveWorkingDaysBySeverity, double atRiskShare) {

    public static final SlaPolicy DEFAULT = new SlaPolicy(1, Duration.ofHours(2), 10, Map.of(), 0.8);

    public SlaPolicy {
        if (atRiskShare <= 0 || atRiskShare >= 1) {
            throw new IllegalArgumentException("the at-risk share is between 0 and 1: " + atRiskShare);
        }
        resolveWorkingDaysBySeverity = Map.copyOf(resolveWorkingDaysBySeverity);
    }

    public SlaTarget acknowledge(Category category, Severity severity, BusinessCalendar calendar) {
        boolean safety = category == Category.ADVERSE_REACTION || severity == Severity.CRITICAL;
        return safety ? SlaTarget.elapsed(acknowledgeSafety) : SlaTarget.workingDays(acknowledgeWorkingDays, calendar);
    }

    public SlaTarget resolve(Severity severity, BusinessCalendar calendar) {
        int days = severity == null ? resolveWorkingDays : resolveWorkingDaysBySeverity.getOrDefault(severity, resolveWorkingDays);
        return SlaTarget.workingDays(days, calendar);
    }
}
