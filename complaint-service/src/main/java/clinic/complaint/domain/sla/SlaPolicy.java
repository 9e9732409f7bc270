package clinic.complaint.domain.sla;

import clinic.calendar.BusinessCalendar;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The SLA targets (policy, per chain and overridable per branch) and the share of a target after which a clock is at
 * risk. Defaults (docs/business.md): acknowledge within 1 working day, a safety or adverse-reaction complaint within 2 hours;
 * resolve within 10 working days; at risk at 80 %.
 */
public record SlaPolicy(Targets acknowledge, Targets resolve, double atRiskShare) {

    private static final SlaTargetTime TWO_HOURS = SlaTargetTime.elapsed(Duration.ofHours(2));

    public static final SlaPolicy DEFAULT = new SlaPolicy(
            new Targets(SlaTargetTime.workingDays(1), Map.of(Category.ADVERSE_REACTION, TWO_HOURS),
                    Map.of(Severity.CRITICAL, TWO_HOURS)),
            new Targets(SlaTargetTime.workingDays(10), Map.of(), Map.of()),
            0.8);

    public SlaPolicy {
        if (atRiskShare <= 0 || atRiskShare >= 1) {
            throw new IllegalArgumentException("the at-risk share is between 0 and 1: " + atRiskShare);
        }
    }

    /**
     * The targets of one clock: {@code within} for every case, unless the case's category or (once assessed) its
     * severity has a target of its own. When both have one, the stricter applies: the one that falls first from the
     * clock's start.
     */
    public record Targets(SlaTargetTime within, Map<Category, SlaTargetTime> byCategory,
                          Map<Severity, SlaTargetTime> bySeverity) {

        public Targets {
            byCategory = Map.copyOf(byCategory);
            bySeverity = Map.copyOf(bySeverity);
        }

        SlaTargetTime pick(Category category, Severity severity, BusinessCalendar calendar, Instant start) {
            return Stream.of(category == null ? null : byCategory.get(category),
                            severity == null ? null : bySeverity.get(severity))
                    .filter(java.util.Objects::nonNull)
                    .min(Comparator.comparing(t -> t.in(calendar).dueFrom(start, calendar)))
                    .orElse(within);
        }
    }

    public SlaTarget acknowledge(Category category, Severity severity, BusinessCalendar calendar, Instant start) {
        return acknowledge.pick(category, severity, calendar, start).in(calendar);
    }

    public SlaTarget resolve(Category category, Severity severity, BusinessCalendar calendar, Instant start) {
        return resolve.pick(category, severity, calendar, start).in(calendar);
    }
}
