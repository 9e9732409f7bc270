package clinic.refund.api;

import clinic.eventstore.Decider;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StoredEvent;
import clinic.refund.domain.purchase.Purchase;
import clinic.refund.domain.purchase.PurchaseCommand;
import clinic.refund.domain.purchase.PurchaseDecider;
import clinic.refund.domain.purchase.PurchaseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import clinic.devstack.StateAtChecks;
import io.restassured.RestAssured;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code GET /purchases/{id}?version=|asOf=}: an order staff enter, then what is used of it, read back at every version
 * and compared, whole, with the order folded from its first stored events by the domain's own evolve and shown by the
 * resource's own mapper.
 */
@QuarkusTest
class PurchaseStateAtTest {

    static final Decider<PurchaseCommand, PurchaseEvent, Purchase> DECIDER =
            new Decider<>(PurchaseDecider::decide, PurchaseDecider::evolve, Purchase.NONE);

    @Inject
    EventStore store;
    @Inject
    EventTypeRegistry<PurchaseEvent> types;
    @Inject
    ObjectMapper mapper;

    /** The order after the first {@code v} stored events, as the resource shows an order, as JSON. */
    JsonNode folded(List<StoredEvent> events, int v) throws Exception {
        Purchase state = DECIDER.fold(events.subList(0, v).stream().map(types::fromStored).toList());
        return mapper.readTree(mapper.writeValueAsString(PurchaseResponse.of(state, v)));
    }

    static void usage(String purchase, String json) {
        given().contentType(ContentType.JSON).body(json).post("/purchases/" + purchase + "/usage").then().statusCode(200);
    }

    @Test
    void every_version_of_an_order_reads_back_as_its_first_events_fold_to() throws Exception {
        String orderNo = "STATE-" + UUID.randomUUID();
        String purchase = given().contentType(ContentType.JSON).body("""
                {"branchId":"SH001","orderNo":"%s","customerRef":"cust-%s","purchasedAt":"2026-03-02T02:00:00Z","currency":"CNY",
                 "items":[{"lineId":"L1","kind":"PREPAID_BALANCE","name":"membership card","paid":"3000.00","giftedCredit":"1000.00"},
                          {"lineId":"L2","kind":"PACKAGE","name":"photo-rejuvenation 10+2","listPrice":"9600.00","paid":"6000.00","sessions":10,"giftedSessions":2},
                          {"lineId":"L3","kind":"PRODUCT","name":"repair serum","productLine":"THERAPEUTIC","paid":"480.00"}],
                 "payments":[{"instrument":"CARD","amount":"3480.00"},{"instrument":"INSTALMENTS","amount":"6000.00","financingPartner":"Ant Credit"}]}"""
                .formatted(orderNo, UUID.randomUUID())).post("/purchases").then().statusCode(201).extract().path("id");
        usage(purchase, "{\"usageId\":\"u-1\",\"kind\":\"SESSIONS_REDEEMED\",\"lineId\":\"L2\",\"sessions\":4}");
        usage(purchase, "{\"usageId\":\"u-2\",\"kind\":\"BALANCE_USED\",\"lineId\":\"L1\",\"amount\":\"1200.00\"}");
        usage(purchase, "{\"usageId\":\"u-3\",\"kind\":\"PRODUCT_RETURNED\",\"lineId\":\"L3\"}");
        usage(purchase, "{\"usageId\":\"u-4\",\"kind\":\"SESSIONS_REDEEMED\",\"lineId\":\"L2\",\"sessions\":2}");
        usage(purchase, "{\"usageId\":\"u-5\",\"kind\":\"INSTALMENTS_REPAID\",\"financingPartner\":\"Ant Credit\",\"amount\":\"1000.00\"}");

        List<StoredEvent> events = store.load(purchase);
        assertThat(events).hasSize(6);
        given().get("/purchases/" + purchase).then().statusCode(200).body("items[1].sessionsRedeemed", equalTo(6));
        assertThat(folded(events, 1).path("items").path(1).path("sessionsRedeemed").asInt()).isZero();
        StateAtChecks.check(RestAssured::given, "/purchases/" + purchase,
                events.stream().map(StoredEvent::recordedAt).toList(), v -> folded(events, v), "purchase-not-found");
        given().header("Authorization", clinic.devstack.TestTokens.bearer(clinic.devstack.TestTokens.staffOf("BJ001")))
                .queryParam("version", 1).get("/purchases/" + purchase).then().statusCode(403);
    }
}
