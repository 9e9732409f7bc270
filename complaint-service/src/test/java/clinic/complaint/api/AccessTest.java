package clinic.complaint.api;

import clinic.devstack.AccessMatrix;
import clinic.devstack.AccessMatrix.Call;
import clinic.devstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Who may call what: every operation of the OpenAPI document against every kind of caller (the table), a branch's
 * staff kept out of another branch's cases, personal data masked outside the branch and every unmasked read recorded.
 */
@QuarkusTest
class AccessTest {

    /**
     * Columns: no token, expired, another issuer, forged (another key), each role (of SH001), staff of another branch.
     * ok: let through (the case's state decides the rest); a status: exactly that.
     */
    static final String TABLE = """
            operation                          none expired issuer forged staff manager analyst approver ops privacy other-branch
            fileComplaint                      401  401     401    401    201   201     403     403      403 403     403
            acknowledgeComplaint               401  401     401    401    ok    ok      403     403      403 403     403
            assessComplaint                    401  401     401    401    ok    ok      403     403      403 403     403
            closeComplaintOutOfScope           401  401     401    401    ok    ok      403     403      403 403     403
            startComplaintInvestigation        401  401     401    401    ok    ok      403     403      403 403     403
            startComplaintWait                 401  401     401    401    ok    ok      403     403      403 403     403
            resumeComplaint                    401  401     401    401    ok    ok      403     403      403 403     403
            addComplaintEvidence               401  401     401    401    ok    ok      403     403      403 403     403
            requestComplaintAssessment         401  401     401    401    ok    ok      403     403      403 403     403
            recordComplaintAssessment          401  401     401    401    ok    ok      403     403      403 403     403
            proposeComplaintRemedy             401  401     401    401    ok    ok      403     403      403 403     403
            makeComplaintCounterOffer          401  401     401    401    ok    ok      403     403      403 403     403
            agreeComplaint                     401  401     401    401    ok    ok      403     403      403 403     403
            resolveComplaint                   401  401     401    401    ok    ok      403     403      403 403     403
            closeComplaint                     401  401     401    401    ok    ok      403     403      403 403     403
            reopenComplaint                    401  401     401    401    ok    ok      403     403      403 403     403
            withdrawComplaint                  401  401     401    401    ok    ok      403     403      403 403     403
            escalateComplaint                  401  401     401    401    ok    ok      403     403      403 403     403
            recordComplaintEscalationOutcome   401  401     401    401    ok    ok      403     403      403 403     403
            uploadComplaintEvidence            401  401     401    401    ok    ok      403     403      403 403     403
            downloadComplaintEvidence          401  401     401    401    200   200     403     403      403 403     403
            listComplaints                     401  401     401    401    200   200     200     200      200 200     403
            getComplaint                       401  401     401    401    200   200     200     200      200 200     403
            listComplaintEvents                401  401     401    401    200   200     200     200      200 200     403
            rebuildComplaintList               401  401     401    401    403   403     403     403      200 403     403
            eraseCustomerPersonalData          401  401     401    401    403   403     403     403      403 204     403
            listPersonalDataReads              401  401     401    401    403   403     403     403      403 200     403
            """;

    static final String TODAY = ComplaintLifecycleTest.TODAY;

    String complaint;
    String evidence;
    String erasable;

    @BeforeEach
    void aCaseOfSh001WithEvidence() {
        complaint = ComplaintResourceTest.file(ComplaintResourceTest.body("SH001").replace("\"phone\": \"+86 138 0000 1234\"",
                "\"phone\": \"+86 138 0000 1234\", \"idNumber\": \"110101199003071234\"")).then().statusCode(201)
                .extract().path("id");
        evidence = given().contentType("image/jpeg").queryParam("type", "PHOTO").queryParam("suppliedBy", "customer")
                .body(EvidenceFilesTest.photo(512)).post("/complaints/" + complaint + "/evidence").then().statusCode(201)
                .extract().path("evidence[0].id");
        erasable = "cust-erase-" + UUID.randomUUID().toString().substring(0, 8);
        ComplaintResourceTest.file(ComplaintResourceTest.body("SH001").replace("cust-889", erasable)).then()
                .statusCode(201);
    }

