package clinic.complaint.application;

import clinic.complaint.api.ComplaintResourceTest;
import clinic.complaint.domain.ComplaintEvent;
import clinic.contracts.EventContracts;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer side of the contracts in event-contracts: every event type complaint-service publishes has a JSON
 * Schema, and what the service's own {@link EventTypeRegistry} (its real ObjectMapper) writes for each keeps it. The
 * consumers' tests check their messages against the same schemas, so a change here that a consumer would notice
 * fails one side or the other.
 */
@QuarkusTest
class ComplaintEventContractsTest {

    /** Values a domain record refuses as schema filler (an SLA target is working days or elapsed time, not both). */
    private static final Map<String, Object[]> VALID_FULL = Map.of(ComplaintEventTypes.FILED, new Object[]{
            "sla", json("""
                    {"acknowledge":{"within":{"workingDays":1,"elapsed":null},"byCategory":{},
                                    "bySeverity":{"HIGH":{"workingDays":0,"elapsed":"PT2H"}}},
                     "resolve":{"within":{"workingDays":10,"elapsed":null},"byCategory":{},"bySeverity":{}},
                     "atRiskShare":0.8}"""),
            "calendar", json("""
                    {"zone":"Asia/Shanghai","opens":"09:00","closes":"18:00","workingDays":["MONDAY","TUESDAY"],
                     "from":"2026-01-01","to":"2026-12-31","holidays":["2026-10-01"],"makeUpDays":["2026-10-10"],
                     "source":"official"}""")});

    @Inject
    EventTypeRegistry<ComplaintEvent> registry;
    @Inject
    EventStore store;

    @Test
    void every_event_type_the_service_names_has_a_contract() {
        assertThat(EventContracts.typesNamedIn(ComplaintEventTypes.class)).hasSizeGreaterThan(25)
                .allSatisfy(type -> assertThat(EventContracts.hasSchema(type)).as("a schema for " + type).isTrue());
    }

    @Test
    void every_event_the_registry_writes_keeps_its_contract() {
        List<String> registered = EventContracts.typesNamedIn(ComplaintEventTypes.class).stream()
                .filter(registry::knows).toList();
        assertThat(registered).hasSize(EventContracts.typesNamedIn(ComplaintEventTypes.class).size() - 1); // erasure
        for (String type : registered) {
            for (String sample : List.of(EventContracts.message(type),
                    EventContracts.fullMessage(type, VALID_FULL.getOrDefault(type, new Object[0])))) {
                String written = registry.toJson(registry.fromJson(type, sample));
                assertThat(EventContracts.violations(type, written)).as(type + ": " + written).isEmpty();
            }
        }
    }

    /** Not a registry's event: the erasure notice is written by hand in ComplaintService, and keeps its contract too. */
    @Test
    void the_erasure_notice_keeps_its_contract() {
        String ref = "cust-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(ComplaintResourceTest.body("SH001").replace("cust-889", ref))
                .post("/complaints").then().statusCode(201);
        given().delete("/customers/" + ref + "/personal-data").then().statusCode(204);

        assertThat(store.load("customer-erasure:" + ref)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ComplaintEventTypes.CUSTOMER_ERASED);
            assertThat(EventContracts.violations(e.type(), e.payload())).as(e.payload()).isEmpty();
        });
    }

    @Test
    void a_contract_refuses_an_event_without_any_one_of_its_fields() {
        for (String type : EventContracts.typesNamedIn(ComplaintEventTypes.class)) {
            assertThat(EventContracts.fieldsItLetsGo(type)).as(type + ": fields a producer could leave out").isEmpty();
        }
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
