package clinic.refund.messaging;

import clinic.contracts.EventContracts;
import clinic.devstack.TopicReader;
import clinic.devstack.TopicWriter;
import clinic.eventstore.EventStore;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.relay.CloudEventHeaders;
import clinic.refund.application.RefundService;
import clinic.refund.projection.RefundCaseRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** The consumer against the real broker and database: complaint events in, refund cases and refund events out. */
@QuarkusTest
class ComplaintEventsConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    EventStore store;

    TopicWriter producer;

    @BeforeEach
    void connect() {
        producer = new TopicWriter(bootstrap);
    }

    @AfterEach
    void close() {
        producer.close();
    }

    /**
     * complaint.filed.v1 as complaint-service's relay publishes it (its contract), on partition 0 so the test knows the
     * order; with a field a later version of complaint-service might add, which the consumer must ignore.
     */
    static ProducerRecord<String, String> filed(UUID complaintId, String remedy, UUID eventId) {
        String payload = EventContracts.message("complaint.filed.v1", "complaintId", complaintId,
                "caseNumber", "SH001-2026-000042", "branchId", "SH001", "customerRef", "cust-889",
                "channel", "FRONT_DESK", "category", "TREATMENT_RESULT", "requestedRemedy", remedy,
                "amountPaid", Map.of("minorUnits", 1280000, "currency", "CNY"), "filedAt", "2026-03-02T02:15:00Z")
                .replaceFirst("}$", ",\"someFieldAddedLater\":true}");
        StoredEvent e = new StoredEvent(1, eventId, complaintId.toString(), 1, "complaint.filed.v1", payload,
                Instant.parse("2026-03-02T02:15:00Z"), Instant.now(), "SH001", "api", UUID.randomUUID(), null);
        return new ProducerRecord<>(ComplaintEventsConsumer.CHANNEL, 0, e.streamId(), payload,
                CloudEventHeaders.of(e, "/clinic/complaint-service"));
    }

    void send(ProducerRecord<String, String> record) throws Exception {
        producer.send(record);
    }

    static void awaitRefunds(UUID complaintId, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("complaintId", complaintId.toString()).get("/refunds")
                        .then().statusCode(200).body("items.size()", equalTo(count)));
    }

    @Test
    void a_complaint_asking_for_a_refund_opens_a_refund_case_and_publishes_it() {
        UUID complaint = UUID.randomUUID();
        var record = filed(complaint, "FULL_REFUND", UUID.randomUUID());
        producer.send(record);

        awaitRefunds(complaint, 1);
        given().queryParam("complaintId", complaint.toString()).get("/refunds").then()
                .body("items[0].status", equalTo("REQUESTED"))
                .body("items[0].kind", equalTo("FULL_REFUND"))
                .body("items[0].branchId", equalTo("SH001"))
                .body("items[0].amountPaid.amount", equalTo("12800.00"))
                .body("items[0].amountPaid.currency", equalTo("CNY"));

        UUID refundId = RefundService.refundIdFor(complaint);
        List<ConsumerRecord<String, String>> published = read("refund-events", r -> refundId.toString().equals(r.key()), 1);
        assertThat(header(published.getFirst(), "ce_type")).isEqualTo("refund.requested.v1");
        assertThat(header(published.getFirst(), "ce_causationid")).isEqualTo(header(record, "ce_id"));
        assertThat(header(published.getFirst(), "ce_correlationid")).isEqualTo(header(record, "ce_correlationid"));
    }

    @Test
    void a_complaint_that_asks_for_no_refund_opens_none() throws Exception {
        UUID apology = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        send(filed(apology, "APOLOGY", UUID.randomUUID()));
        send(filed(marker, "PARTIAL_REFUND", UUID.randomUUID()));

        awaitRefunds(marker, 1); // processed after the apology, on the same partition
        awaitRefunds(apology, 0);
    }

    @Test
    void the_same_event_delivered_twice_has_one_effect() throws Exception {
        UUID complaint = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        send(filed(complaint, "FULL_REFUND", eventId));
        send(filed(complaint, "FULL_REFUND", eventId));
        send(filed(marker, "FULL_REFUND", UUID.randomUUID()));

        awaitRefunds(marker, 1);
        awaitRefunds(complaint, 1);
        assertThat(store.load(RefundService.refundIdFor(complaint).toString())).hasSize(1);
    }

    @Test
    void a_poison_message_goes_to_the_dead_letter_topic_with_the_reason_and_later_messages_are_processed() throws Exception {
        UUID poisoned = UUID.randomUUID();
        var notJson = filed(poisoned, "FULL_REFUND", UUID.randomUUID());
        send(new ProducerRecord<>(notJson.topic(), 0, notJson.key(), "{not json", notJson.headers()));
        UUID headless = UUID.randomUUID();
        send(new ProducerRecord<>(ComplaintEventsConsumer.CHANNEL, 0, headless.toString(), "{}", new RecordHeaders()));
        UUID after = UUID.randomUUID();
        send(filed(after, "FULL_REFUND", UUID.randomUUID()));

        awaitRefunds(after, 1);
        List<ConsumerRecord<String, String>> dead = read("complaint-events.refund-service.dlq",
                r -> poisoned.toString().equals(r.key()) || headless.toString().equals(r.key()), 2);
        assertThat(dead).extracting(r -> header(r, "dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("payload unreadable"))
                .anySatisfy(reason -> assertThat(reason).contains("missing header ce_id"));
        awaitRefunds(poisoned, 0);
    }

    @Test
    void the_refund_list_is_rebuilt_from_the_event_store() throws Exception {
        UUID complaint = UUID.randomUUID();
        send(filed(complaint, "FULL_REFUND", UUID.randomUUID()));
        awaitRefunds(complaint, 1);
        // a read model gone wrong: its row is lost
        QuarkusTransaction.requiringNew().run(() -> RefundCaseRow.delete("complaintId", complaint));
        awaitRefunds(complaint, 0);

        given().post("/refunds/read-model/rebuild").then().statusCode(200)
                .body("streamsDone", greaterThanOrEqualTo(1)).body("finishedAt", org.hamcrest.Matchers.notNullValue());

        awaitRefunds(complaint, 1);
        given().queryParam("complaintId", complaint.toString()).get("/refunds").then()
                .body("items[0].amountPaid.amount", equalTo("12800.00"));
    }

    /**
     * Another complaint event as complaint-service's relay publishes it, at {@code version} of the complaint's stream.
     * The payload must keep the event type's contract (event-contracts).
     */
    static ProducerRecord<String, String> complaintEvent(UUID complaintId, int version, String type, String payload) {
        EventContracts.assertValid(type, payload);
        StoredEvent e = new StoredEvent(version, UUID.randomUUID(), complaintId.toString(), version, type, payload,
                Instant.parse("2026-03-02T02:15:00Z"), Instant.now(), "SH001", "staff:wang", UUID.randomUUID(), null);
        return new ProducerRecord<>(ComplaintEventsConsumer.CHANNEL, 0, e.streamId(), payload,
                CloudEventHeaders.of(e, "/clinic/complaint-service"));
    }

    static Map<String, Object> money(long minor) {
        return Map.of("minorUnits", minor, "currency", "CNY");
    }

    /** complaint-service's written agreement; {@code dueDate} and {@code refundId} may be null, as it writes them. */
    static String agreement(UUID complaint, String remedy, long minor, String paymentMethod, String dueDate,
                            UUID refundId) {
        return EventContracts.message("complaint.agreement-reached.v1", "complaintId", complaint, "remedy", remedy,
                "amount", money(minor), "paymentMethod", paymentMethod, "dueDate", dueDate, "recordedBy", "staff:wang",
                "refundId", refundId);
    }

    @Test
    void a_refund_remedy_proposed_later_opens_the_case_and_the_complaints_agreement_becomes_its_agreement()
            throws Exception {
        UUID complaint = UUID.randomUUID();
        send(filed(complaint, "CORRECTIVE_TREATMENT", UUID.randomUUID()));
        send(complaintEvent(complaint, 5, "complaint.remedy-proposed.v1", EventContracts.message(
                "complaint.remedy-proposed.v1", "complaintId", complaint, "remedy", "PARTIAL_REFUND",
                "amount", money(300_000), "note", "sessions used", "proposedBy", "staff:wang")));
        send(complaintEvent(complaint, 6, "complaint.counter-offer-made.v1", EventContracts.message(
                "complaint.counter-offer-made.v1", "complaintId", complaint, "party", "CUSTOMER",
                "remedy", "PARTIAL_REFUND", "amount", money(600_000), "reason", "none used", "by", "cust-889")));
        send(complaintEvent(complaint, 7, "complaint.agreement-reached.v1", agreement(complaint, "PARTIAL_REFUND",
                450_000, "original card", "2026-03-16", null)));

        awaitRefunds(complaint, 1);
        UUID refundId = RefundService.refundIdFor(complaint);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/refunds/" + refundId).then()
                .statusCode(200).body("status", equalTo("AGREED")));
        given().get("/refunds/" + refundId).then()
                .body("kind", equalTo("PARTIAL_REFUND"))
                .body("offers.party", org.hamcrest.Matchers.contains("CLINIC", "CUSTOMER"))
                .body("agreedAmount.amount", equalTo("4500.00"))
                .body("dueDate", equalTo("2026-03-16"))
                .body("channels[0].channel", equalTo("original card"));
        List<ConsumerRecord<String, String>> agreed = read("refund-events",
                r -> refundId.toString().equals(r.key()) && "refund.agreed.v1".equals(header(r, "ce_type")), 1);
        assertThat(agreed.getFirst().value()).contains(complaint.toString()).contains("original card");
    }

    @Test
    void a_money_agreement_without_a_due_date_is_dated_by_the_policy_goods_later_than_services() throws Exception {
        UUID goods = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        for (UUID c : List.of(goods, service)) {
            send(filed(c, "APOLOGY", UUID.randomUUID()));
            send(complaintEvent(c, 3, "complaint.assessed.v1", EventContracts.message("complaint.assessed.v1",
                    "complaintId", c, "subject", c == goods ? "PRODUCT" : "SERVICE")));
            send(complaintEvent(c, 7, "complaint.agreement-reached.v1", agreement(c, "FULL_REFUND", 1_280_000, "card",
                    null, null)));
        }
        for (UUID c : List.of(goods, service)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/refunds/" + RefundService.refundIdFor(c))
                    .then().statusCode(200).body("status", equalTo("AGREED")));
        }
        // agreed on Monday 2 March 2026: goods 15 working days later, services 7
        given().get("/refunds/" + RefundService.refundIdFor(goods)).then().body("dueDate", equalTo("2026-03-23"));
        given().get("/refunds/" + RefundService.refundIdFor(service)).then().body("dueDate", equalTo("2026-03-11"));
    }

    @Test
    void an_agreement_the_case_cannot_take_is_published_as_not_applied_with_the_reason() throws Exception {
        UUID complaint = UUID.randomUUID();
        send(filed(complaint, "PARTIAL_REFUND", UUID.randomUUID()));
        send(complaintEvent(complaint, 7, "complaint.agreement-reached.v1", agreement(complaint, "PARTIAL_REFUND",
                400_000, "card", "2026-03-20", null)));
        send(complaintEvent(complaint, 9, "complaint.agreement-reached.v1", agreement(complaint, "PARTIAL_REFUND",
                500_000, "card", "2026-03-20", null)));

        // the refund case's own agreement coming back through the complaint (remedy named differently there) is no news
        send(complaintEvent(complaint, 8, "complaint.agreement-reached.v1", agreement(complaint, "FULL_REFUND",
                400_000, "card", "2026-03-20", RefundService.refundIdFor(complaint))));
        UUID refundId = RefundService.refundIdFor(complaint);
        List<ConsumerRecord<String, String>> notApplied = read("refund-events", r -> refundId.toString().equals(r.key())
                && "refund.complaint-agreement-not-applied.v1".equals(header(r, "ce_type")), 1);
        assertThat(notApplied.getFirst().value()).contains("agreed PARTIAL_REFUND 4000.00 CNY already");
        given().get("/refunds/" + refundId).then().body("agreedAmount.amount", equalTo("4000.00"));
    }

    @Test
    void the_assessment_recorded_on_the_complaint_reaches_a_case_opened_later() throws Exception {
        UUID complaint = UUID.randomUUID();
        send(filed(complaint, "CORRECTIVE_TREATMENT", UUID.randomUUID()));
        send(complaintEvent(complaint, 4, "complaint.third-party-assessment-recorded.v1", EventContracts.message(
                "complaint.third-party-assessment-recorded.v1", "complaintId", complaint, "assessor", "medical association",
                "result", "AT_FAULT", "summary", "not for refund-service", "recordedAt", "2026-03-04T03:00:00Z")));
        send(complaintEvent(complaint, 5, "complaint.remedy-proposed.v1", EventContracts.message(
                "complaint.remedy-proposed.v1", "complaintId", complaint, "remedy", "FULL_REFUND",
                "amount", money(1_280_000), "proposedBy", "staff:wang")));

        UUID refundId = RefundService.refundIdFor(complaint);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/refunds/" + refundId).then()
                .statusCode(200).body("assessment.finding", equalTo("AT_FAULT")));
        given().get("/refunds/" + refundId).then().body("assessment.assessor", equalTo("medical association"))
                .body("status", equalTo("OFFERED"));
        assertThat(store.load(refundId.toString())).noneMatch(e -> e.payload().contains("not for refund-service"));
        // the review may not choose another reason than the assessment's
        given().contentType("application/json").body("""
                        {"orders":["%s"],"reason":"PERSONAL_CANCELLATION"}""".formatted(UUID.randomUUID()))
                .post("/refunds/" + refundId + "/entitlement").then().statusCode(422)
                .body("errors[0].field", equalTo("reason"));
    }

    private List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> match, int count) {
        List<ConsumerRecord<String, String>> found = TopicReader.read(bootstrap, topic, match, count, Duration.ofSeconds(30));
        assertThat(found).as("records on " + topic).hasSize(count);
        return found;
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        return TopicReader.header(r, name);
    }

    static String header(ProducerRecord<String, String> r, String name) {
        return TopicReader.header(r.headers(), name);
    }
}
