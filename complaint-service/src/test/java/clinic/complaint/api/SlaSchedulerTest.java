package clinic.complaint.api;

import clinic.complaint.application.ComplaintService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The SLA scheduler against the real database, with a safety complaint's acknowledgement target cut to seconds so
 * that its warnings come due during the test.
 */
@QuarkusTest
@TestProfile(SlaSchedulerTest.SecondsForSafety.class)
class SlaSchedulerTest {

    public static class SecondsForSafety implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("complaint.sla.acknowledge.by-category.ADVERSE_REACTION", "PT3S",
                    "complaint.sla.check-every", "200ms");
        }
    }

    @Inject
    ComplaintService complaints;

    static String fileSafetyComplaint() {
        return given().contentType(ContentType.JSON).body(PersonalDataTest.body("cust-" + UUID.randomUUID()))
                .post("/complaints").then().statusCode(201).extract().path("id");
    }

    static List<String> types(String id) {
        return given().get("/complaints/" + id + "/events").then().extract().path("type");
    }

    /**
     * Files a marker safety complaint and waits until the running scheduler raises {@code warning} on it (at risk
     * 2.4 s after filing, breached at 3 s; it looks every 200 ms). By then it has passed over every case many times, so
     * whatever it would still raise on the case under test, it has: an honest "nothing more", without a sleep.
     */
    static void awaitSchedulerPassedAgain(String warning) {
        String marker = fileSafetyComplaint();
        await().atMost(Duration.ofSeconds(20)).until(() -> types(marker).contains(warning));
    }

    @Test
    void an_unacknowledged_safety_complaint_is_warned_then_breached_once_each() throws Exception {
        String id = fileSafetyComplaint();
        given().get("/complaints/" + id).then()
                .body("sla.find { it.clock == 'ACKNOWLEDGE' }.state", equalTo("ON_TRACK"));

        await().atMost(Duration.ofSeconds(20)).until(() -> types(id).contains("complaint.sla-breached.v1"));
        awaitSchedulerPassedAgain("complaint.sla-at-risk.v1"); // nothing more may be raised meanwhile

        List<String> types = types(id);
        assertThat(types).containsOnlyOnce("complaint.sla-at-risk.v1", "complaint.sla-breached.v1");
        assertThat(types.indexOf("complaint.sla-at-risk.v1")).isLessThan(types.indexOf("complaint.sla-breached.v1"));
        given().get("/complaints/" + id + "/events").then()
                .body("find { it.type == 'complaint.sla-breached.v1' }.actor", equalTo("sla-scheduler"))
                .body("find { it.type == 'complaint.sla-breached.v1' }.data.clock", equalTo("ACKNOWLEDGE"));
        given().get("/complaints/" + id).then()
                .body("sla.find { it.clock == 'ACKNOWLEDGE' }.state", equalTo("BREACHED"));
        given().queryParam("slaState", "BREACHED").queryParam("size", 500).get("/complaints").then()
                .body("items.id", hasItem(id));
    }

    @Test
    void a_complaint_acknowledged_in_time_raises_nothing() throws Exception {
        String id = fileSafetyComplaint();
        given().post("/complaints/" + id + "/acknowledge").then().statusCode(200);

        // a marker filed after it breaches after its target has passed too; the scheduler has looked many times
        awaitSchedulerPassedAgain("complaint.sla-breached.v1");
        assertThat(types(id)).doesNotContain("complaint.sla-at-risk.v1", "complaint.sla-breached.v1");
        given().get("/complaints/" + id).then().body("sla.find { it.clock == 'ACKNOWLEDGE' }.state", equalTo("MET"));
    }

    @Test
    void escalation_deadlines_are_warned_by_the_scheduler_once_per_escalation_and_kind() throws Exception {
        String id = ComplaintLifecycleTest.fileIn("SH001"); // not a safety complaint: its own clocks stay quiet
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // due today: at risk now, missed at midnight; recorded late with a deadline already past: at risk and missed
        ComplaintLifecycleTest.step(id, "escalate",
                        "{\"body\":\"CONSUMER_ASSOCIATION\",\"deadline\":\"%s\"}".formatted(today))
                .statusCode(200)
                .body("escalations[0].deadlines[0].dueDate", equalTo(today.toString()))
                .body("escalations[0].deadlines[0].atRisk", equalTo(true))
                .body("escalations[0].deadlines[0].missed", equalTo(false));
        ComplaintLifecycleTest.step(id, "escalate",
                        "{\"body\":\"HEALTH_SUPERVISION\",\"deadline\":\"%s\"}".formatted(today.minusDays(1)))
                .statusCode(200)
                .body("escalations[1].deadlines[0].missed", equalTo(true));

        await().atMost(Duration.ofSeconds(20)).until(() -> types(id).contains("complaint.escalation-deadline-missed.v1")
                && types(id).stream().filter("complaint.escalation-deadline-at-risk.v1"::equals).count() == 2);
        awaitSchedulerPassedAgain("complaint.sla-at-risk.v1"); // the scheduler passes many more times
        complaints.checkSla(UUID.fromString(id)); // and once more by hand

        List<String> types = types(id);
        assertThat(types).filteredOn("complaint.escalation-deadline-at-risk.v1"::equals).hasSize(2);
        assertThat(types).containsOnlyOnce("complaint.escalation-deadline-missed.v1")
                .doesNotContain("complaint.sla-at-risk.v1", "complaint.sla-breached.v1");
        given().get("/complaints/" + id + "/events").then()
                .body("find { it.type == 'complaint.escalation-deadline-missed.v1' }.actor", equalTo("sla-scheduler"))
                .body("find { it.type == 'complaint.escalation-deadline-missed.v1' }.data.body",
                        equalTo("HEALTH_SUPERVISION"))
                .body("find { it.type == 'complaint.escalation-deadline-missed.v1' }.data.kind", equalTo("TYPED"))
                .body("find { it.type == 'complaint.escalation-deadline-missed.v1' }.data.source", equalTo("typed"))
                .body("find { it.type == 'complaint.escalation-deadline-missed.v1' }.data.dueDate",
                        equalTo(today.minusDays(1).toString()));

        // with its outcome recorded the escalation due today will not be reported missed at midnight
        String first = given().get("/complaints/" + id).then().extract().path("escalations[0].id");
        ComplaintLifecycleTest.step(id, "record-escalation-outcome",
                "{\"escalationId\":\"%s\",\"outcome\":\"mediated\"}".formatted(first)).statusCode(200)
                .body("escalations[0].deadlines[0].atRisk", equalTo(false));
    }

    @Test
    void many_schedulers_looking_at_once_raise_a_warning_once() throws Exception {
        String id = fileSafetyComplaint();
        // both warnings are due (as the case reads now); race the running scheduler with eight more lookers
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> "BREACHED".equals(
                given().get("/complaints/" + id).then().extract().path("sla.find { it.clock == 'ACKNOWLEDGE' }.state")));
        int lookers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(lookers);
        List<Future<?>> looks = new ArrayList<>();
        for (int i = 0; i < lookers; i++) {
            looks.add(pool.submit(() -> {
                go.await();
                try {
                    complaints.checkSla(UUID.fromString(id));
                } catch (clinic.eventstore.ConcurrencyConflict lostTheRace) {
                    // another look appended first: that is the point
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : looks) {
            f.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(10)).until(() -> types(id).contains("complaint.sla-breached.v1"));
        assertThat(types(id)).containsOnlyOnce("complaint.sla-at-risk.v1", "complaint.sla-breached.v1");
    }
}