    @Test
    void every_operation_answers_each_kind_of_caller_as_the_table_says() {
        String c = "/complaints/" + complaint;
        Map<String, Call> calls = Map.ofEntries(
                Map.entry("fileComplaint", Call.json("POST", "/complaints", ComplaintResourceTest.body("SH001"))),
                Map.entry("acknowledgeComplaint", Call.of("POST", c + "/acknowledge")),
                Map.entry("assessComplaint", Call.json("POST", c + "/assess", """
                        {"category":"TREATMENT_RESULT","severity":"MEDIUM","subject":"SERVICE","serviceDate":"%s",
                         "owner":"li.na"}""".formatted(TODAY))),
                Map.entry("closeComplaintOutOfScope", Call.json("POST", c + "/close-out-of-scope",
                        "{\"explanation\":\"outside the guarantee\"}")),
                Map.entry("startComplaintInvestigation", Call.of("POST", c + "/start-investigation")),
                Map.entry("startComplaintWait", Call.json("POST", c + "/wait", "{\"reason\":\"CUSTOMER\"}")),
                Map.entry("resumeComplaint", Call.of("POST", c + "/resume")),
                Map.entry("addComplaintEvidence", Call.json("POST", c + "/add-evidence", """
                        {"type":"PHOTO","suppliedBy":"customer","sha256":"%s","sizeBytes":2048}""".formatted("ab".repeat(32)))),
                Map.entry("requestComplaintAssessment", Call.json("POST", c + "/request-assessment",
                        "{\"assessor\":\"city medical association\"}")),
                Map.entry("recordComplaintAssessment", Call.json("POST", c + "/record-assessment",
                        "{\"result\":\"AT_FAULT\",\"summary\":\"filler placed too deep\"}")),
                Map.entry("proposeComplaintRemedy", Call.json("POST", c + "/propose-remedy",
                        "{\"remedy\":\"CORRECTIVE_TREATMENT\"}")),
                Map.entry("makeComplaintCounterOffer", Call.json("POST", c + "/counter-offer", """
                        {"party":"CUSTOMER","remedy":"PARTIAL_REFUND","amount":{"amount":"5000.00","currency":"CNY"},
                         "reason":"no more sessions"}""")),
                Map.entry("agreeComplaint", Call.json("POST", c + "/agree", """
                        {"remedy":"PARTIAL_REFUND","amount":{"amount":"4000.00","currency":"CNY"},
                         "paymentMethod":"original card"}""")),
                Map.entry("resolveComplaint", Call.json("POST", c + "/resolve", "{\"decision\":\"refund agreed\"}")),
                Map.entry("closeComplaint", Call.of("POST", c + "/close")),
                Map.entry("reopenComplaint", Call.json("POST", c + "/reopen", "{\"reason\":\"still swollen\"}")),
                Map.entry("withdrawComplaint", Call.json("POST", c + "/withdraw", "{\"reason\":\"settled privately\"}")),
                Map.entry("escalateComplaint", Call.json("POST", c + "/escalate", "{\"body\":\"SOCIAL_MEDIA\"}")),
                Map.entry("recordComplaintEscalationOutcome", Call.json("POST", c + "/record-escalation-outcome",
                        "{\"escalationId\":\"%s\",\"outcome\":\"mediated\"}".formatted(UUID.randomUUID()))),
                Map.entry("uploadComplaintEvidence", Call.bytes("POST", c + "/evidence?type=PHOTO&suppliedBy=customer",
                        "image/jpeg", EvidenceFilesTest.photo(256))),
                Map.entry("downloadComplaintEvidence", Call.of("GET", c + "/evidence/" + evidence)),
                Map.entry("listComplaints", Call.of("GET", "/complaints?branch=SH001")),
                Map.entry("getComplaint", Call.of("GET", c)),
                Map.entry("listComplaintEvents", Call.of("GET", c + "/events")),
                Map.entry("rebuildComplaintList", Call.of("POST", "/complaints/read-model/rebuild")),
                Map.entry("eraseCustomerPersonalData", Call.of("DELETE", "/customers/" + erasable + "/personal-data")),
                Map.entry("listPersonalDataReads", Call.of("GET", "/personal-data-reads?customerRef=cust-889")));

        assertThat(AccessMatrix.check(TABLE, calls::get)).isEmpty();
    }

    @Test
    void staff_of_another_branch_list_only_their_own_cases_and_cannot_name_this_one() {
        String otherBranch = TestTokens.bearer(TestTokens.staffOf("BJ001"));
        String theirs = given().header("Authorization", otherBranch).contentType(ContentType.JSON)
                .body(ComplaintResourceTest.body("BJ001")).post("/complaints").then().statusCode(201).extract().path("id");
        given().header("Authorization", otherBranch).queryParam("size", 500).get("/complaints").then().statusCode(200)
                .body("items.branchId", everyItem(equalTo("BJ001")))
                .body("items.id", hasItem(theirs))
                .body("items.id", not(hasItem(complaint)));
        given().header("Authorization", otherBranch).queryParam("branch", "SH001").get("/complaints").then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:clinic:problem:other-branch"));
        // a branch that is no branch code is refused as such, not echoed back in a refusal
        given().header("Authorization", otherBranch).queryParam("branch", "SH001' or 1=1 " + "x".repeat(2000))
                .get("/complaints").then().statusCode(400).body("errors[0].field", equalTo("branch"));
        given().header("Authorization", otherBranch).post("/complaints/" + complaint + "/acknowledge").then()
                .statusCode(403);
        // refused before anything of the case is told: not its version (412), not its state (409)
        given().header("Authorization", otherBranch).header("If-Match", "\"1\"")
                .post("/complaints/" + complaint + "/acknowledge").then().statusCode(403)
                .body("currentVersion", nullValue());
        given().header("Authorization", otherBranch).post("/complaints/" + complaint + "/close").then().statusCode(403)
                .body("allowedSteps", nullValue());
        given().get("/complaints/" + complaint).then().body("status", equalTo("RECEIVED")).body("version", equalTo(2));
    }

