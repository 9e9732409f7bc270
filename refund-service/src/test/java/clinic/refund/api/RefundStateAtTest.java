package clinic.refund.api;

import clinic.eventstore.Decider;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StoredEvent;
import clinic.refund.OpenedRefunds;
import clinic.refund.domain.RefundCase;
import clinic.refund.domain.RefundDecider;
import clinic.refund.domain.RefundEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import clinic.devstack.StateAtChecks;
import io.restassured.RestAssured;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code GET /refunds/{id}?version=|asOf=}: a refund case driven from the complaint that opened it to settlement, read
 * back at every version and compared, whole, with the case folded from its first stored events by the domain's own
 * evolve and shown by the resource's own mapper.
 */
@QuarkusTest
class RefundStateAtTest {

    static final Decider<clinic.refund.domain.RefundCommand, RefundEvent, RefundCase> DECIDER =
            new Decider<>(RefundDecider::decide, RefundDecider::evolve, RefundCase.NONE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    EventStore store;
    @Inject
    EventTypeRegistry<RefundEvent> types;
    @Inject
    ObjectMapper mapper;

    static ValidatableResponse step(UUID refund, String step, String json) {
        var request = given();
        if (json != null) {
            request = request.contentType(ContentType.JSON).body(json);
        }
        return request.post("/refunds/" + refund + "/" + step).then().statusCode(200);
    }

    /** The case after the first {@code v} stored events, as the resource shows a case, as JSON. */
    JsonNode folded(List<StoredEvent> events, int v) throws Exception {
        RefundCase state = DECIDER.fold(events.subList(0, v).stream().map(types::fromStored).toList());
        return mapper.readTree(mapper.writeValueAsString(RefundResponse.of(state, v)));
    }

    @Test
    void every_version_of_a_refund_case_reads_back_as_its_first_events_fold_to() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        UUID refund = OpenedRefunds.fromComplaint(bootstrap, "SH001", customer, "2026-03-02T02:15:00Z");
        String order = """
                {"branchId":"SH001","orderNo":"STATE-%s","customerRef":"%s","purchasedAt":"2026-03-02T02:00:00Z",
                 "currency":"CNY","items":[{"lineId":"L1","kind":"TREATMENT","name":"thread lift","paid":"12800.00"}],
                 "payments":[{"instrument":"CARD","amount":"12800.00"}]}""".formatted(UUID.randomUUID(), customer);
        String purchase = given().contentType(ContentType.JSON).body(order).post("/purchases").then().statusCode(201)
                .extract().path("id");
        step(refund, "start-review", null);
        step(refund, "entitlement", """
                {"orders":["%s"],"reason":"PERSONAL_CANCELLATION"}""".formatted(purchase));
        step(refund, "offer", "{\"amount\":\"8000.00\",\"remedy\":\"CORRECTIVE_TREATMENT_AND_REFUND\",\"reason\":\"3 sessions used\"}");
        step(refund, "counter-offer", "{\"party\":\"CUSTOMER\",\"amount\":\"12800.00\",\"reason\":\"no session helped\"}");
        step(refund, "agree", """
                {"amount":"10000.00","channels":[{"channel":"CARD","amount":"9000.00"},{"channel":"CASH","amount":"1000.00"}]}""");
        step(refund, "record-payment", "{\"channel\":\"CARD\",\"amount\":\"9000.00\",\"reference\":\"txn-81\"}");
        step(refund, "record-payment", "{\"channel\":\"CASH\",\"amount\":\"1000.00\",\"reference\":\"receipt-7\"}")
                .body("status", equalTo("SETTLED"));

        List<StoredEvent> events = store.load(refund.toString());
        assertThat(events.size()).isGreaterThanOrEqualTo(8);
        assertThat(folded(events, 1).path("status").asText()).isEqualTo("REQUESTED");
        StateAtChecks.check(RestAssured::given, "/refunds/" + refund, events.stream().map(StoredEvent::recordedAt).toList(),
                v -> folded(events, v), "refund-not-found");
        given().queryParam("version", 1).get("/refunds/" + UUID.randomUUID()).then().statusCode(404);
        // another branch's staff may not read it, at any version
        given().header("Authorization", clinic.devstack.TestTokens.bearer(clinic.devstack.TestTokens.staffOf("BJ001")))
                .queryParam("version", 1).get("/refunds/" + refund).then().statusCode(403);
    }
}
