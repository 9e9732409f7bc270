package clinic.refund;

import clinic.calendar.OfficialCalendar;
import clinic.eventstore.config.BranchCalendars;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A refund agreed without a date of its own is due the policy's working days later (7 for a service) on the
 * branch's calendar, which keeps the official holidays the product ships, with none configured: National Day 2026
 * (1-7 October off, Saturday 10 October worked, 《国务院办公厅关于2026年部分节假日安排的通知》 国办发明电〔2025〕7号).
 */
@QuarkusTest
class OfficialHolidayDueDateTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    BranchCalendars calendars;

    @AfterEach
    void realClock() {
        QuarkusMock.installMockForType(Clock.systemUTC(), Clock.class);
    }

    @Test
    void the_service_counts_working_days_in_the_official_calendar() {
        var sh = calendars.of("SH001");
        assertThat(sh.official()).isSameAs(OfficialCalendar.china());
        // as the agreement counts: from the day of the agreement, where the branch is
        assertThat(sh.plusWorkingDays(LocalDate.parse("2026-09-30"), 7)).isEqualTo(LocalDate.parse("2026-10-15"));
        // 春节 2026: Sat 14 (make-up), 24, 25, 26, 27, Sat 28 (make-up), Mon 2 March
        assertThat(sh.plusWorkingDays(LocalDate.parse("2026-02-13"), 7)).isEqualTo(LocalDate.parse("2026-03-02"));
        // New Year's Day 2027 (statutory, no 2027 notice yet): Thu 31 December, Mon 4 January
        assertThat(sh.plusWorkingDays(LocalDate.parse("2026-12-30"), 2)).isEqualTo(LocalDate.parse("2027-01-04"));
    }

    @Test
    void a_refund_agreed_the_day_before_national_day_is_due_after_the_golden_week_with_its_make_up_saturday() {
        UUID refund = openFromComplaint();
        // Wednesday 30 September 2026, 10:00 in Shanghai
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-09-30T02:00:00Z"), ZoneOffset.UTC), Clock.class);
        step(refund, "start-review", null);
        step(refund, "offer", "{\"amount\":\"12800.00\"}");
        // 7 working days: Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13, Wed 14, Thu 15 October (not 9 October)
        given().contentType(ContentType.JSON)
                .body("{\"amount\":\"12800.00\",\"channels\":[{\"channel\":\"CARD\",\"amount\":\"12800.00\"}]}")
                .post("/refunds/" + refund + "/agree").then().statusCode(200)
                .body("status", equalTo("AGREED"))
                .body("dueDate", equalTo("2026-10-15"));
    }

    private static void step(UUID refund, String step, String json) {
        var request = given();
        if (json != null) {
            request = request.contentType(ContentType.JSON).body(json);
        }
        request.post("/refunds/" + refund + "/" + step).then().statusCode(200);
    }

    private UUID openFromComplaint() {
        return OpenedRefunds.fromComplaint(bootstrap, "SH001", "cust-889", "2026-09-29T02:15:00Z");
    }
}
