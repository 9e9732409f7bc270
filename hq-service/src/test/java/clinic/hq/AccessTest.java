package clinic.hq;

import clinic.devstack.AccessMatrix;
import clinic.devstack.AccessMatrix.Call;
import clinic.devstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static clinic.hq.Streams.sh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Who may call what in hq-service: HQ (analysts, approvers) and operations read every branch's measures; a branch
 * manager their own branches'; branch staff and the privacy officer nothing. The sign-in settings are open to all.
 */
@QuarkusTest
class AccessTest {

    /**
     * Columns: no token, expired, another issuer, forged (another key), each role (of SH001), staff and manager of
     * another branch (their league table is their own branch's: below).
     * The live stream never ends, so the matrix does not call it ("-"): {@link #the_live_stream_is_for_hq_and_refuses_anyone_else_at_once}.
     */
    static final String TABLE = """
            operation                  none expired issuer forged staff manager analyst approver ops privacy other-branch
            getOverview                401  401     401    401    403   200     200     200      200 403     403
            getOverviewCsv             401  401     401    401    403   200     200     200      200 403     403
            getBranchLeague            401  401     401    401    403   200     200     200      200 403     200
            getBranchLeagueCsv         401  401     401    401    403   200     200     200      200 403     200
            listCasesBehindMeasure     401  401     401    401    403   200     200     200      200 403     403
            listCasesBehindMeasureCsv  401  401     401    401    403   200     200     200      200 403     403
            getCaseTimeline            401  401     401    401    403   200     200     200      200 403     403
            getFreshness               401  401     401    401    403   200     200     200      200 403     200
            streamChanges              -    -       -      -      -     -       -       -        -   -       -
            rebuildInsights            401  401     401    401    403   403     403     403      200 403     403
            getSignIn                  200  200     200    200    200   200     200     200      200 200     200
            getCaseHistory             401  401     401    401    403   403     403     403      404 403     403
            """;

    Streams streams;
    UUID complaint;

    @BeforeEach
    void aCaseOfSh001() {
        streams = new Streams();
        complaint = streams.filed("SH001", "SH001-2026-" + UUID.randomUUID().toString().substring(0, 6),
                "FRONT_DESK", "PRIVACY", sh("2026-03-02T09:00"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/insights/cases/" + complaint + "/timeline").then().statusCode(200));
    }

    @AfterEach
    void done() {
        streams.close();
    }

    @Test
    void every_operation_answers_each_kind_of_caller_as_the_table_says() {
        String period = "from=2026-03-01&to=2026-03-31";
        Map<String, Call> calls = Map.ofEntries(
                Map.entry("getOverview", Call.of("GET", "/insights/overview?branch=SH001&" + period)),
                Map.entry("getOverviewCsv", Call.of("GET", "/insights/overview.csv?branch=SH001&" + period)),
                Map.entry("getBranchLeague", Call.of("GET", "/insights/branches?" + period)),
                Map.entry("getBranchLeagueCsv", Call.of("GET", "/insights/branches.csv?" + period)),
                Map.entry("listCasesBehindMeasure", Call.of("GET",
                        "/insights/cases?measure=received&branch=SH001&" + period)),
                Map.entry("listCasesBehindMeasureCsv", Call.of("GET",
                        "/insights/cases.csv?measure=received&branch=SH001&" + period)),
                Map.entry("getCaseTimeline", Call.of("GET", "/insights/cases/" + complaint + "/timeline")),
                Map.entry("getFreshness", Call.of("GET", "/insights/freshness")),
                Map.entry("streamChanges", Call.of("GET", "/insights/live")),
                Map.entry("rebuildInsights", Call.of("POST", "/insights/read-models/rebuild?name=hq-surveys")),
                Map.entry("getSignIn", Call.of("GET", "/insights/sign-in")),
                // complaint-service is played by FakeServices here, which knows no such case: operations are let in
                Map.entry("getCaseHistory", Call.of("GET", "/operations/cases/" + complaint + "/history")));

        assertThat(AccessMatrix.check(TABLE, calls::get)).isEmpty();
    }

    @Test
    void the_live_stream_is_for_hq_and_refuses_anyone_else_at_once() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        java.net.URI live = java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/insights/live");
        Map<String, Integer> refused = new java.util.LinkedHashMap<>();
        refused.put("", 401);
        refused.put(TestTokens.expired("hq-analyst"), 401);
        refused.put(TestTokens.forged("hq-analyst"), 401);
        refused.put(TestTokens.otherIssuer("hq-analyst"), 401);
        refused.put(TestTokens.staffOf("SH001"), 403);
        refused.put(TestTokens.withRole("privacy-officer"), 403);
        for (var caller : refused.entrySet()) {
            var request = java.net.http.HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(5));
            if (!caller.getKey().isEmpty()) {
                request.header("Authorization", TestTokens.bearer(caller.getKey()));
            }
            var response = http.send(request.GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(caller.getValue());
            assertThat(response.body()).doesNotContain("changes");
        }
        // HQ gets the stream: a first event (a change since it connected, or the heartbeat) without asking twice
        var request = java.net.http.HttpRequest.newBuilder(live)
                .header("Authorization", TestTokens.bearer(TestTokens.withRole("hq-analyst"))).GET().build();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        try (var lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            String first = lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
            assertThat(first).contains("\"changes\"");
        }
    }

    @Test
    void a_branch_manager_sees_the_measures_of_their_own_branches_only() {
        String manager = TestTokens.bearer(TestTokens.withRole("branch-manager", "BJ001"));
        String period = "from=2026-03-01&to=2026-03-31";
        given().header("Authorization", manager).get("/insights/overview?branch=SH001&" + period).then()
                .statusCode(403).body("type", equalTo("urn:clinic:problem:other-branch"));
        given().header("Authorization", manager).get("/insights/cases/" + complaint + "/timeline").then()
                .statusCode(403);
        given().header("Authorization", manager).get("/insights/cases?measure=received&" + period).then()
                .statusCode(200).body("rows.findAll { it.branchId != 'BJ001' }.size()", equalTo(0));
        given().header("Authorization", manager).get("/insights/branches?" + period).then()
                .statusCode(200).body("findAll { it.branchId != 'BJ001' }.size()", equalTo(0));
        // HQ sees the case, and nothing personal about its customer: the API has none to show
        String analyst = TestTokens.bearer(TestTokens.withRole("hq-analyst"));
        String timeline = given().header("Authorization", analyst).get("/insights/cases/" + complaint + "/timeline")
                .then().statusCode(200).extract().asString();
        assertThat(timeline).doesNotContain("customerRef").doesNotContain("cust-");
    }
}
