package clinic.followup;

import clinic.devstack.AccessMatrix;
import clinic.devstack.AccessMatrix.Call;
import clinic.devstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Who may call what in followup-service: every operation of its OpenAPI document against every kind of caller; the
 * survey page is the one operation open to all, through its unguessable token.
 */
@QuarkusTest
class AccessTest {

    /**
     * Columns: no token, expired, another issuer, forged (another key), each role (of SH001), staff of another branch.
     * ok: let through (the task's state decides the rest); a status: exactly that. The survey page answers anyone the
     * same (here: no survey has that token). A customer's contact preference is the customer's, not a branch's: staff
     * of any branch record what the customer told them (lifting an opt-out is the privacy officer's: below).
     */
    static final String TABLE = """
            operation               none expired issuer forged staff manager analyst approver ops privacy other-branch
            listFollowUps           401  401     401    401    200   200     200     200      200 200     403
            getFollowUp             401  401     401    401    200   200     200     200      200 200     403
            assignNextFollowUp      401  401     401    401    ok    ok      403     403      403 403     403
            assignFollowUp          401  401     401    401    ok    ok      403     403      403 403     403
            recordFollowUpCall      401  401     401    401    ok    ok      403     403      403 403     403
            recordCorrectiveVisit   401  401     401    401    ok    ok      403     403      403 403     403
            rebuildFollowUpLists    401  401     401    401    403   403     403     403      200 403     403
            listSurveys             401  401     401    401    200   200     200     200      200 200     403
            showSurveyPage          404  404     404    404    404   404     404     404      404 404     404
            answerSurvey            404  404     404    404    404   404     404     404      404 404     404
            setContactPreference    401  401     401    401    200   200     403     403      403 200     200
            getContactPreference    401  401     401    401    200   200     403     403      403 200     200
            """;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    OtherServices others;
    UUID complaint;
    String task;

    /** A closed complaint of SH001: its intake callback, and its survey scheduled. */
    @BeforeEach
    void aClosedCaseOfSh001() {
        others = new OtherServices(bootstrap);
        complaint = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        others.filed(complaint, "SH001", "cust-" + complaint.toString().substring(0, 8), now.minus(Duration.ofDays(2)));
        others.step(complaint, "complaint.closed.v1", now.minus(Duration.ofDays(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("complaintId", complaint.toString())
                .get("/surveys").then().statusCode(200).body("$", hasSize(1)));
        task = given().queryParam("complaintId", complaint.toString()).get("/followups").then().statusCode(200)
                .extract().path("items[0].id");
    }

    @AfterEach
    void done() {
        others.close();
    }

    @Test
    void every_operation_answers_each_kind_of_caller_as_the_table_says() {
        String t = "/followups/" + task;
        Map<String, Call> calls = Map.ofEntries(
                Map.entry("listFollowUps", Call.of("GET", "/followups?branch=SH001")),
                Map.entry("getFollowUp", Call.of("GET", t)),
                Map.entry("assignNextFollowUp", Call.json("POST", "/followups/next",
                        "{\"branch\":\"SH001\",\"staff\":\"li.na\"}")),
                Map.entry("assignFollowUp", Call.json("POST", t + "/assign", "{\"staff\":\"li.na\"}")),
                Map.entry("recordFollowUpCall", Call.json("POST", t + "/calls",
                        "{\"outcome\":\"NO_ANSWER\",\"durationSeconds\":30}")),
                Map.entry("recordCorrectiveVisit", Call.json("POST", "/followups/corrective-visits",
                        "{\"complaintId\":\"%s\",\"visitedAt\":\"%s\"}".formatted(complaint,
                                Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)))),
                Map.entry("rebuildFollowUpLists", Call.of("POST", "/followups/read-model/rebuild")),
                Map.entry("listSurveys", Call.of("GET", "/surveys?complaintId=" + complaint)),
                Map.entry("showSurveyPage", Call.of("GET", "/surveys/not-a-token-anyone-was-sent")),
                Map.entry("answerSurvey", new Call("POST", "/surveys/not-a-token-anyone-was-sent",
                        "application/x-www-form-urlencoded", "csat=5&nps=9")),
                Map.entry("setContactPreference", Call.json("PUT", "/customers/cust-matrix/contact-preference",
                        "{\"doNotContact\":false}")),
                Map.entry("getContactPreference", Call.of("GET", "/customers/cust-matrix/contact-preference")));

        assertThat(AccessMatrix.check(TABLE, calls::get)).isEmpty();
    }

    @Test
    void staff_of_another_branch_see_none_of_this_branchs_work_and_cannot_take_it() {
        String otherBranch = TestTokens.bearer(TestTokens.staffOf("BJ001"));
        given().header("Authorization", otherBranch).queryParam("complaintId", complaint.toString()).get("/followups")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", otherBranch).contentType(ContentType.JSON).body("{\"staff\":\"intruder\"}")
                .post("/followups/" + task + "/assign").then().statusCode(403)
                .body("type", equalTo("urn:clinic:problem:other-branch"));
        given().get("/followups/" + task).then().body("assignedTo", org.hamcrest.Matchers.not(equalTo("intruder")));
    }

    @Test
    void the_survey_link_is_for_the_branch_and_an_opt_out_is_lifted_by_the_privacy_officer_alone() {
        String analyst = TestTokens.bearer(TestTokens.withRole("hq-analyst"));
        given().header("Authorization", analyst).queryParam("complaintId", complaint.toString()).get("/surveys").then()
                .statusCode(200).body("[0].status", equalTo("SCHEDULED")).body("[0].link", org.hamcrest.Matchers.nullValue());

        String customer = "cust-optout-" + UUID.randomUUID().toString().substring(0, 8);
        String staff = TestTokens.bearer(TestTokens.staffOf("BJ001"));
        String path = "/customers/" + customer + "/contact-preference";
        given().header("Authorization", staff).contentType(ContentType.JSON).body("{\"doNotContact\":true}").put(path)
                .then().statusCode(200);
        given().header("Authorization", staff).contentType(ContentType.JSON).body("{\"doNotContact\":false}").put(path)
                .then().statusCode(403).body("type", equalTo("urn:clinic:problem:forbidden"))
                .body("detail", org.hamcrest.Matchers.containsString("privacy officer"));
        given().header("Authorization", staff).get(path).then().body("doNotContact", equalTo(true));
        given().header("Authorization", TestTokens.bearer(TestTokens.withRole("privacy-officer")))
                .contentType(ContentType.JSON).body("{\"doNotContact\":false}").put(path).then().statusCode(200);
        given().header("Authorization", staff).get(path).then().body("doNotContact", equalTo(false));
    }
}
