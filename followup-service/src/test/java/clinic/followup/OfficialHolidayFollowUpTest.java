package clinic.followup;

import clinic.calendar.OfficialCalendar;
import clinic.eventstore.config.BranchCalendars;
import clinic.followup.domain.FollowUpRules;
import clinic.followup.domain.ProductLine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Follow-up calls keep the official public holidays the product ships, with no holiday configured: a general product
 * sold on Wednesday 30 December 2026 is called on day 2 and day 5, and day 2 is New Year's Day 2027 (a statutory day
 * of 《全国年节及纪念日放假办法》: while the 2027 notice is not published the product keeps at least that), so that call
 * waits for Monday 4 January.
 */
@QuarkusTest
class OfficialHolidayFollowUpTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    BranchCalendars calendars;

    OtherServices others;

    @BeforeEach
    void setUp() {
        others = new OtherServices(bootstrap);
    }

    @AfterEach
    void tearDown() {
        others.close();
    }

    @Test
    void the_service_counts_in_the_official_calendar_by_default() {
        assertThat(calendars.of("SH001").official()).isSameAs(OfficialCalendar.china());
        assertThat(calendars.of("SH001").isWorkingDay(LocalDate.parse("2027-01-01"))).isFalse();
        // the rule itself, with the service's calendar: 11:00 on 1 January is no time for a call
        var tasks = FollowUpRules.afterProductSale(UUID.randomUUID(), "SH001", "c", Instant.parse("2026-12-30T03:00:00Z"),
                List.of(ProductLine.GENERAL), FollowUpRules.defaults(), calendars.of("SH001"));
        assertThat(tasks).extracting(t -> t.dueAt().toString())
                .containsExactly("2027-01-04T01:00:00Z", "2027-01-04T03:00:00Z");
        // 春节 2026 (国办发明电〔2025〕7号): sold Thursday 12 February; day 2 is Saturday 14th, a make-up working day, at
        // the same hour; day 5 is the 17th, inside the 15th-23rd holiday, so Tuesday 24th at opening
        var spring = FollowUpRules.afterProductSale(UUID.randomUUID(), "SH001", "c", Instant.parse("2026-02-12T03:00:00Z"),
                List.of(ProductLine.GENERAL), FollowUpRules.defaults(), calendars.of("SH001"));
        assertThat(spring).extracting(t -> t.dueAt().toString())
                .containsExactly("2026-02-14T03:00:00Z", "2026-02-24T01:00:00Z");
        // National Day 2026: sold Tuesday 29 September; days 2 and 5 fall in 1-7 October, so Thursday 8th at opening
        var national = FollowUpRules.afterProductSale(UUID.randomUUID(), "SH001", "c", Instant.parse("2026-09-29T03:00:00Z"),
                List.of(ProductLine.GENERAL), FollowUpRules.defaults(), calendars.of("SH001"));
        assertThat(national).extracting(t -> t.dueAt().toString())
                .containsExactly("2026-10-08T01:00:00Z", "2026-10-08T01:00:00Z");
    }

    @Test
    void a_day_2_product_call_for_a_sale_on_30_december_2026_is_not_due_on_new_years_day() {
        String branch = "T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        UUID purchase = UUID.randomUUID();
        others.purchaseRecorded(purchase, branch, "POS-NY", "cust-ny", Instant.parse("2026-12-30T03:00:00Z"),
                List.of(OtherServices.line("L1", "PRODUCT", "sunscreen", "GENERAL")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("branch", branch)
                .queryParam("kind", "PRODUCT_FOLLOW_UP").get("/followups").then()
                .body("items.day", equalTo(List.of(2, 5)))
                // day 2 (Friday 1 January, 11:00 Shanghai) moves to Monday 4 January at opening; day 5 is that Monday
                .body("items.dueAt", equalTo(List.of("2027-01-04T01:00:00Z", "2027-01-04T03:00:00Z"))));
    }
}
