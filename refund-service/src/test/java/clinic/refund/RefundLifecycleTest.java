package clinic.refund;

import clinic.devstack.TopicReader;
import clinic.devstack.TopicWriter;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.relay.CloudEventHeaders;
import clinic.refund.application.OverdueAlarm;
import clinic.refund.application.RefundService;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A refund case from the complaint that opened it to settlement, and the overdue alarm, on the real broker and database. */
@QuarkusTest
class RefundLifecycleTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    OverdueAlarm alarm;

    @AfterEach
    void realClock() {
        QuarkusMock.installMockForType(Clock.systemUTC(), Clock.class);
    }

    UUID openFromComplaint() {
        UUID complaint = UUID.randomUUID();
        String payload = """
                {"complaintId":"%s","branchId":"SH001","customerRef":"cust-889","requestedRemedy":"FULL_REFUND",
                 "amountPaid":{"minorUnits":1280000,"currency":"CNY"},"filedAt":"2026-03-02T02:15:00Z"}""".formatted(complaint);
        StoredEvent e = new StoredEvent(1, UUID.randomUUID(), complaint.toString(), 1, "complaint.filed.v1", payload,
                Instant.now(), Instant.now(), "SH001", "api", UUID.randomUUID(), null);
        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            writer.send(new ProducerRecord<>("complaint-events", null, e.streamId(), payload,
                    CloudEventHeaders.of(e, "/clinic/complaint-service")));
        }
        UUID refund = RefundService.refundIdFor(complaint);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/refunds/" + refund).then().statusCode(200));
        return refund;
    }

    static ValidatableResponse step(UUID refund, String step, String json) {
        var request = given().header("X-Actor", "staff:li.na");
        if (json != null) {
            request = request.contentType(ContentType.JSON).body(json);
        }
        return request.post("/refunds/" + refund + "/" + step).then();
    }

    @Test
    void a_negotiated_refund_is_agreed_approved_paid_in_parts_and_settled() {
        UUID refund = openFromComplaint();
        step(refund, "start-review", null).statusCode(200).body("status", equalTo("UNDER_REVIEW"));
        step(refund, "offer", "{\"amount\":\"8000.00\",\"reason\":\"3 sessions used\",\"calculationPolicy\":\"default-1\"}")
                .statusCode(200).body("status", equalTo("OFFERED"));
        step(refund, "counter-offer", "{\"party\":\"CUSTOMER\",\"amount\":\"12800.00\",\"reason\":\"no session helped\"}")
                .statusCode(200).body("status", equalTo("COUNTER_OFFERED"));
        step(refund, "agree", """
                {"amount":"60000.00","channels":[{"channel":"CARD","amount":"60000.00"}]}""")
                .statusCode(422).body("errors[0].field", equalTo("amount"));
        step(refund, "agree", """
                {"amount":"10000.00","channels":[{"channel":"CARD","amount":"9000.00"},{"channel":"CASH","amount":"1000.00"}]}""")
                .statusCode(200).body("status", equalTo("AGREED"))
                .body("agreedAmount.amount", equalTo("10000.00"))
                .body("dueDate", org.hamcrest.Matchers.notNullValue());
        step(refund, "record-payment", "{\"channel\":\"CARD\",\"amount\":\"9000.00\",\"reference\":\"txn-81\"}")
                .statusCode(200).body("status", equalTo("SETTLING")).body("paid.amount", equalTo("9000.00"));
        step(refund, "record-payment", "{\"channel\":\"CASH\",\"amount\":\"1000.00\",\"reference\":\"receipt-7\"}")
                .statusCode(200).body("status", equalTo("SETTLED"));
        step(refund, "withdraw", "{\"reason\":\"too late\"}").statusCode(409).body("currentState", equalTo("SETTLED"));

        var published = TopicReader.read(bootstrap, "refund-events", r -> refund.toString().equals(r.key())
                && "refund.agreed.v1".equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertThat(published).singleElement().satisfies(r -> assertThat(r.value())
                .contains("\"complaintId\"", "\"minorUnits\": 1000000", "\"dueDate\""));
    }

    @Test
    void an_agreement_unpaid_past_its_due_date_raises_the_overdue_alarm_once() {
        UUID refund = openFromComplaint();
        step(refund, "start-review", null).statusCode(200);
        step(refund, "offer", "{\"amount\":\"12800.00\"}").statusCode(200);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        step(refund, "agree", """
                {"amount":"12800.00","channels":[{"channel":"CARD","amount":"12800.00"}],"dueDate":"%s"}"""
                .formatted(today.plusDays(1))).statusCode(200);

        alarm.check();
        given().get("/refunds/" + refund).then().body("overdue", equalTo(false));

        // three days later the money has still not come
        QuarkusMock.installMockForType(Clock.fixed(today.plusDays(3).atTime(10, 0).toInstant(ZoneOffset.ofHours(8)),
                ZoneOffset.UTC), Clock.class);
        alarm.check();
        alarm.check();

        given().get("/refunds/" + refund).then().body("overdue", equalTo(true));
        given().queryParam("complaintId", given().get("/refunds/" + refund).then().extract().path("complaintId").toString())
                .get("/refunds").then().body("items[0].overdue", equalTo(true));
        var alarms = TopicReader.read(bootstrap, "refund-events", r -> refund.toString().equals(r.key())
                && "refund.overdue.v1".equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertThat(alarms).hasSize(1);

        // paying late settles it and clears the alarm
        step(refund, "record-payment", "{\"channel\":\"CARD\",\"amount\":\"12800.00\",\"reference\":\"txn-late\"}")
                .statusCode(200).body("status", equalTo("SETTLED")).body("overdue", equalTo(false));
    }
}
