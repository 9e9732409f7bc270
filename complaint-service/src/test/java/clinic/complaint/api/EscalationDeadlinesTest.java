package clinic.complaint.api;

import clinic.devstack.TestTokens;
import clinic.calendar.BusinessCalendar;
import clinic.complaint.domain.ComplaintEvent;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.config.BranchCalendars;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static clinic.complaint.api.ComplaintLifecycleTest.fileIn;
import static clinic.complaint.api.ComplaintLifecycleTest.step;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** External escalations' deadlines and the list's escalation filter, over HTTP against the real database. */
@QuarkusTest
class EscalationDeadlinesTest {

    @Inject
    BranchCalendars calendars;
    @Inject
    EventStore store;
    @Inject
    EventTypeRegistry<ComplaintEvent> types;
    @Inject
    EntityManager em;

    /** Each test's own branch, and its staff calling. */
    String branch;
    TestTokens.Caller staff;

    @org.junit.jupiter.api.BeforeEach
    void aBranchOfItsOwn() {
        branch = "E" + (System.nanoTime() % 100000);
        staff = TestTokens.asStaffOf(branch);
    }

    @org.junit.jupiter.api.AfterEach
    void done() {
        staff.close();
    }

    @Test
    void an_escalation_without_a_deadline_gets_the_norms_due_dates_and_a_typed_one_wins() {
        String id = fileIn(branch);
        BusinessCalendar calendar = calendars.of(branch);
        LocalDate today = LocalDate.now(calendar.zone());

        step(id, "escalate", "{\"body\":\"MARKET_REGULATOR_12315\",\"referenceNumber\":\"12315-2026-0077\"}")
                .statusCode(200)
                .body("escalations[0].deadline", nullValue())
                .body("escalations[0].deadlineSource", equalTo("MARKET_REGULATOR_COMPLAINT"))
                .body("escalations[0].deadlines.kind", contains("ACCEPTANCE", "MEDIATION"))
                .body("escalations[0].deadlines.source", contains("MARKET_REGULATOR_COMPLAINT", "MARKET_REGULATOR_COMPLAINT"))
                .body("escalations[0].deadlines[0].dueDate", equalTo(calendar.plusWorkingDays(today, 7).toString()))
                .body("escalations[0].deadlines[0].atRiskFrom", equalTo(calendar.plusWorkingDays(today, 6).toString()))
                .body("escalations[0].deadlines[1].dueDate", equalTo(calendar.plusWorkingDays(today, 45).toString()))
                .body("escalations[0].deadlines.atRisk", contains(false, false))
                .body("escalations[0].deadlines.missed", contains(false, false))
                .body("escalations[0].deadlines.paused", contains(false, false));

        step(id, "escalate", "{\"body\":\"ONLINE_DISPUTE_12315\"}").statusCode(200)
                .body("escalations[1].deadlines[0].kind", equalTo("NEGOTIATION"))
                .body("escalations[1].deadlines[0].dueDate", equalTo(calendar.plusWorkingDays(today, 10).toString()));

        String typed = today.plusDays(40).toString();
        step(id, "escalate", "{\"body\":\"PEOPLES_MEDIATION\",\"deadline\":\"%s\"}".formatted(typed)).statusCode(200)
                .body("escalations[2].deadlineSource", equalTo("typed"))
                .body("escalations[2].deadlines", hasSize(1))
                .body("escalations[2].deadlines[0].kind", equalTo("TYPED"))
                .body("escalations[2].deadlines[0].source", equalTo("typed"))
                .body("escalations[2].deadlines[0].dueDate", equalTo(typed));

        step(id, "escalate", "{\"body\":\"SOCIAL_MEDIA\"}").statusCode(200)
                .body("escalations[3].deadlineSource", nullValue())
                .body("escalations[3].deadlines", empty());
        given().get("/complaints/" + id).then().statusCode(200)
                .body("escalations.deadlineSource", contains("MARKET_REGULATOR_COMPLAINT", "ONLINE_DISPUTE_RESOLUTION",
                        "typed", null));
    }

    @Test
    void the_list_filters_cases_escalated_externally_to_hq_or_either() {
        String quiet = fileIn(branch);
        String external = fileIn(branch);
        step(external, "escalate", "{\"body\":\"CONSUMER_ASSOCIATION\"}").statusCode(200);

        given().queryParam("branch", branch).queryParam("escalated", "EXTERNAL").get("/complaints").then()
                .statusCode(200).body("items.id", contains(external))
                .body("items[0].escalatedExternally", equalTo(true))
                .body("items[0].escalatedToHq", equalTo(false));
        given().queryParam("branch", branch).queryParam("escalated", "HQ").get("/complaints").then()
                .statusCode(200).body("items", empty());
        given().queryParam("branch", branch).queryParam("escalated", "ANY").get("/complaints").then()
                .body("items.id", contains(external));
        given().queryParam("branch", branch).get("/complaints").then().body("items.id", contains(external, quiet));

        given().queryParam("escalated", "SIDEWAYS").get("/complaints").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("escalated"))
                .body("errors[0].reason", containsString("EXTERNAL"));
    }

    @Test
    void the_migration_fills_the_escalation_columns_of_rows_listed_before_it_from_their_events() throws IOException {
        String id = fileIn(branch);
        String other = fileIn(branch);
        step(id, "escalate", "{\"body\":\"LAWYER_OR_COURT\"}").statusCode(200);
        int version = given().get("/complaints/" + id).then().extract().path("version");
        // the case went to HQ (as an overdue refund sends it), then both rows look as they did before the columns
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> store.append(id, version,
                List.of(types.toNewEvent(new ComplaintEvent.EscalatedToHq(UUID.fromString(id), "refund not paid", now),
                        UUID.randomUUID(), now)),
                new EventMetadata(branch, "test", UUID.randomUUID(), null)));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update complaint_list set escalated_externally = false, escalated_to_hq = false
                        where branch_id = ?1""").setParameter(1, branch).executeUpdate());
        given().queryParam("branch", branch).queryParam("escalated", "ANY").get("/complaints").then()
                .body("items", empty());

        String backfill = backfillStatement();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(backfill).executeUpdate());

        given().queryParam("branch", branch).queryParam("escalated", "EXTERNAL").get("/complaints").then()
                .body("items.id", contains(id));
        given().queryParam("branch", branch).queryParam("escalated", "HQ").get("/complaints").then()
                .body("items.id", contains(id));
        given().queryParam("branch", branch).queryParam("escalated", "ANY").get("/complaints").then()
                .body("items.id", contains(id));
        given().queryParam("branch", branch).get("/complaints").then().body("items.id", contains(other, id));
    }

    /** The update of the migration that added the columns, as Flyway ran it. */
    private static String backfillStatement() throws IOException {
        try (InputStream in = EscalationDeadlinesTest.class
                .getResourceAsStream("/db/migration/V7__complaint_list_escalated.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(sql.split(";")).map(String::strip).filter(s -> s.startsWith("update complaint_list"))
                    .findFirst().orElseThrow();
        }
    }
}
