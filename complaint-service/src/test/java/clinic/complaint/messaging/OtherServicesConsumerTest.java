package clinic.complaint.messaging;

import clinic.devstack.TopicReader;
import clinic.devstack.TopicWriter;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.relay.CloudEventHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static clinic.complaint.api.ComplaintLifecycleTest.step;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** refund-service's and followup-service's events driving a case, over the real broker and database. */
@QuarkusTest
class OtherServicesConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    TopicWriter producer;

    @BeforeEach
    void connect() {
        producer = new TopicWriter(bootstrap);
    }

    @AfterEach
    void close() {
        producer.close();
    }

    void publish(String topic, String source, String subject, UUID eventId, String type, String payload) throws Exception {
        StoredEvent e = new StoredEvent(1, eventId, subject, 1, type, payload, Instant.now(), Instant.now(), "SH001",
                source, UUID.randomUUID(), null);
        producer.send(new ProducerRecord<>(topic, null, subject, payload, CloudEventHeaders.of(e, "/clinic/" + source)));
    }

    static String file() {
        return given().contentType(ContentType.JSON).body(clinic.complaint.api.ComplaintResourceTest.body("SH001"))
                .post("/complaints").then().statusCode(201).extract().path("id");
    }

    static List<String> types(String id) {
        return given().get("/complaints/" + id + "/events").then().extract().path("type");
    }

    @Test
    void a_refund_agreed_paid_late_is_recorded_and_the_overdue_alarm_sends_the_case_to_hq_once() throws Exception {
        String id = file();
        UUID refund = UUID.randomUUID();
        String due = LocalDate.now().plusDays(7).toString();
        String agreed = """
                {"refundId":"%s","complaintId":"%s","amount":{"minorUnits":400000,"currency":"CNY"},"dueDate":"%s"}"""
                .formatted(refund, id, due);
        publish("refund-events", "refund-service", refund.toString(), UUID.randomUUID(), "refund.agreed.v1", agreed);
        UUID overdueId = UUID.randomUUID();
        String overdue = "{\"refundId\":\"%s\",\"complaintId\":\"%s\",\"dueDate\":\"%s\"}".formatted(refund, id, due);
        publish("refund-events", "refund-service", refund.toString(), overdueId, "refund.overdue.v1", overdue);
        publish("refund-events", "refund-service", refund.toString(), overdueId, "refund.overdue.v1", overdue); // again

        await().atMost(Duration.ofSeconds(30)).until(() -> types(id).contains("complaint.escalated-to-hq.v1"));
        Thread.sleep(500);
        assertThat(types(id)).containsOnlyOnce("complaint.refund-overdue-recorded.v1", "complaint.escalated-to-hq.v1");
        given().get("/complaints/" + id).then()
                .body("refund.agreedAmount.amount", equalTo("4000.00"))
                .body("refund.overdue", equalTo(true))
                .body("hqEscalation", org.hamcrest.Matchers.containsString("is not paid"));
        given().get("/complaints/" + id + "/events").then()
                .body("find { it.type == 'complaint.escalated-to-hq.v1' }.causationId", equalTo(overdueId.toString()));
    }

    @Test
    void a_customer_dissatisfied_at_follow_up_reopens_the_resolved_case() throws Exception {
        String id = file();
        step(id, "acknowledge", null).statusCode(200);
        step(id, "assess", """
                {"category":"TREATMENT_RESULT","severity":"LOW","subject":"SERVICE","serviceDate":"%s","owner":"staff:wang"}"""
                .formatted(clinic.complaint.api.ComplaintLifecycleTest.TODAY)).statusCode(200);
        step(id, "start-investigation", null).statusCode(200);
        step(id, "resolve", "{\"decision\":\"explained the expected redness\"}").statusCode(200);

        publish("followup-events", "followup-service", UUID.randomUUID().toString(), UUID.randomUUID(),
                "followup.customer-dissatisfied.v1", "{\"complaintId\":\"%s\",\"reason\":\"still red at the day-3 call\"}"
                        .formatted(id));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/complaints/" + id).then()
                .body("status", equalTo("INVESTIGATING")).body("reopenCount", equalTo(1)));
        given().get("/complaints/" + id + "/events").then()
                .body("find { it.type == 'complaint.reopened.v1' }.data.reason", equalTo("still red at the day-3 call"));
    }

    /**
     * The consumer loads a case, a member of staff appends a step to it, the consumer's append conflicts: it must try
     * again (the inbox keeps that harmless), not send the overdue alarm to the dead-letter topic.
     */
    @Test
    void overdue_alarms_racing_staff_steps_on_the_same_cases_all_land_and_none_is_dead_lettered() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = file();
            step(id, "acknowledge", null).statusCode(200);
            step(id, "assess", """
                    {"category":"TREATMENT_RESULT","severity":"LOW","subject":"SERVICE","serviceDate":"%s","owner":"staff:wang"}"""
                    .formatted(clinic.complaint.api.ComplaintLifecycleTest.TODAY)).statusCode(200);
            step(id, "start-investigation", null).statusCode(200);
            ids.add(id);
        }
        var racing = new java.util.concurrent.atomic.AtomicBoolean(true);
        var stepsTaken = new java.util.concurrent.atomic.AtomicInteger();
        var staff = java.util.concurrent.Executors.newFixedThreadPool(3);
        for (int t = 0; t < 3; t++) {
            staff.submit(() -> {
                while (racing.get()) {
                    for (String id : ids) {
                        String sha = java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32)
                                .putLong(System.nanoTime()).putLong(Thread.currentThread().threadId()).array());
                        int status = given().contentType(ContentType.JSON)
                                .body("{\"type\":\"PHOTO\",\"suppliedBy\":\"customer\",\"sha256\":\"" + sha
                                        + "\",\"sizeBytes\":10}")
                                .post("/complaints/" + id + "/add-evidence").statusCode();
                        if (status == 200) {
                            stepsTaken.incrementAndGet();
                        }
                    }
                }
            });
        }
        java.util.Set<String> refunds = new java.util.HashSet<>();
        try {
            String due = LocalDate.now().plusDays(7).toString();
            for (String id : ids) {
                UUID refund = UUID.randomUUID();
                refunds.add(refund.toString());
                publish("refund-events", "refund-service", refund.toString(), UUID.randomUUID(), "refund.agreed.v1", """
                        {"refundId":"%s","complaintId":"%s","amount":{"minorUnits":400000,"currency":"CNY"},"dueDate":"%s"}"""
                        .formatted(refund, id, due));
                publish("refund-events", "refund-service", refund.toString(), UUID.randomUUID(), "refund.overdue.v1",
                        "{\"refundId\":\"%s\",\"complaintId\":\"%s\",\"dueDate\":\"%s\"}".formatted(refund, id, due));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                    .allMatch(id -> types(id).contains("complaint.escalated-to-hq.v1")));
        } finally {
            racing.set(false);
            staff.shutdown();
            staff.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(stepsTaken.get()).as("staff steps taken on the same cases meanwhile").isGreaterThan(ids.size());
        for (String id : ids) {
            assertThat(types(id)).containsOnlyOnce("complaint.refund-agreement-recorded.v1",
                    "complaint.refund-overdue-recorded.v1", "complaint.escalated-to-hq.v1");
        }
        assertThat(TopicReader.read(bootstrap, "refund-events.complaint-service.dlq", r -> refunds.contains(r.key()), 1,
                Duration.ofSeconds(3))).as("dead letters of the raced alarms").isEmpty();
    }

    @Test
    void an_event_about_an_unknown_complaint_goes_to_the_dead_letter_topic() throws Exception {
        UUID unknown = UUID.randomUUID();
        UUID refund = UUID.randomUUID();
        publish("refund-events", "refund-service", refund.toString(), UUID.randomUUID(), "refund.settled.v1",
                "{\"refundId\":\"%s\",\"complaintId\":\"%s\",\"amount\":{\"minorUnits\":1,\"currency\":\"CNY\"}}"
                        .formatted(refund, unknown));

        var dead = TopicReader.read(bootstrap, "refund-events.complaint-service.dlq", r -> refund.toString().equals(r.key()),
                1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r ->
                assertThat(TopicReader.header(r, "dead-letter-reason")).contains("unknown complaint " + unknown));
    }
}
