package clinic.refund;

import clinic.devstack.TopicReader;
import clinic.devstack.TopicWriter;
import clinic.refund.application.PurchaseService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Purchase facts from the branch-purchases topic and from staff over HTTP, on the real broker and database. */
@QuarkusTest
class PurchaseIntakeTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String order(String orderNo, String customer, String cardPaid) {
        return """
                {"orderNo":"%s","customerRef":"%s","purchasedAt":"2026-03-02T02:00:00Z","currency":"CNY",
                 "items":[{"lineId":"L1","kind":"PREPAID_BALANCE","name":"membership card","paid":"3000.00","giftedCredit":"1000.00"},
                          {"lineId":"L2","kind":"PACKAGE","name":"photo-rejuvenation 10+2","listPrice":"9600.00","paid":"6000.00","sessions":10,"giftedSessions":2},
                          {"lineId":"L3","kind":"PRODUCT","name":"repair serum","productLine":"THERAPEUTIC","paid":"480.00"}],
                 "payments":[{"instrument":"CARD","amount":"%s"},{"instrument":"INSTALMENTS","amount":"6000.00","financingPartner":"Ant Credit"}]}"""
                .formatted(orderNo, customer, cardPaid);
    }

    static String message(String messageId, String type, String body) {
        return """
                {"messageId":"%s","branchId":"SH001","source":"SH001-pos","type":"%s","%s":%s}"""
                .formatted(messageId, type, type.equals("ORDER") ? "order" : "usage", body);
    }

    void publish(String key, String value) {
        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            writer.send(new ProducerRecord<>("branch-purchases", 0, key, value));
        }
    }

    static void awaitOrder(String orderNo, String path, Object value) {
        UUID id = PurchaseService.purchaseIdFor("SH001", orderNo);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/purchases/" + id).then().statusCode(200).body(path, equalTo(value)));
    }

    @Test
    void orders_and_their_usage_from_the_topic_are_recorded_once_and_poison_goes_to_the_dead_letter_topic() {
        String orderNo = "POS-" + UUID.randomUUID();
        String customer = "cust-" + UUID.randomUUID();
        String usage = """
                {"orderNo":"%s","kind":"SESSIONS_REDEEMED","lineId":"L2","sessions":3}""".formatted(orderNo);
        publish(orderNo, message("m1-" + orderNo, "ORDER", order(orderNo, customer, "3480.00")));
        publish(orderNo, message("m2-" + orderNo, "USAGE", usage));
        publish(orderNo, message("m2-" + orderNo, "USAGE", usage)); // the same message again: no second effect
        publish(orderNo, message("m1-" + orderNo, "ORDER", order(orderNo, customer, "3480.00"))); // the order again
        // poison: not JSON, not the schema, usage of an unknown order, the order number with other content
        publish(orderNo, "{not json");
        publish(orderNo, message("m3-" + orderNo, "ORDER", "{\"orderNo\":\"x\"}"));
        publish(orderNo, message("m4-" + orderNo, "USAGE", """
                {"orderNo":"never-sold","kind":"TREATMENT_PERFORMED","lineId":"L1"}"""));
        publish(orderNo, message("m5-" + orderNo, "ORDER", order(orderNo, "cust-someone-else", "3480.00")));
        // a NUL where the consumer reads the envelope as text (the source system), not through a request record
        publish(orderNo, message("m7-" + orderNo, "USAGE", usage).replace("\"source\":\"SH001-pos\"",
                "\"source\":\"SH001-pos\\u0000\""));
        // and a valid one after them
        publish(orderNo, message("m6-" + orderNo, "USAGE", """
                {"orderNo":"%s","kind":"BALANCE_USED","lineId":"L1","amount":"3594.00"}""".formatted(orderNo)));

        awaitOrder(orderNo, "items[0].balanceUsedAtListPrice", "3594.00");
        UUID id = PurchaseService.purchaseIdFor("SH001", orderNo);
        given().get("/purchases/" + id).then()
                .body("items[1].sessionsRedeemed", equalTo(3))
                .body("paid", equalTo("9480.00"))
                .body("items[2].productLine", equalTo("THERAPEUTIC"))
                .body("payments[1].financingPartner", equalTo("Ant Credit"));
        given().queryParam("customerRef", customer).get("/purchases").then().statusCode(200).body("", hasSize(1));

        List<ConsumerRecord<String, String>> dead = TopicReader.read(bootstrap, "branch-purchases.refund-service.dlq",
                r -> orderNo.equals(r.key()), 5, Duration.ofSeconds(30));
        assertThat(dead).extracting(r -> TopicReader.header(r, "dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("not JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("does not match"))
                .anySatisfy(reason -> assertThat(reason).contains("not recorded"))
                .anySatisfy(reason -> assertThat(reason).contains("recorded already with other content"))
                .anySatisfy(reason -> assertThat(reason).contains("NUL character"));
        // the purchase stream holds the order and two usage records, nothing doubled
        var events = TopicReader.read(bootstrap, "refund-events", r -> id.toString().equals(r.key()), 3, Duration.ofSeconds(30));
        assertThat(events).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(
                "purchase.recorded.v1", "purchase.usage-recorded.v1", "purchase.usage-recorded.v1");
    }

    @Test
    void staff_enter_an_order_during_the_review_and_repeats_are_safe() {
        String orderNo = "STAFF-" + UUID.randomUUID();
        String body = order(orderNo, "cust-42", "3480.00").replaceFirst("\\{", "{\"branchId\":\"SH001\",");
        String location = given().contentType(ContentType.JSON).body(body)
                .post("/purchases").then().statusCode(201).extract().header("Location");
        given().contentType(ContentType.JSON).body(body).post("/purchases").then().statusCode(200)
                .body("orderNo", equalTo(orderNo));
        given().contentType(ContentType.JSON).body(body.replace("\"3480.00\"", "\"3000.00\"")).post("/purchases").then()
                .statusCode(422).body("errors[0].field", equalTo("payments"));
        given().contentType(ContentType.JSON).body(order(orderNo, "cust-42", "3480.00")).post("/purchases").then()
                .statusCode(400);

        String usage = "{\"usageId\":\"u-1\",\"kind\":\"TREATMENT_PERFORMED\",\"lineId\":\"L3\"}";
        given().contentType(ContentType.JSON).body(usage).post(location + "/usage").then().statusCode(422)
                .body("errors[0].field", equalTo("kind"));
        String redeemed = "{\"usageId\":\"u-2\",\"kind\":\"SESSIONS_REDEEMED\",\"lineId\":\"L2\",\"sessions\":4}";
        given().contentType(ContentType.JSON).body(redeemed).post(location + "/usage").then().statusCode(200)
                .body("items[1].sessionsRedeemed", equalTo(4));
        given().contentType(ContentType.JSON).body(redeemed).post(location + "/usage").then().statusCode(200)
                .body("items[1].sessionsRedeemed", equalTo(4));
        given().contentType(ContentType.JSON).body("{\"usageId\":\"u-3\",\"kind\":\"SESSIONS_REDEEMED\",\"lineId\":\"L2\",\"sessions\":9}")
                .post(location + "/usage").then().statusCode(422).body("errors[0].field", equalTo("sessions"));
        given().get("/purchases/" + UUID.randomUUID()).then().statusCode(404);
    }
}
