package clinic.eventstore.config;

import clinic.calendar.BusinessCalendar;
import clinic.calendar.OfficialCalendar;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.health.api.Wellness;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped official calendar in every service's configuration: CN by default (the State Council's notices,
 * 国办发明电〔2024〕12号 for 2025 and 国办发明电〔2025〕7号 for 2026), NONE for the Hong Kong branch of the test
 * configuration; and the wellness check that is DOWN while a year in use has no published schedule.
 */
@QuarkusTest
class OfficialCalendarHealthCheckTest {

    @Inject
    BranchCalendars calendars;

    @Inject
    @Wellness
    OfficialCalendarHealthCheck check;

    @Inject
    SmallRyeHealthReporter health;

    static void today(String instant) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), Clock.class);
    }

    @Test
    void the_chain_counts_in_the_official_calendar_and_a_branch_may_turn_it_off() {
        BusinessCalendar shanghai = calendars.of("SH001");
        assertThat(shanghai.official()).isSameAs(OfficialCalendar.china());
        assertThat(shanghai.isWorkingDay(LocalDate.parse("2026-02-16"))).as("春节 2026, 国办发明电〔2025〕7号").isFalse();
        assertThat(shanghai.isWorkingDay(LocalDate.parse("2026-02-14"))).as("its make-up Saturday").isTrue();
        assertThat(shanghai.isWorkingDay(LocalDate.parse("2027-01-01"))).as("2027: the statutory fallback").isFalse();
        assertThat(shanghai.isWorkingDay(LocalDate.parse("2026-10-02"))).as("official and configured").isFalse();
        assertThat(shanghai.isWorkingDay(LocalDate.parse("2026-09-27"))).as("the configured make-up Sunday")
                .isTrue();
        assertThat(calendars.warnDaysAhead()).isEqualTo(60);

        BusinessCalendar hongKong = calendars.of("HK001");
        assertThat(hongKong.official().isNone()).isTrue();
        assertThat(hongKong.isWorkingDay(LocalDate.parse("2026-02-16"))).isTrue();
        assertThat(hongKong.isWorkingDay(LocalDate.parse("2026-12-25"))).as("its own holiday").isFalse();
    }

    @Test
    void with_this_and_next_years_schedules_published_the_calendar_is_up() {
        today("2026-06-01T02:00:00Z");
        HealthCheckResponse r = check.call();
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(r.getName()).isEqualTo("official holiday calendar");
        assertThat(r.getData().orElseThrow().get("official"))
                .isEqualTo("CN (chain): published schedules 2025, 2026; NONE (HK001)");
        assertThat(wellness().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void less_than_sixty_days_before_a_year_without_its_notice_the_calendar_is_down_on_well_but_ready_and_live_stay_up() {
        today("2026-11-30T02:00:00Z");
        HealthCheckResponse r = check.call();
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData().orElseThrow()).containsEntry("yearsWithoutPublishedSchedule", "2027");
        assertThat((String) r.getData().orElseThrow().get("toFix")).contains("clinic.calendar.official-dir",
                "docs/calendar.md");

        SmallRyeHealth well = wellness();
        assertThat(well.isDown()).isTrue();
        assertThat(namesOf(health.getReadiness())).doesNotContain(OfficialCalendarHealthCheck.NAME);
        assertThat(namesOf(health.getLiveness())).doesNotContain(OfficialCalendarHealthCheck.NAME);
        assertThat(health.getLiveness().isDown()).isFalse();
        assertThat(namesOf(health.getHealth())).as("the aggregate /q/health shows it")
                .contains(OfficialCalendarHealthCheck.NAME);

        today("2026-10-15T02:00:00Z");
        assertThat(check.call().getStatus()).as("78 days ahead").isEqualTo(HealthCheckResponse.Status.UP);
        today("2027-03-01T02:00:00Z");
        assertThat(check.call().getData().orElseThrow()).containsEntry("yearsWithoutPublishedSchedule", "2027");
    }

    @Test
    void the_start_up_warning_names_the_year_the_fallback_and_how_to_add_the_file() {
        String warning = OfficialCalendarHealthCheck.warning(OfficialCalendar.china(), List.of(2027), List.of("chain"));
        assertThat(warning).contains("CN", "2027", "statutory days", "全国年节及纪念日放假办法",
                "《国务院办公厅关于2027年部分节假日安排的通知》", "2027.properties", "clinic.calendar.official-dir",
                "business-calendar/src/main/resources/clinic/calendar/cn/", "docs/calendar.md", "/q/health/well");
    }

    private SmallRyeHealth wellness() {
        return health.getWellness();
    }

    private static List<String> namesOf(SmallRyeHealth h) {
        return h.getPayload().getJsonArray("checks").stream().map(v -> ((JsonObject) v).getString("name")).toList();
    }
}
