package clinic.followup;

import clinic.devstack.TestTokens;
import clinic.devstack.TopicReader;
import clinic.followup.application.DueWorkScheduler;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Follow-ups on the real broker and database, driven by the events of the other services, with the clock injected
 * and the scheduler run by the test at the instants that matter. Shanghai branches: 09:00-18:00, Monday to Friday.
 */
@QuarkusTest
class FollowUpJourneyTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DueWorkScheduler scheduler;

    OtherServices others;
    String branch;
    String customer;

    @BeforeEach
    void setUp() {
        others = new OtherServices(bootstrap);
        branch = "T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        others.close();
        QuarkusMock.installMockForType(Clock.systemUTC(), Clock.class);
    }

    void clockAt(String instant) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), Clock.class);
    }

    static List<String> field(UUID complaintId, String path) {
        return given().queryParam("complaintId", complaintId.toString()).queryParam("size", "100").get("/followups")
                .then().statusCode(200).extract().path("items." + path);
    }

    static void awaitTasks(UUID complaintId, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(field(complaintId, "id")).hasSize(count));
    }

    /** A step by staff of the test's branch (the default caller works only for the fixed branches, not this one). */
    ValidatableResponse post(String path, String json) {
        return post(branch, path, json);
    }

    static ValidatableResponse post(String staffBranch, String path, String json) {
        return given().contentType(ContentType.JSON).header("Authorization", asStaffOf(staffBranch)).body(json)
                .post(path).then();
    }

    static String asStaffOf(String branch) {
        return TestTokens.bearer(TestTokens.staffOf(branch));
    }

    /** The customer opens the survey link as it came: no account, so no token. */
    static RequestSpecification asTheCustomer() {
        return given().header("Authorization", TestTokens.NONE);
    }

    @Test
    void a_case_from_resolution_through_its_calls_to_a_survey_answer_that_reopens_it() {
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, Instant.parse("2026-03-02T02:15:00Z"));
        // resolved Wednesday 4 March, 15:00 in Shanghai
        others.step(complaint, "complaint.resolved.v1", Instant.parse("2026-03-04T07:00:00Z"));
        awaitTasks(complaint, 4);
        given().queryParam("complaintId", complaint.toString()).queryParam("kind", "RESOLUTION_CALLBACK").get("/followups")
                .then().body("items.day", equalTo(List.of(1, 3, 7)))
                .body("items.dueAt", equalTo(List.of("2026-03-05T07:00:00Z", "2026-03-09T01:00:00Z", "2026-03-11T07:00:00Z")))
                .body("items.status", equalTo(List.of("SCHEDULED", "SCHEDULED", "SCHEDULED")));

        // Thursday 15:00:30: the day-1 callback and the intake callback (due since Tuesday) come due
        clockAt("2026-03-05T07:00:30Z");
        scheduler.fire();
        scheduler.fire();
        given().queryParam("branch", branch).queryParam("due", "2026-03-05").get("/followups").then()
                .body("items.kind", equalTo(List.of("INTAKE_CALLBACK", "RESOLUTION_CALLBACK")))
                .body("items.overdue", equalTo(List.of(true, false)))
                .body("items.status", equalTo(List.of("DUE", "DUE")));

        // the queue hands the overdue one out first, each task once
        String intake = post("/followups/next", "{\"branch\":\"%s\",\"staff\":\"staff:wang\"}".formatted(branch))
                .statusCode(200).body("kind", equalTo("INTAKE_CALLBACK")).body("assignedTo", equalTo("staff:wang"))
                .extract().path("id");
        String day1 = post("/followups/next", "{\"branch\":\"%s\",\"staff\":\"staff:li\"}".formatted(branch))
                .statusCode(200).body("day", equalTo(1)).extract().path("id");
        post("/followups/next", "{\"branch\":\"%s\",\"staff\":\"staff:li\"}".formatted(branch)).statusCode(204);

        post("/followups/" + intake + "/calls", """
                {"outcome":"REACHED_SATISFIED","durationSeconds":240,"notes":"Swelling gone, happy with the result"}""")
                .statusCode(200).body("status", equalTo("DONE")).body("attempts", equalTo(1));
        // no answer: tried again at Friday's opening
        post("/followups/" + day1 + "/calls", "{\"outcome\":\"NO_ANSWER\",\"durationSeconds\":30}")
                .statusCode(200).body("status", equalTo("SCHEDULED")).body("dueAt", equalTo("2026-03-06T01:00:00Z"))
                .body("attempts", equalTo(1));
        post("/followups/" + day1 + "/calls", "{\"outcome\":\"NO_ANSWER\",\"durationSeconds\":30}").statusCode(409)
                .body("currentState", equalTo("SCHEDULED"));
        post("/followups/" + intake + "/calls", "{\"outcome\":\"SOMETHING\",\"durationSeconds\":30}").statusCode(400);

        var published = TopicReader.read(bootstrap, "followup-events", r -> intake.equals(r.key())
                && "followup.call-recorded.v1".equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertThat(published).singleElement().satisfies(r -> assertThat(r.value()).contains("REACHED_SATISFIED")
                .doesNotContain("Swelling"));

        // closed Thursday 12 March 16:00; the survey goes out Friday 16:00
        others.step(complaint, "complaint.closed.v1", Instant.parse("2026-03-12T08:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("complaintId", complaint.toString())
                .get("/surveys").then().body("[0].status", equalTo("SCHEDULED"))
                .body("[0].sendAt", equalTo("2026-03-13T08:00:00Z")));
        clockAt("2026-03-13T08:00:05Z");
        scheduler.fire();
        String link = given().header("Authorization", asStaffOf(branch)).queryParam("complaintId", complaint.toString())
                .get("/surveys").then()
                .body("[0].status", equalTo("SENT")).body("[0].expiresAt", equalTo("2026-04-10T08:00:05Z"))
                .extract().path("[0].link");
        String path = link.substring(link.indexOf("/surveys/"));

        asTheCustomer().queryParam("lang", "en").get(path).then().statusCode(200).body(containsString("How did we do?"));
        asTheCustomer().get(path).then().statusCode(200).body(containsString("服务满意度调查"));
        asTheCustomer().contentType(ContentType.URLENC).formParam("csat", "2").formParam("nps", "7")
                .formParam("comment", "The swelling came back").queryParam("lang", "en").post(path)
                .then().statusCode(200).body(containsString("Thank you!"));
        asTheCustomer().contentType(ContentType.URLENC).formParam("csat", "5").formParam("nps", "10")
                .queryParam("lang", "en").post(path).then().statusCode(409).body(containsString("already been answered"));
        given().queryParam("complaintId", complaint.toString()).get("/surveys").then()
                .body("[0].csat", equalTo(2)).body("[0].nps", equalTo(7));

        var dissatisfied = TopicReader.read(bootstrap, "followup-events", r ->
                "followup.customer-dissatisfied.v1".equals(TopicReader.header(r, "ce_type"))
                        && r.value().contains(complaint.toString()), 1, Duration.ofSeconds(30));
        assertThat(dissatisfied).singleElement().satisfies(r -> assertThat(r.value()).contains("CSAT 2/5")
                .doesNotContain("swelling came back"));

        // operations rebuild both read models from the store: the survey and its scores come back as they were
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                clinic.followup.projection.SurveyRow.delete("complaintId", complaint));
        given().post("/followups/read-model/rebuild").then().statusCode(200);
        given().queryParam("complaintId", complaint.toString()).get("/surveys").then()
                .body("[0].status", equalTo("ANSWERED")).body("[0].csat", equalTo(2)).body("[0].nps", equalTo(7));
    }

    @Test
    void a_reopened_case_loses_its_open_calls_and_a_withdrawn_one_everything_open() {
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, Instant.parse("2026-03-02T02:15:00Z"));
        others.step(complaint, "complaint.resolved.v1", Instant.parse("2026-03-04T07:00:00Z"));
        awaitTasks(complaint, 4);
        others.reopened(complaint, 1, Instant.parse("2026-03-05T02:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(field(complaint, "status")).containsOnly("CANCELLED"));

        // resolved again: a new 1-3-7 series for the new cycle
        others.step(complaint, "complaint.resolved.v1", Instant.parse("2026-03-10T03:00:00Z"));
        awaitTasks(complaint, 7);
        assertThat(field(complaint, "status")).containsOnly("CANCELLED", "SCHEDULED").filteredOn("SCHEDULED"::equals).hasSize(3);

        others.step(complaint, "complaint.withdrawn.v1", Instant.parse("2026-03-10T05:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(field(complaint, "status")).containsOnly("CANCELLED"));
    }

    @Test
    void a_customer_who_asks_not_to_be_contacted_gets_no_calls_and_no_survey() {
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, Instant.parse("2026-03-02T02:15:00Z"));
        awaitTasks(complaint, 1);
        given().contentType(ContentType.JSON).body("{\"doNotContact\":true}").put("/customers/" + customer + "/contact-preference")
                .then().statusCode(200).body("cancelled", equalTo(1));
        assertThat(field(complaint, "status")).containsExactly("CANCELLED");

        others.step(complaint, "complaint.resolved.v1", Instant.parse("2026-03-04T07:00:00Z"));
        others.step(complaint, "complaint.closed.v1", Instant.parse("2026-03-05T07:00:00Z"));
        UUID marker = UUID.randomUUID();
        others.filed(marker, branch, "someone-else", Instant.parse("2026-03-05T07:00:00Z"));
        awaitTasks(marker, 1); // processed after the others, on the same partition
        assertThat(field(complaint, "status")).containsExactly("CANCELLED");
        given().queryParam("complaintId", complaint.toString()).get("/surveys").then().body("size()", equalTo(0));
        given().get("/customers/" + customer + "/contact-preference").then().body("doNotContact", equalTo(true));
    }

    @Test
    void a_sale_of_products_schedules_their_follow_ups_and_a_settled_refund_the_callbacks() {
        UUID purchase = UUID.randomUUID();
        others.purchaseRecorded(purchase, branch, "POS-1", customer, Instant.parse("2026-03-02T03:00:00Z"), List.of(
                OtherServices.line("L1", "PRODUCT", "repair serum", "THERAPEUTIC"),
                OtherServices.line("L2", "PRODUCT", "sunscreen", "GENERAL"),
                OtherServices.line("L3", "TREATMENT", "peel", null)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("branch", branch)
                .queryParam("kind", "PRODUCT_FOLLOW_UP").get("/followups").then()
                .body("items.day", equalTo(List.of(2, 3, 5)))
                .body("items.purchaseId", equalTo(List.of(purchase.toString(), purchase.toString(), purchase.toString()))));

        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, Instant.parse("2026-03-02T02:15:00Z"));
        awaitTasks(complaint, 1);
        others.refund(UUID.randomUUID(), "refund.settled.v1", Instant.parse("2026-03-04T07:00:00Z"),
                OtherServices.settled(complaint, Instant.parse("2026-03-04T07:00:00Z")));
        awaitTasks(complaint, 4);
        // resolved after the settlement, in the same cycle: no second series
        others.step(complaint, "complaint.resolved.v1", Instant.parse("2026-03-05T07:00:00Z"));
        UUID marker = UUID.randomUUID();
        others.filed(marker, branch, customer, Instant.parse("2026-03-05T07:00:00Z"));
        awaitTasks(marker, 1);
        awaitTasks(complaint, 4);
    }

    @Test
    void two_people_asking_for_work_at_once_never_get_the_same_task() throws Exception {
        List<UUID> complaints = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID c = UUID.randomUUID();
            complaints.add(c);
            others.filed(c, branch, customer + i, Instant.parse("2026-03-02T02:15:00Z"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("branch", branch).get("/followups")
                .then().body("total", equalTo(12)));
        clockAt("2026-03-03T03:00:00Z");
        scheduler.fire();

        List<String> handedOut = Collections.synchronizedList(new ArrayList<>());
        Callable<Void> staff = () -> {
            while (true) {
                var response = given().contentType(ContentType.JSON).header("Authorization", asStaffOf(branch))
                        .body("{\"branch\":\"%s\",\"staff\":\"staff:%s\"}".formatted(branch, Thread.currentThread().getName()))
                        .post("/followups/next");
                if (response.statusCode() == 204) {
                    return null;
                }
                assertThat(response.statusCode()).isEqualTo(200);
                handedOut.add(response.path("id"));
            }
        };
        try (var pool = Executors.newFixedThreadPool(3)) {
            for (var f : pool.invokeAll(List.of(staff, staff, staff))) {
                f.get();
            }
        }
        assertThat(handedOut).hasSize(12).doesNotHaveDuplicates();
        given().queryParam("branch", branch).queryParam("status", "ASSIGNED").get("/followups").then()
                .body("total", equalTo(12)).body("items.assignedTo", not(org.hamcrest.Matchers.hasItem((String) null)));
    }

    @Test
    void a_corrective_visit_schedules_a_check_in_within_24_hours() {
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, Instant.parse("2026-03-02T02:15:00Z"));
        awaitTasks(complaint, 1);
        // Tuesday 3 March 11:00 in Shanghai
        post("/followups/corrective-visits", "{\"complaintId\":\"%s\",\"visitedAt\":\"2026-03-03T03:00:00Z\"}"
                .formatted(complaint)).statusCode(201).body("kind", equalTo("CORRECTIVE_CHECK_IN"))
                .body("dueAt", equalTo("2026-03-03T05:00:00Z"));
        post("/followups/corrective-visits", "{\"complaintId\":\"%s\",\"visitedAt\":\"2026-03-03T03:00:00Z\"}"
                .formatted(UUID.randomUUID())).statusCode(400).body("errors[0].field", equalTo("complaintId"));
        post("/followups/corrective-visits", "{\"complaintId\":\"%s\"}".formatted(complaint)).statusCode(400)
                .body("errors[0].field", containsString("visitedAt"));
    }

    @Test
    void an_event_about_an_unknown_complaint_goes_to_the_dead_letter_topic_with_the_reason() {
        UUID unknown = UUID.randomUUID();
        others.refund(UUID.randomUUID(), "refund.settled.v1", Instant.parse("2026-03-04T07:00:00Z"),
                OtherServices.settled(unknown, Instant.parse("2026-03-04T07:00:00Z")));
        var dead = TopicReader.read(bootstrap, "refund-events.followup-service.dlq",
                r -> r.value() != null && r.value().contains(unknown.toString()), 1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r ->
                assertThat(TopicReader.header(r, "dead-letter-reason")).contains("is not known here"));
    }

    @Test
    void a_branch_with_its_own_rules_follows_them_over_the_chains() {
        // test profile: SH9RULE calls back on days 1 and 2 and tries a call once
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, "SH9RULE", customer, Instant.parse("2026-03-02T02:15:00Z"));
        others.step(complaint, "complaint.resolved.v1", Instant.parse("2026-03-04T07:00:00Z"));
        awaitTasks(complaint, 3);
        given().queryParam("complaintId", complaint.toString()).queryParam("kind", "RESOLUTION_CALLBACK").get("/followups")
                .then().body("items.day", equalTo(List.of(1, 2)));

        clockAt("2026-03-05T07:00:30Z");
        scheduler.fire();
        String day1 = given().queryParam("complaintId", complaint.toString()).queryParam("kind", "RESOLUTION_CALLBACK")
                .queryParam("status", "DUE").get("/followups").then().extract().path("items[0].id");
        post("SH9RULE", "/followups/" + day1 + "/calls", "{\"outcome\":\"NO_ANSWER\",\"durationSeconds\":20}")
                .statusCode(200).body("status", equalTo("UNREACHABLE"));
    }

    @Inject
    jakarta.persistence.EntityManager em;

    long notesOf(String task) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from call_notes where task_id = ?1").setParameter(1, UUID.fromString(task))
                .getSingleResult()).longValue());
    }

    @Test
    void a_customer_erased_in_complaint_service_loses_their_call_notes_here_and_keeps_the_calls() {
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, Instant.parse("2026-03-02T02:15:00Z"));
        awaitTasks(complaint, 1);
        clockAt("2026-03-03T03:00:00Z");
        scheduler.fire();
        String task = field(complaint, "id").getFirst();
        post("/followups/" + task + "/calls", """
                {"outcome":"NEEDS_HELP","durationSeconds":200,"notes":"Asks about the scar cream dosage"}""")
                .statusCode(200);
        assertThat(notesOf(task)).isEqualTo(1);

        others.erased(customer, Instant.parse("2026-03-04T03:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> notesOf(task) == 0);
        given().get("/followups/" + task).then().body("status", equalTo("DONE")).body("lastOutcome", equalTo("NEEDS_HELP"));
    }
}
