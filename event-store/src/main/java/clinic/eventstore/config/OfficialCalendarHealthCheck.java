package clinic.eventstore.config;

import clinic.calendar.BusinessCalendar;
import clinic.calendar.ChineseStatutoryHolidays;
import clinic.calendar.OfficialCalendar;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether the official holiday calendar in use has the State Council's published schedule of every year it counts in:
 * this year, and next year once it begins in fewer than {@code clinic.calendar.warn-days-ahead} days. Without it the
 * statutory days stand in (no bridge days, no make-up working days), so due dates can be a day or more off. The
 * service starts all the same and logs a WARN; this check is then DOWN.
 * <p>
 * A wellness check, not a readiness or liveness one: a missing schedule must not take a service out of rotation or
 * restart it (dev-stack and the system tests wait on {@code /q/health/ready}). It shows on {@code /q/health/well} and
 * in the aggregate {@code /q/health}, which SmallRye Health reports DOWN (503) while it is.
 */
@Wellness
@ApplicationScoped
public class OfficialCalendarHealthCheck implements HealthCheck {

    public static final String NAME = "official holiday calendar";

    private static final Logger LOG = Logger.getLogger(OfficialCalendarHealthCheck.class);

    private final BranchCalendars calendars;
    private final Clock clock;

    public OfficialCalendarHealthCheck(BranchCalendars calendars, Clock clock) {
        this.calendars = calendars;
        this.clock = clock;
    }

    /**
     * At start-up: every official calendar named is known and every schedule file of the operator's directory reads
     * (else the service does not start); a WARN for each year in use without its published schedule.
     */
    void onStart(@Observes StartupEvent event) {
        Coverage coverage = coverage();
        for (OfficialCalendar official : coverage.users().keySet()) {
            official.checkDirectory();
        }
        if (coverage.missing().isEmpty()) {
            LOG.infof("official holiday calendar: %s", coverage.summary());
        }
        coverage.missing().forEach((official, years) -> LOG.warn(warning(official, years, coverage.users().get(official))));
    }

    @Override
    public HealthCheckResponse call() {
        Coverage coverage = coverage();
        var builder = HealthCheckResponse.named(NAME).withData("official", coverage.summary());
        if (coverage.missing().isEmpty()) {
            return builder.up().build();
        }
        String years = coverage.missing().values().stream().flatMap(List::stream).distinct().sorted()
                .map(String::valueOf).collect(Collectors.joining(", "));
        return builder.down()
                .withData("yearsWithoutPublishedSchedule", years)
                .withData("inUse", "the statutory days only (《全国年节及纪念日放假办法》): no bridge days, no make-up "
                        + "working days (调休), so due dates may fall on days the notice will give off")
                .withData("toFix", "add the State Council notice's dates as <year>.properties in clinic.calendar.official-dir "
                        + "(or business-calendar/src/main/resources/clinic/calendar/cn/) and restart; see docs/calendar.md")
                .build();
    }

    /** Which official calendars the chain and its branches use, and the years each lacks on the clock's today. */
    Coverage coverage() {
        Map<OfficialCalendar, List<String>> users = new LinkedHashMap<>();
        Map<OfficialCalendar, TreeSet<Integer>> missing = new LinkedHashMap<>();
        List<String> units = new ArrayList<>();
        units.add(null);
        units.addAll(new TreeSet<>(calendars.branches().keySet()));
        for (String branch : units) {
            BusinessCalendar calendar;
            try {
                calendar = calendars.of(branch);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException((branch == null ? "clinic.calendar.official"
                        : "clinic.calendar.branches.\"" + branch + "\".official") + ": " + e.getMessage(), e);
            }
            OfficialCalendar official = calendar.official();
            users.computeIfAbsent(official, o -> new ArrayList<>()).add(branch == null ? "chain" : branch);
            LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
            List<Integer> years = official.yearsWithoutSchedule(today, calendars.warnDaysAhead());
            if (!years.isEmpty()) {
                missing.computeIfAbsent(official, o -> new TreeSet<>()).addAll(years);
            }
        }
        Map<OfficialCalendar, List<Integer>> missingYears = new LinkedHashMap<>();
        missing.forEach((official, years) -> missingYears.put(official, List.copyOf(years)));
        int thisYear = LocalDate.now(clock).getYear();
        String summary = users.entrySet().stream().map(e -> {
            OfficialCalendar official = e.getKey();
            String text = official.name() + " (" + String.join(", ", e.getValue()) + ")";
            if (!official.isNone()) {
                List<Integer> published = official.publishedYears(ChineseStatutoryHolidays.FIRST_YEAR, thisYear + 1);
                text += ": published schedules " + (published.isEmpty() ? "none" : published.stream()
                        .map(String::valueOf).collect(Collectors.joining(", ")));
            }
            return text;
        }).collect(Collectors.joining("; "));
        return new Coverage(users, missingYears, summary);
    }

    static String warning(OfficialCalendar official, List<Integer> years, List<String> users) {
        String list = years.stream().map(String::valueOf).collect(Collectors.joining(" and "));
        String first = String.valueOf(years.getFirst());
        return "Public holidays: the official calendar " + official.name() + " (used by " + String.join(", ", users)
                + ") has no published State Council schedule for " + list + ". The statutory days of "
                + "《全国年节及纪念日放假办法》 are used instead (元旦; 春节 from 除夕 to 初三; 清明; 劳动节 1-2 May; 端午; 中秋; "
                + "国庆 1-3 October), without the bridge days and make-up working days (调休) the notice will set, so SLA due "
                + "times, refund due dates and follow-up calls may fall on days the notice gives off, and make-up Saturdays "
                + "count as days off. When 《国务院办公厅关于" + first + "年部分节假日安排的通知》 is out, write its dates as "
                + first + ".properties in clinic.calendar.official-dir"
                + (official.directory() == null ? " (not set)" : " (" + official.directory() + ")")
                + ", or in business-calendar/src/main/resources/clinic/calendar/cn/ for a release, and restart: see "
                + "docs/calendar.md. Until then the '" + NAME + "' health check (/q/health/well) is DOWN.";
    }

    /** The official calendars in use (with who uses them), the years each lacks, and a line for people. */
    record Coverage(Map<OfficialCalendar, List<String>> users, Map<OfficialCalendar, List<Integer>> missing,
                    String summary) {
    }
}
