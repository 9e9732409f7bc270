package clinic.complaint.api;

import clinic.calendar.OfficialCalendar;
import clinic.eventstore.config.BranchCalendars;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The SLA clocks of a case keep the official public holidays the product ships, with no holiday configured: the
 * Spring Festival 2026 with its two make-up Saturdays (《国务院办公厅关于2026年部分节假日安排的通知》
 * 国办发明电〔2025〕7号), and New Year's Day 2027 (a statutory day of 《全国年节及纪念日放假办法》, kept while no 2027
 * notice is published). The chain's targets: acknowledged within 1 working day, resolved within 10 (9-hour days).
 */
@QuarkusTest
class OfficialHolidaySlaTest {

    @Inject
    BranchCalendars calendars;

    @AfterEach
    void realClock() {
        QuarkusMock.installMockForType(Clock.systemUTC(), Clock.class);
    }

    static String fileAt(String instant) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), Clock.class);
        return given().contentType(ContentType.JSON).body(ComplaintResourceTest.body("SH001")).post("/complaints")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void a_complaint_filed_before_the_spring_festival_2026_is_due_after_it_counting_the_make_up_saturdays() {
        assertThat(calendars.of("SH001").official()).isSameAs(OfficialCalendar.china());
        // Friday 13 February 2026, 17:00 in Shanghai
        String id = fileAt("2026-02-13T09:00:00Z");
        given().get("/complaints/" + id).then().statusCode(200)
                .body("filedAt", equalTo("2026-02-13T09:00:00Z"))
                // 1 h on Friday, 8 h on Saturday 14th (上班): 17:00 that Saturday, not Monday 16th (a holiday)
                .body("sla.find { it.clock == 'ACKNOWLEDGE' }.dueAt", equalTo("2026-02-14T09:00:00Z"))
                // 1 h + 9 h (14th), 15th-23rd off, 24th-27th, Saturday 28th (上班), 2nd-4th March, 8 h on the 5th
                .body("sla.find { it.clock == 'RESOLVE' }.dueAt", equalTo("2026-03-05T09:00:00Z"));
    }

    @Test
    void a_complaint_filed_on_new_years_eve_2026_is_acknowledged_after_new_years_day_2027() {
        // Thursday 31 December 2026, 17:00 in Shanghai: 1 h that day, then Monday 4 January until 17:00
        String id = fileAt("2026-12-31T09:00:00Z");
        given().get("/complaints/" + id).then().statusCode(200)
                .body("sla.find { it.clock == 'ACKNOWLEDGE' }.dueAt", equalTo("2027-01-04T09:00:00Z"));
    }

    @Test
    void a_complaint_filed_the_day_before_national_day_2026_is_acknowledged_after_the_golden_week() {
        // Wednesday 30 September 2026, 17:00 in Shanghai: 1 h that day, 1-7 October off, 8 h on Thursday 8 October
        String id = fileAt("2026-09-30T09:00:00Z");
        given().get("/complaints/" + id).then().statusCode(200)
                .body("sla.find { it.clock == 'ACKNOWLEDGE' }.dueAt", equalTo("2026-10-08T09:00:00Z"));
    }
}
