package clinic.complaint.config;

import clinic.complaint.domain.Severity;
import clinic.complaint.domain.sla.BusinessCalendar;
import clinic.complaint.domain.sla.SlaPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    Calendar calendar();

    Map<String, Calendar> branches();

    interface Calendar {
        Optional<ZoneId> zone();

        Optional<LocalTime> opens();

        Optional<LocalTime> closes();

        Optional<List<DayOfWeek>> workingDays();

        Optional<List<LocalDate>> holidays();

        Optional<List<LocalDate>> makeUpDays();
    }

    default SlaPolicy policy() {
        return new SlaPolicy(acknowledgeWorkingDays(), acknowledgeSafety(), resolveWorkingDays(),
                resolveWorkingDaysBySeverity(), atRiskShare());
    }

    /** The calendar of {@code branchId}: the branch's own settings over the chain's. */
    default BusinessCalendar calendarFor(String branchId) {
        Calendar chain = calendar();
        Calendar branch = branchId == null ? null : branches().get(branchId);
        return new BusinessCalendar(
                pick(branch, chain, Calendar::zone).orElse(ZoneId.of("Asia/Shanghai")),
                pick(branch, chain, Calendar::opens).orElse(LocalTime.of(9, 0)),
                pick(branch, chain, Calendar::closes).orElse(LocalTime.of(18, 0)),
                new HashSet<>(pick(branch, chain, Calendar::workingDays).orElse(List.of(DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY))),
                new HashSet<>(pick(branch, chain, Calendar::holidays).orElse(List.of())),
                new HashSet<>(pick(branch, chain, Calendar::makeUpDays).orElse(List.of())));
    }

    private static <T> Optional<T> pick(Calendar branch, Calendar chain, java.util.function.Function<Calendar, Optional<T>> field) {
        if (branch != null && field.apply(branch).isPresent()) {
            return field.apply(branch);
        }
        return field.apply(chain);
    }
}
