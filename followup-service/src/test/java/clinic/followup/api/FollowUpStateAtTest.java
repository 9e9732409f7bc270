package clinic.followup.api;

import clinic.devstack.TestTokens;
import clinic.eventstore.Decider;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StoredEvent;
import clinic.followup.OtherServices;
import clinic.followup.application.DueWorkScheduler;
import clinic.followup.config.FollowUpConfig;
import clinic.followup.domain.FollowUpCommand;
import clinic.followup.domain.FollowUpDecider;
import clinic.followup.domain.FollowUpEvent;
import clinic.followup.domain.FollowUpKind;
import clinic.followup.domain.FollowUpRules;
import clinic.followup.domain.FollowUpTask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import clinic.devstack.StateAtChecks;
import io.restassured.RestAssured;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code GET /followups/{id}?version=|asOf=}: a complaint's intake callback driven from its filing (on the real broker)
 * through the queue, a call nobody answered, its next attempt and a call that reached the customer, read back at every
 * version and compared, whole, with the task folded from its first stored events by the domain's own evolve and shown
 * by the resource's own mapper. The clock is fixed while the versions are compared, so that "overdue" is read at the
 * same moment on both sides.
 */
@QuarkusTest
class FollowUpStateAtTest {

    static final Decider<FollowUpCommand, FollowUpEvent, FollowUpTask> DECIDER =
            new Decider<>(FollowUpDecider::decide, FollowUpDecider::evolve, FollowUpTask.NONE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DueWorkScheduler scheduler;
    @Inject
    EventStore store;
    @Inject
    EventTypeRegistry<FollowUpEvent> types;
    @Inject
    ObjectMapper mapper;
    @Inject
    FollowUpConfig config;
    @Inject
    Clock clock;

    OtherServices others;
    String branch;

    @BeforeEach
    void setUp() {
        others = new OtherServices(bootstrap);
        branch = "T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    @AfterEach
    void tearDown() {
        others.close();
        QuarkusMock.installMockForType(Clock.systemUTC(), Clock.class);
    }

    static void clockAt(Instant instant) {
        QuarkusMock.installMockForType(Clock.fixed(instant, ZoneOffset.UTC), Clock.class);
    }

    String staff() {
        return TestTokens.bearer(TestTokens.staffOf(branch));
    }

    void post(String path, String json) {
        given().contentType(ContentType.JSON).header("Authorization", staff()).body(json).post(path).then()
                .statusCode(200);
    }

    /** The task after the first {@code v} stored events, as the resource shows a task, as JSON. */
    JsonNode folded(List<StoredEvent> events, int v) throws Exception {
        FollowUpTask state = DECIDER.fold(events.subList(0, v).stream().map(types::fromStored).toList());
        Instant overdueBefore = clock.instant().minus(config.overdueAfter());
        return mapper.readTree(mapper.writeValueAsString(FollowUpResponse.of(state, v, overdueBefore)));
    }

    @Test
    void every_version_of_a_follow_up_task_reads_back_as_its_first_events_fold_to() throws Exception {
        UUID complaint = UUID.randomUUID();
        UUID task = FollowUpRules.taskId(complaint, FollowUpKind.INTAKE_CALLBACK);
        others.filed(complaint, branch, "cust-" + UUID.randomUUID().toString().substring(0, 8),
                Instant.parse("2026-03-02T02:15:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/followups/" + task).then().statusCode(200).body("status", equalTo("SCHEDULED")));

        Instant due = Instant.parse(given().get("/followups/" + task).then().extract().path("dueAt"));
        clockAt(due.plusSeconds(30));
        scheduler.fire();
        given().get("/followups/" + task).then().body("status", equalTo("DUE"));
        post("/followups/" + task + "/assign", "{\"staff\":\"staff:wang\"}");
        post("/followups/" + task + "/calls", "{\"outcome\":\"NO_ANSWER\",\"durationSeconds\":30}");
        Instant again = Instant.parse(given().get("/followups/" + task).then().body("status", equalTo("SCHEDULED"))
                .extract().path("dueAt"));
        clockAt(again.plusSeconds(30));
        scheduler.fire();
        post("/followups/" + task + "/assign", "{\"staff\":\"staff:li\"}");
        post("/followups/" + task + "/calls", """
                {"outcome":"REACHED_SATISFIED","durationSeconds":240,"notes":"Swelling gone"}""");
        given().get("/followups/" + task).then().body("status", equalTo("DONE"));

        List<StoredEvent> events = store.load(task.toString());
        assertThat(events.size()).isGreaterThanOrEqualTo(6);
        assertThat(folded(events, 1).path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(folded(events, 3).path("status").asText()).isEqualTo("ASSIGNED");
        // the clock stays where it is (the second attempt's time) while the versions are compared
        StateAtChecks.check(RestAssured::given, "/followups/" + task,
                events.stream().map(StoredEvent::recordedAt).toList(), v -> folded(events, v), "followup-not-found");
        given().header("Authorization", TestTokens.bearer(TestTokens.staffOf("BJ001"))).queryParam("version", 1)
                .get("/followups/" + task).then().statusCode(403);
    }
}
