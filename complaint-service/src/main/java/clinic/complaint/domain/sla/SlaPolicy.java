package clinic.complaint.domain.sla;

import clinic.complaint.domain.Category;
import clinic.complaint.domain.Severity;

import java.time.Duration;

/**
 * The SLA targets (policy, per chain and branch): acknowledge within 1 working day, a safety or adverse-reaction
 * complaint within 2 hours; resolve within 10 working days; warn when {@code atRiskShare} of the target has passed.
 */
public record SlaPolicy(int acknowledgeWorkingDays, Duration acknowledgeSafety, int resolveWorkingDays,
                        double atRiskShare) {

    public static final SlaPolicy DEFAULT = new SlaPolicy(1, Duration.ofHours(2), 10, 0.8);

    public SlaPolicy {
        if (atRiskShare <= 0 || atRiskShare >= 1) {
            throw new IllegalArgumentException("the at-risk share is between 0 and 1: " + atRiskShare);
        }
    }

    public SlaTarget acknowledge(Category category, Severity severity, BusinessCalendar calendar) {
        boolean safety = category == Category.ADVERSE_REACTION || severity == Severity.CRITICAL;
        return safety ? SlaTarget.elapsed(acknowledgeSafety) : SlaTarget.workingDays(acknowledgeWorkingDays, calendar);
    }

    public SlaTarget resolve(BusinessCalendar calendar) {
        return SlaTarget.workingDays(resolveWorkingDays, calendar);
    }
}
