package clinic.followup.api;

import clinic.devstack.TestTokens;
import clinic.eventstore.Decider;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StoredEvent;
import clinic.followup.OtherServices;
import clinic.followup.application.DueWorkScheduler;
import clinic.followup.config.FollowUpConfig;
import clinic.followup.domain.FollowUpRules;
import clinic.followup.domain.Survey;
import clinic.followup.domain.SurveyCommand;
import clinic.followup.domain.SurveyDecider;
import clinic.followup.domain.SurveyEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import clinic.devstack.StateAtChecks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code GET /surveys?complaintId=&version=|asOf=}: a case's survey scheduled when the case closed (on the real broker),
 * sent by the scheduler and answered by the customer on its page, read back at every version and compared, whole, with
 * the survey folded from its first stored events by the domain's own evolve and shown by the resource's own mapper:
 * with its link to staff of the case's branch, without it to HQ.
 */
@QuarkusTest
class SurveyStateAtTest {

    static final Decider<SurveyCommand, SurveyEvent, Survey> DECIDER =
            new Decider<>(SurveyDecider::decide, SurveyDecider::evolve, Survey.NONE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DueWorkScheduler scheduler;
    @Inject
    EventStore store;
    @Inject
    EventTypeRegistry<SurveyEvent> types;
    @Inject
    ObjectMapper mapper;
    @Inject
    FollowUpConfig config;

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

    RequestSpecification asStaff() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.staffOf(branch)));
    }

    /** The survey after the first {@code v} stored events, as the resource answers (a list of it), as JSON. */
    JsonNode folded(List<StoredEvent> events, int v, boolean linkVisible) throws Exception {
        Survey state = DECIDER.fold(events.subList(0, v).stream().map(types::fromStored).toList());
        return mapper.readTree(mapper.writeValueAsString(
                List.of(SurveyResource.SurveyResponse.of(state, config.surveyBaseUrl(), linkVisible))));
    }

    @Test
    void every_version_of_a_case_survey_reads_back_as_its_first_events_fold_to() throws Exception {
        UUID complaint = UUID.randomUUID();
        String id = complaint.toString();
        others.filed(complaint, branch, "cust-" + UUID.randomUUID().toString().substring(0, 8),
                Instant.parse("2026-03-02T02:15:00Z"));
        others.step(complaint, "complaint.resolved.v1", Instant.parse("2026-03-04T07:00:00Z"));
        others.step(complaint, "complaint.closed.v1", Instant.parse("2026-03-12T08:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("complaintId", id)
                .get("/surveys").then().statusCode(200).body("[0].status", equalTo("SCHEDULED")));
        Instant sendAt = Instant.parse(given().queryParam("complaintId", id).get("/surveys").then()
                .extract().path("[0].sendAt"));
        clockAt(sendAt.plusSeconds(5));
        scheduler.fire();
        String link = asStaff().queryParam("complaintId", id).get("/surveys").then()
                .body("[0].status", equalTo("SENT")).extract().path("[0].link");
        given().header("Authorization", TestTokens.NONE).contentType(ContentType.URLENC).formParam("csat", "2")
                .formParam("nps", "7").formParam("comment", "The swelling came back").queryParam("lang", "en")
                .post(link.substring(link.indexOf("/surveys/"))).then().statusCode(200);
        given().queryParam("complaintId", id).get("/surveys").then().body("[0].status", equalTo("ANSWERED"));

        String survey = FollowUpRules.surveyId(complaint).toString();
        List<StoredEvent> events = store.load(survey);
        assertThat(events.size()).isGreaterThanOrEqualTo(3);
        assertThat(folded(events, 1, true).path(0).path("link").isNull()).isTrue(); // scheduled: no link yet
        assertThat(folded(events, 2, true).path(0).path("status").asText()).isEqualTo("SENT");
        List<Instant> recorded = events.stream().map(StoredEvent::recordedAt).toList();
        // the branch's staff see the customer's link; HQ reads every branch's surveys, but not the link
        StateAtChecks.check(() -> asStaff().queryParam("complaintId", id), "/surveys", recorded,
                v -> folded(events, v, true), "survey-not-found");
        StateAtChecks.check(() -> given().queryParam("complaintId", id), "/surveys", recorded,
                v -> folded(events, v, false), "survey-not-found");
        Instant between = recorded.get(1);

        // a case without a survey has no version of one
        given().queryParam("complaintId", UUID.randomUUID().toString()).queryParam("version", 1).get("/surveys").then()
                .statusCode(404).contentType("application/problem+json");
        // asOf and version read one case's survey: without its complaintId they are refused naming it
        given().queryParam("version", 1).get("/surveys").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("complaintId"));
        given().queryParam("asOf", between.toString()).get("/surveys").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("complaintId"));
        given().queryParam("complaintId", id).queryParam("asOf", "2026-03-02").get("/surveys").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("asOf"));
        given().header("Authorization", TestTokens.bearer(TestTokens.staffOf("BJ001"))).queryParam("complaintId", id)
                .queryParam("version", 1).get("/surveys").then().statusCode(403);
    }
}
