package clinic.followup.messaging;

import clinic.contracts.EventContracts;
import clinic.devstack.TopicReader;
import clinic.devstack.TopicWriter;
import clinic.eventstore.EventStore;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.relay.CloudEventHeaders;
import clinic.followup.domain.FollowUpKind;
import clinic.followup.domain.FollowUpRules;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The consumer against the real broker and database: complaint events in, follow-up tasks and events out. */
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

    /** A complaint event as complaint-service's relay publishes it; the payload keeps the type's contract. */
    void send(UUID complaintId, UUID eventId, String type, String payload) throws Exception {
        sendBreakingTheContract(complaintId, eventId, type, EventContracts.assertValid(type, payload));
    }

    /** For the tests of what the consumer does with a message its producer would not write. */
    void sendBreakingTheContract(UUID complaintId, UUID eventId, String type, String payload) throws Exception {
        StoredEvent e = new StoredEvent(1, eventId, complaintId.toString(), 1, type, payload,
                Instant.parse("2026-03-02T02:15:00Z"), Instant.now(), "SH001", "api", UUID.randomUUID(), null);
        producer.send(new ProducerRecord<>(ComplaintEventsConsumer.CHANNEL, 0, e.streamId(), payload,
                CloudEventHeaders.of(e, "/clinic/complaint-service")));
    }

    void sendFiled(UUID complaintId, UUID eventId) throws Exception {
        send(complaintId, eventId, "complaint.filed.v1", EventContracts.message("complaint.filed.v1",
                "complaintId", complaintId, "branchId", "SH001", "customerRef", "cust-889", "requestedRemedy", "APOLOGY",
                "filedAt", "2026-03-02T02:15:00Z"));
    }

    static void awaitTasks(UUID complaintId, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("complaintId", complaintId.toString()).get("/followups")
                        .then().statusCode(200).body("items.size()", equalTo(count)));
    }

    @Test
    void a_new_complaint_schedules_a_callback_for_its_branch_and_publishes_it() throws Exception {
        UUID complaint = UUID.randomUUID();
        sendFiled(complaint, UUID.randomUUID());

        awaitTasks(complaint, 1);
        given().queryParam("complaintId", complaint.toString()).get("/followups").then()
                .body("items[0].kind", equalTo("INTAKE_CALLBACK"))
                .body("items[0].branchId", equalTo("SH001"))
                .body("items[0].status", equalTo("SCHEDULED"))
                .body("items[0].dueAt", equalTo("2026-03-03T02:15:00Z"));
        given().queryParam("branch", "SH001").get("/followups").then().statusCode(200);

        UUID taskId = FollowUpRules.taskId(complaint, FollowUpKind.INTAKE_CALLBACK);
        var published = TopicReader.read(bootstrap, "followup-events", r -> taskId.toString().equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertThat(published).singleElement()
                .satisfies(r -> assertThat(TopicReader.header(r, "ce_type")).isEqualTo("followup.scheduled.v1"));
    }

    @Test
    void the_same_event_twice_schedules_one_task_and_other_complaint_events_are_ignored() throws Exception {
        UUID complaint = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        sendFiled(complaint, eventId);
        sendFiled(complaint, eventId);
        send(complaint, UUID.randomUUID(), "complaint.acknowledged.v1",
                EventContracts.message("complaint.acknowledged.v1", "complaintId", complaint));
        UUID marker = UUID.randomUUID();
        sendFiled(marker, UUID.randomUUID());

        awaitTasks(marker, 1);
        awaitTasks(complaint, 1);
        assertThat(store.load(FollowUpRules.taskId(complaint, FollowUpKind.INTAKE_CALLBACK).toString())).hasSize(1);
    }

    @Test
    void a_filing_without_the_fields_a_callback_needs_goes_to_the_dead_letter_topic() throws Exception {
        UUID broken = UUID.randomUUID();
        sendBreakingTheContract(broken, UUID.randomUUID(), "complaint.filed.v1", "{\"complaintId\":\"" + broken + "\"}");
        UUID after = UUID.randomUUID();
        sendFiled(after, UUID.randomUUID());

        awaitTasks(after, 1);
        var dead = TopicReader.read(bootstrap, "complaint-events.followup-service.dlq", r -> broken.toString().equals(r.key()),
                1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r ->
                assertThat(TopicReader.header(r, "dead-letter-reason")).contains("branchId is required"));
        awaitTasks(broken, 0);
    }

    @Test
    void a_query_without_complaint_or_branch_is_refused_with_the_field() {
        given().get("/followups").then().statusCode(400).body("errors[0].field", equalTo("branch"));
        given().queryParam("complaintId", "not-a-uuid").get("/followups").then().statusCode(400)
                .body("errors[0].reason", equalTo("must be a UUID"));
    }
}