    @Test
    void hq_sees_personal_data_masked_the_branch_sees_it_whole_and_each_unmasked_read_is_recorded() {
        String analyst = TestTokens.bearer(TestTokens.withRole("hq-analyst"));
        given().header("Authorization", analyst).get("/complaints/" + complaint).then().statusCode(200)
                .body("customer.name", equalTo("王*"))
                .body("customer.phone", equalTo("138****1234"))
                .body("customer.idNumber", equalTo("1101**********1234"))
                .body("customer.masked", equalTo(true))
                .body("description", nullValue());

        String liNa = TestTokens.of("li.na", List.of("branch-staff"), List.of("SH001"));
        given().header("Authorization", TestTokens.bearer(liNa)).get("/complaints/" + complaint).then().statusCode(200)
                .body("customer.name", equalTo("王丽"))
                .body("customer.phone", equalTo("+86 138 0000 1234"))
                .body("customer.masked", equalTo(false));
        given().header("Authorization", TestTokens.bearer(liNa)).get("/complaints/" + complaint + "/evidence/" + evidence)
                .then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(liNa)).post("/complaints/" + complaint + "/acknowledge")
                .then().statusCode(200).body("customer.idNumber", equalTo("110101199003071234"));

        String officer = TestTokens.bearer(TestTokens.withRole("privacy-officer"));
        given().header("Authorization", officer).queryParam("complaintId", complaint).queryParam("actor", "li.na")
                .get("/personal-data-reads").then().statusCode(200)
                .body("items.operation", contains("acknowledgeComplaint", "downloadComplaintEvidence", "getComplaint"))
                .body("items.customerRef", everyItem(equalTo("cust-889")))
                .body("items.branchId", everyItem(equalTo("SH001")));
        // the analyst's masked read is not a read of personal data
        given().header("Authorization", officer).queryParam("complaintId", complaint).queryParam("actor", "hq-analyst")
                .get("/personal-data-reads").then().body("total", equalTo(0));
    }

    @Test
    void a_refused_token_and_a_missing_one_answer_problem_details_with_the_bearer_challenge() {
        given().header("Authorization", TestTokens.NONE).get("/complaints/" + complaint).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"clinic\""))
                .body("type", equalTo("urn:clinic:problem:unauthorized"));
        given().header("Authorization", TestTokens.bearer(TestTokens.expired("branch-staff", "SH001")))
                .contentType(ContentType.JSON).body(ComplaintResourceTest.body("SH001")).post("/complaints").then()
                .statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(TestTokens.withRole("hq-analyst")))
                .post("/complaints/" + complaint + "/acknowledge").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:clinic:problem:forbidden"));
    }

    @Test
    void hostile_tokens_are_refused_never_a_5xx_and_odd_claims_grant_nothing() {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String staff = TestTokens.claims("mallory", "[\"branch-staff\"]", "[\"SH001\"]");
        long now = java.time.Instant.now().getEpochSecond();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("alg none", TestTokens.raw("{\"alg\":\"none\"}", staff, false));
        refused.put("HS256 keyed with the public key", TestTokens.hmacWithThePublicKey(staff));
        refused.put("no expiry", TestTokens.raw(header, staff.replaceAll(",\"exp\":[0-9]+", ""), true));
        refused.put("another audience", TestTokens.raw(header, staff.replace("clinic-api", "payroll-api"), true));
        refused.put("not yet valid", TestTokens.raw(header, staff.replace("\"iat\"", "\"nbf\":" + (now + 3600)
                + ",\"iat\""), true));
        refused.put("not a token", "a.b.c");
        refused.put("8 KB of garbage", "x".repeat(8000));
        refused.put("a payload that is not JSON", TestTokens.raw(header, "[1,2", true));
        refused.forEach((what, token) -> given().header("Authorization", TestTokens.bearer(token))
                .get("/complaints/" + complaint).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:clinic:problem:unauthorized")));

        // signed and valid, but claims of the wrong shape: no branch, no role, or no subject to act as
        given().header("Authorization", TestTokens.bearer(TestTokens.raw(header,
                        TestTokens.claims("mallory", "[\"branch-staff\"]", "{\"SH001\":true}"), true)))
                .get("/complaints/" + complaint).then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.raw(header,
                        TestTokens.claims("mallory", "[\"superuser\"]", "[\"SH001\"]"), true)))
                .get("/complaints/" + complaint).then().statusCode(403);
        String noSubject = TestTokens.raw(header, staff.replace("\"sub\":\"mallory\",", "\"preferred_username\":\"mallory\","),
                true);
        given().header("Authorization", TestTokens.bearer(noSubject)).post("/complaints/" + complaint + "/acknowledge")
                .then().statusCode(401);
        given().get("/complaints/" + complaint).then().body("status", equalTo("RECEIVED"));
    }
}
