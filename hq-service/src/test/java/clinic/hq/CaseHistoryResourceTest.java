package clinic.hq;

import clinic.devstack.TestTokens;
import clinic.hq.FakeServices.Canned;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code GET /operations/cases/{id}/history}: one case's events from the three services (played by
 * {@link FakeServices}), in order, an effect never before its cause; a service that fails is named and the rest told;
 * operations only.
 */
@QuarkusTest
class CaseHistoryResourceTest {

    /** Operations, named on every call (not the module's default caller): the story is theirs alone. */
    static RequestSpecification asOperations() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.withRole("operations")));
    }

    @Test
    void the_story_has_every_services_events_in_order_and_an_effect_after_its_cause() {
        JsonPath story = asOperations().get("/operations/cases/" + Canned.STORY + "/history").then().statusCode(200)
                .extract().jsonPath();
        assertThat(story.getString("complaintId")).isEqualTo(Canned.STORY.toString());
        assertThat(story.getString("caseNumber")).isEqualTo(Canned.CASE_NUMBER);
        assertThat(story.getString("branchId")).isEqualTo("SH001");
        assertThat(story.getString("correlationId")).isEqualTo(Canned.STORY_CORRELATION.toString());
        assertThat(story.getList("unreachable")).isEmpty();
        assertThat(story.getList("entries.eventId", String.class))
                .isEqualTo(Canned.STORY_ORDER.stream().map(UUID::toString).toList());
        assertThat(story.getList("entries.type", String.class)).containsExactly("purchase.recorded.v1",
                "complaint.filed.v1", "complaint.acknowledged.v1", "refund.requested.v1",
                "refund.entitlement-calculated.v1", "complaint.resolved.v1", "followup.scheduled.v1",
                "followup.assigned.v1");
        assertThat(story.getList("entries.service", String.class)).containsExactly("refund-service",
                "complaint-service", "complaint-service", "refund-service", "refund-service", "complaint-service",
                "followup-service", "followup-service");
        assertThat(story.getList("entries.streamKind", String.class)).containsExactly("purchase", "complaint",
                "complaint", "refund", "refund", "complaint", "task", "task");
        // the follow-up was recorded 2 s before the resolution that caused it (clock skew) and still comes after it;
        // the task's next event (recorded 1 s before the resolution, caused by none) still comes after the task's first
        List<String> recorded = story.getList("entries.recordedAt", String.class);
        assertThat(recorded.get(6)).isLessThan(recorded.get(5));
        assertThat(recorded.get(7)).isLessThan(recorded.get(5));
        assertThat(story.getString("entries[6].causationId")).isEqualTo(Canned.RESOLVED.toString());
        assertThat(story.getList("entries.version", Integer.class).subList(6, 8)).containsExactly(1, 2);
        // each entry as the services told it: actor, correlation, causation, payload
        assertThat(story.getString("entries[1].actor")).isEqualTo("li.na");
        assertThat(story.getString("entries[0].correlationId")).isEqualTo(Canned.PURCHASE_CORRELATION.toString());
        assertThat(story.getString("entries[1].payload.summary")).isEqualTo(Canned.HTML);
        assertThat(story.getString("entries[1].occurredAt")).isEqualTo("2026-03-02T00:58:00Z");
        assertThat(story.getInt("entries[4].version")).isEqualTo(2);
    }

    @Test
    void a_service_that_fails_is_named_and_the_rest_is_still_told() {
        asOperations().get("/operations/cases/" + Canned.REFUND_DOWN + "/history").then().statusCode(200)
                .body("unreachable", equalTo(List.of("refund-service")))
                .body("entries.type", equalTo(List.of("complaint.filed.v1")))
                .body("caseNumber", equalTo("SH002-2026-0007"));
    }

    @Test
    void an_unknown_case_is_404() {
        asOperations().get("/operations/cases/" + UUID.randomUUID() + "/history").then().statusCode(404)
                .body("type", equalTo("urn:clinic:problem:complaint-not-found"));
    }

    @Test
    void it_is_for_operations_only() {
        String path = "/operations/cases/" + Canned.STORY + "/history";
        given().header("Authorization", TestTokens.bearer(TestTokens.withRole("hq-analyst"))).get(path).then()
                .statusCode(403);
        given().header("Authorization", TestTokens.NONE).get(path).then().statusCode(401);
        asOperations().get(path).then().statusCode(200).body("entries.size()", equalTo(8));
    }

    @Test
    void the_page_is_served_to_anyone_and_signs_in_itself() {
        given().header("Authorization", TestTokens.NONE).get("/hq/case.html").then().statusCode(200);
        given().header("Authorization", TestTokens.NONE).get("/hq/case.js").then().statusCode(200);
        given().header("Authorization", TestTokens.NONE).get("/hq/auth.js").then().statusCode(200);
    }
}
