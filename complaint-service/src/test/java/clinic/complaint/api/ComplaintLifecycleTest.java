package clinic.complaint.api;

import clinic.devstack.TestTokens;
import clinic.calendar.BusinessCalendar;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.Channel;
import clinic.complaint.domain.ComplaintEvent;
import clinic.eventstore.domain.Money;
import clinic.complaint.domain.Remedy;
import clinic.complaint.domain.sla.SlaPolicy;
import clinic.complaint.domain.sla.SlaTargetTime;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** A case taken through its life over HTTP, as branch staff would, against the real database and broker. */
@QuarkusTest
public class ComplaintLifecycleTest {

    public static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    /** The test profile's chain calendar: Shanghai, 09:00-18:00, Monday to Friday, the official CN holidays only. */
    static final BusinessCalendar SHANGHAI = new BusinessCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0),
            LocalTime.of(18, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), Set.of(),
            clinic.calendar.OfficialCalendar.china());

    static String fileIn(String branch) {
        return given().contentType(ContentType.JSON).body(ComplaintResourceTest.body(branch)).post("/complaints")
                .then().statusCode(201).extract().path("id");
    }

    public static ValidatableResponse step(String id, String step, String json) {
        var request = given();
        if (json != null) {
            request = request.contentType(ContentType.JSON).body(json);
        }
        return request.post("/complaints/" + id + "/" + step).then();
    }

    @Test
    void a_branch_with_its_own_targets_and_windows_gets_them_and_the_others_keep_the_chains() {
        String privacy = ComplaintResourceTest.body("SH9SLA").replace("TREATMENT_RESULT", "PRIVACY");
        String own = given().contentType(ContentType.JSON).body(privacy).post("/complaints").then().statusCode(201)
                .extract().path("id");
        String chains = given().contentType(ContentType.JSON).body(privacy.replace("SH9SLA", "SH001"))
                .post("/complaints").then().statusCode(201).extract().path("id");

        // SH9SLA: a privacy complaint is acknowledged within 4 hours and resolved within 3 working days
        Instant filed = Instant.parse(given().get("/complaints/" + own).then().extract().path("filedAt"));
        given().get("/complaints/" + own).then()
                .body("sla.find { it.clock == 'ACKNOWLEDGE' }.dueAt", equalTo(filed.plus(Duration.ofHours(4)).toString()))
                .body("sla.find { it.clock == 'RESOLVE' }.dueAt",
                        equalTo(SHANGHAI.plusWorkingTime(filed, Duration.ofHours(27)).toString()));
        // SH001: the chain's 1 working day and 10 working days
        Instant other = Instant.parse(given().get("/complaints/" + chains).then().extract().path("filedAt"));
        given().get("/complaints/" + chains).then()
                .body("sla.find { it.clock == 'ACKNOWLEDGE' }.dueAt",
                        equalTo(SHANGHAI.plusWorkingTime(other, Duration.ofHours(9)).toString()))
                .body("sla.find { it.clock == 'RESOLVE' }.dueAt",
                        equalTo(SHANGHAI.plusWorkingTime(other, Duration.ofHours(90)).toString()));

        // a service 10 days ago: inside SH9SLA's 14-day free correction window, only in the chain's guarantee elsewhere
        String assess = """
                {"category":"PRIVACY","severity":"LOW","subject":"SERVICE","serviceDate":"%s","owner":"staff:wang"}"""
                .formatted(LocalDate.parse(TODAY).minusDays(10));
        step(own, "acknowledge", null).statusCode(200);
        step(own, "assess", assess).statusCode(200).body("scope", equalTo("free correction window (14 days)"));
        step(chains, "acknowledge", null).statusCode(200);
        step(chains, "assess", assess).statusCode(200).body("scope", equalTo("after-sales guarantee (365 days)"));
    }

    @Inject
    EventStore store;
    @Inject
    EventTypeRegistry<ComplaintEvent> types;

    @Test
    void a_complaint_keeps_the_targets_it_was_filed_under_whatever_the_policy_says_later() {
        // filed in SH9SLA: the branch's targets are in the event
        String id = fileIn("SH9SLA");
        given().get("/complaints/" + id + "/events").then()
                .body("[0].data.sla.resolve.within.workingDays", equalTo(3))
                .body("[0].data.sla.acknowledge.byCategory.PRIVACY.elapsed", equalTo("PT4H"));

        // a case of SH001 filed when the chain resolved within 2 working days (today's policy says 10)
        UUID old = UUID.randomUUID();
        Instant filedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SlaPolicy then = new SlaPolicy(SlaPolicy.DEFAULT.acknowledge(), new SlaPolicy.Targets(
                SlaTargetTime.workingDays(2), Map.of(), Map.of()), 0.8);
        ComplaintEvent filed = new ComplaintEvent.ComplaintFiled(old, "SH001-2026-900001", "SH001", "cust-old",
                Channel.FRONT_DESK, Category.TREATMENT_RESULT, Remedy.APOLOGY, new Money(100, "CNY"), filedAt, then);
        QuarkusTransaction.requiringNew().run(() -> store.append(old.toString(), 0,
                List.of(types.toNewEvent(filed, UUID.randomUUID(), filedAt)),
                new EventMetadata("SH001", "test", UUID.randomUUID(), null)));
        given().get("/complaints/" + old).then().statusCode(200)
                .body("sla.find { it.clock == 'RESOLVE' }.dueAt",
                        equalTo(SHANGHAI.plusWorkingTime(filedAt, Duration.ofHours(18)).toString()));
    }

    @Test
    void a_case_runs_from_receipt_through_negotiation_to_closing_and_is_reopened() {
        String id = fileIn("SH001");
        step(id, "acknowledge", null).statusCode(200);
        step(id, "assess", """
                {"category":"TREATMENT_RESULT","severity":"MEDIUM","subject":"SERVICE","serviceDate":"%s","owner":"staff:wang"}"""
                .formatted(TODAY)).statusCode(200)
                .body("status", equalTo("ASSESSED")).body("inScope", equalTo(true))
                .body("scope", equalTo("feedback window (3 days)"))
                .body("allowedSteps", hasItem("start-investigation"));
        step(id, "start-investigation", null).statusCode(200).body("status", equalTo("INVESTIGATING"));
        step(id, "wait", "{\"reason\":\"CUSTOMER\",\"note\":\"asked for before photos\"}").statusCode(200)
                .body("waitingOn", equalTo("CUSTOMER"));
        step(id, "add-evidence", """
                {"type":"PHOTO","suppliedBy":"customer","sha256":"%s","sizeBytes":204800}""".formatted("ab".repeat(32)))
                .statusCode(200).body("evidence", hasSize(1)).body("evidence[0].type", equalTo("PHOTO"));
        step(id, "resume", null).statusCode(200).body("waitingOn", nullValue());
        step(id, "propose-remedy", "{\"remedy\":\"CORRECTIVE_TREATMENT\",\"note\":\"free correction\"}").statusCode(200)
                .body("status", equalTo("REMEDY_PROPOSED"));
        step(id, "counter-offer", """
                {"party":"CUSTOMER","remedy":"PARTIAL_REFUND","amount":{"amount":"5000.00","currency":"CNY"},
                 "reason":"no more sessions"}""").statusCode(200).body("status", equalTo("NEGOTIATING"));
        step(id, "agree", """
                {"remedy":"PARTIAL_REFUND","amount":{"amount":"4000.00","currency":"CNY"},"paymentMethod":"original card",
                 "dueDate":"%s"}""".formatted(LocalDate.parse(TODAY).plusDays(7))).statusCode(200)
                .body("status", equalTo("AGREED"))
                .body("agreement.amount.amount", equalTo("4000.00"))
                .body("offers.party", contains("CLINIC", "CUSTOMER"));
        step(id, "resolve", "{\"decision\":\"partial refund of 4000.00 agreed\"}").statusCode(200)
                .body("status", equalTo("RESOLVED"));
        step(id, "close", null).statusCode(200).body("status", equalTo("CLOSED"))
                .body("allowedSteps", contains("reopen", "escalate"));
        step(id, "reopen", "{\"reason\":\"still swollen at the 7-day call\"}").statusCode(200)
                .body("status", equalTo("INVESTIGATING")).body("reopenCount", equalTo(1));

        given().get("/complaints/" + id + "/events").then().statusCode(200)
                .body("type", contains("complaint.filed.v1", "complaint.acknowledged.v1", "complaint.assessed.v1",
                        "complaint.investigation-started.v1", "complaint.wait-started.v1",
                        "complaint.evidence-added.v1", "complaint.wait-ended.v1", "complaint.remedy-proposed.v1",
                        "complaint.counter-offer-made.v1", "complaint.agreement-reached.v1", "complaint.resolved.v1",
                        "complaint.closed.v1", "complaint.reopened.v1"))
                .body("actor", everyItem(not(nullValue())));
    }

    @Test
    void a_refund_above_what_was_paid_is_refused_with_422_naming_the_field_and_changes_nothing() {
        String id = fileIn("SH001");
        step(id, "acknowledge", null).statusCode(200);
        step(id, "assess", """
                {"category":"TREATMENT_RESULT","severity":"LOW","subject":"SERVICE","serviceDate":"%s","owner":"staff:wang"}"""
                .formatted(TODAY)).statusCode(200);
        step(id, "start-investigation", null).statusCode(200);

        step(id, "propose-remedy", "{\"remedy\":\"PARTIAL_REFUND\",\"amount\":{\"amount\":\"99999.00\",\"currency\":\"CNY\"}}")
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("amount"))
                .body("detail", org.hamcrest.Matchers.containsString("exceeds the 12800.00 CNY paid"));
        given().get("/complaints/" + id).then().body("status", equalTo("INVESTIGATING")).body("version", equalTo(4));
    }

    @Test
    void a_case_outside_the_guarantee_is_closed_out_of_scope() {
        String id = fileIn("SH001");
        step(id, "acknowledge", null).statusCode(200);
        step(id, "assess", """
                {"category":"TREATMENT_RESULT","severity":"LOW","subject":"SERVICE","serviceDate":"%s","owner":"staff:wang"}"""
                .formatted(LocalDate.parse(TODAY).minusDays(400))).statusCode(200)
                .body("inScope", equalTo(false))
                .body("allowedSteps", hasItem("close-out-of-scope"));
        step(id, "start-investigation", null).statusCode(409).body("allowedSteps", hasItem("close-out-of-scope"));
        step(id, "close-out-of-scope", "{\"explanation\":\"the one-year guarantee ended in 2025\"}").statusCode(200)
                .body("status", equalTo("CLOSED_OUT_OF_SCOPE"))
                .body("decision", equalTo("the one-year guarantee ended in 2025"));
    }

    @Test
    void escalations_run_side_by_side_and_each_gets_its_outcome() {
        String id = fileIn("SH001");
        step(id, "escalate", "{\"body\":\"MARKET_REGULATOR_12315\",\"referenceNumber\":\"12315-2026-0042\",\"deadline\":\"2026-12-31\"}")
                .statusCode(200);
        String escalation = step(id, "escalate", "{\"body\":\"SOCIAL_MEDIA\"}").statusCode(200)
                .body("escalations", hasSize(2)).extract().path("escalations[0].id");
        step(id, "record-escalation-outcome", "{\"escalationId\":\"%s\",\"outcome\":\"mediated\"}".formatted(escalation))
                .statusCode(200).body("escalations[0].outcome", equalTo("mediated"))
                .body("escalations[1].outcome", nullValue());
        step(id, "record-escalation-outcome", "{\"escalationId\":\"%s\",\"outcome\":\"x\"}".formatted(UUID.randomUUID()))
                .statusCode(422).body("errors[0].field", equalTo("escalationId"));
    }

    @Test
    void cases_are_listed_newest_first_filtered_and_paged() {
        String branch = "L" + (System.nanoTime() % 100000);
        try (var staff = TestTokens.asStaffOf(branch)) {
            listNewestFirstFilteredAndPaged(branch);
        }
    }

    private static void listNewestFirstFilteredAndPaged(String branch) {
        String first = fileIn(branch);
        String second = fileIn(branch);
        String third = fileIn(branch);
        step(second, "acknowledge", null).statusCode(200);

        given().queryParam("branch", branch).get("/complaints").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.id", contains(third, second, first))
                .body("items[0].amountPaid.amount", equalTo("12800.00"));
        given().queryParam("branch", branch).queryParam("status", "ACKNOWLEDGED").get("/complaints").then()
                .body("items.id", contains(second));
        given().queryParam("branch", branch).queryParam("size", 2).queryParam("page", 1).get("/complaints").then()
                .body("total", equalTo(3)).body("items.id", contains(first));
        given().queryParam("status", "LOST").get("/complaints").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));

        given().header("Authorization", TestTokens.bearer(TestTokens.withRole("operations")))
                .post("/complaints/read-model/rebuild").then().statusCode(200);
        given().queryParam("branch", branch).get("/complaints").then().body("items.id", contains(third, second, first))
                .body("items[1].status", equalTo("ACKNOWLEDGED"));
    }
}
