package clinic.complaint.messaging;

import clinic.devstack.TestTokens;
import clinic.contracts.EventContracts;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

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
     * Publishes another service's event as its relay does. The payload must keep that event type's contract
     * (event-contracts): a test never drives the consumer with JSON its producer does not write.
     */
    void publish(String topic, String source, String subject, UUID eventId, String type, String payload) throws Exception {
        EventContracts.assertValid(type, payload);
        StoredEvent e = new StoredEvent(1, eventId, subject, 1, type, payload, Instant.now(), Instant.now(), "SH001",
                source, UUID.randomUUID(), null);
        producer.send(new ProducerRecord<>(topic, null, subject, payload, CloudEventHeaders.of(e, "/clinic/" + source)));
    }

    /** refund-service's {@code refund.agreed.v1}: an agreement paid by card, not needing approval. */
    static String refundAgreed(UUID refund, String complaintId, long minorUnits, LocalDate due) {
        Map<String, Object> amount = Map.of("minorUnits", minorUnits, "currency", "CNY");
        return EventContracts.message("refund.agreed.v1", "refundId", refund, "complaintId", complaintId,
                "amount", amount, "channels", List.of(Map.of("channel", "CARD", "amount", amount)), "dueDate", due,
                "remedy", "PARTIAL_REFUND", "by", "staff:zhao");
    }

    /** refund-service's {@code refund.overdue.v1}: the agreed amount, nothing of it paid by the due date. */
    static String refundOverdue(UUID refund, String complaintId, LocalDate due) {
        return EventContracts.message("refund.overdue.v1", "refundId", refund, "complaintId", complaintId,
                "amount", Map.of("minorUnits", 400000, "currency", "CNY"),
                "paid", Map.of("minorUnits", 0, "currency", "CNY"), "dueDate", due);
    }

    /** followup-service's {@code followup.customer-dissatisfied.v1}, as a callback reports it. */
    static String customerDissatisfied(String complaintId, String reason) {
        return EventContracts.message("followup.customer-dissatisfied.v1", "complaintId", complaintId, "reason", reason,
                "source", "callback");
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
        LocalDate due = LocalDate.now().plusDays(7);
        publish("refund-events", "refund-service", refund.toString(), UUID.randomUUID(), "refund.agreed.v1",
                refundAgreed(refund, id, 400000, due));
        UUID overdueId = UUID.randomUUID();
        String overdue = refundOverdue(refund, id, due);
        publish("refund-events", "refund-service", refund.toString(), overdueId, "refund.overdue.v1", overdue);
        publish("refund-events", "refund-service", refund.toString(), overdueId, "refund.overdue.v1", overdue); // again

        // behind the repeated alarm, on the same key (one partition, processed in order): once the marker's refund is
        // on its case, the repeat has been processed too
        String marker = file();
        publish("refund-events", "refund-service", refund.toString(), UUID.randomUUID(), "refund.requested.v1",
                EventContracts.message("refund.requested.v1", "refundId", UUID.randomUUID(), "complaintId", marker,
                        "branchId", "SH001", "amountPaid", Map.of("minorUnits", 400000, "currency", "CNY")));
        await().atMost(Duration.ofSeconds(30)).until(() -> types(marker).contains("complaint.refund-case-opened.v1"));
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
                "followup.customer-dissatisfied.v1", customerDissatisfied(id, "still red at the day-3 call"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/complaints/" + id).then()
                .body("status", equalTo("INVESTIGATING")).body("reopenCount", equalTo(1)));
        given().get("/complaints/" + id + "/events").then()
                .body("find { it.type == 'complaint.reopened.v1' }.data.reason", equalTo("still red at the day-3 call"));
    }

    static String resolvedCase() {
        String id = file();
        step(id, "acknowledge", null).statusCode(200);
        step(id, "assess", """
                {"category":"TREATMENT_RESULT","severity":"LOW","subject":"SERVICE","serviceDate":"%s","owner":"staff:wang"}"""
                .formatted(clinic.complaint.api.ComplaintLifecycleTest.TODAY)).statusCode(200);
        step(id, "start-investigation", null).statusCode(200);
        step(id, "resolve", "{\"decision\":\"explained the expected redness\"}").statusCode(200);
        return id;
    }

    /** followup-service's {@code followup.window-ended.v1}, as its FollowUpWindowEvent.WindowEnded is published. */
    static String windowEnded(String complaintId, int cycle, String outcome, int satisfied, int unreachable) {
        return """
                {"complaintId":"%s","cycle":%d,"outcome":"%s","callbacks":3,"satisfied":%d,"needsHelp":0,
                 "unreachable":%d,"notMade":%d,"endedAt":"2026-03-12T01:00:30Z"}"""
                .formatted(complaintId, cycle, outcome, satisfied, unreachable, 3 - satisfied - unreachable);
    }

    @Test
    void a_follow_up_window_ended_with_the_customer_satisfied_closes_the_resolved_case_and_nothing_else() throws Exception {
        String satisfied = resolvedCase();
        String reopened = resolvedCase();
        step(reopened, "reopen", "{\"reason\":\"still red, says the branch manager\"}").statusCode(200);
        String notReached = resolvedCase();
        String marker = resolvedCase();

        // one key, one partition: processed in this order (followup-service keys them by the complaint's window)
        String key = UUID.randomUUID().toString();
        UUID once = UUID.randomUUID();
        publish("followup-events", "followup-service", key, once, "followup.window-ended.v1",
                windowEnded(satisfied, 0, "SATISFIED", 2, 1));
        publish("followup-events", "followup-service", key, once, "followup.window-ended.v1",
                windowEnded(satisfied, 0, "SATISFIED", 2, 1)); // delivered again
        publish("followup-events", "followup-service", key, UUID.randomUUID(), "followup.window-ended.v1",
                windowEnded(reopened, 0, "SATISFIED", 3, 0));
        publish("followup-events", "followup-service", key, UUID.randomUUID(), "followup.window-ended.v1",
                windowEnded(notReached, 0, "NOT_REACHED", 0, 3));
        publish("followup-events", "followup-service", key, UUID.randomUUID(), "followup.customer-dissatisfied.v1",
                customerDissatisfied(marker, "marker"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/complaints/" + marker).then()
                .body("status", equalTo("INVESTIGATING")));

        given().get("/complaints/" + satisfied).then().body("status", equalTo("CLOSED"));
        assertThat(types(satisfied)).containsOnlyOnce("complaint.closed.v1");
        given().get("/complaints/" + satisfied + "/events").then()
                .body("find { it.type == 'complaint.closed.v1' }.data.closedBy", equalTo("followup-service"))
                .body("find { it.type == 'complaint.closed.v1' }.data.reason", equalTo(
                        "follow-up confirmed the customer is satisfied: 2 of 3 callbacks reached them satisfied, "
                                + "none dissatisfied or needing help"))
                .body("find { it.type == 'complaint.closed.v1' }.causationId", equalTo(once.toString()));
        given().get("/complaints/" + reopened).then().body("status", equalTo("INVESTIGATING"));
        assertThat(types(reopened)).doesNotContain("complaint.closed.v1");
        given().get("/complaints/" + notReached).then().body("status", equalTo("RESOLVED"));
        assertThat(types(notReached)).doesNotContain("complaint.closed.v1");

        // staff closing gives no reason
        step(notReached, "close", null).statusCode(200);
        given().get("/complaints/" + notReached + "/events").then()
                .body("find { it.type == 'complaint.closed.v1' }.data.closedBy", equalTo(TestTokens.DEFAULT_SUBJECT))
                .body("find { it.type == 'complaint.closed.v1' }.data.reason", org.hamcrest.Matchers.nullValue());
    }

    /**
     * The consumer loads a case, a member of staff appends a step to it, the consumer's append conflicts: it must try
     * again (the inbox keeps that harmless), not send the overdue alarm to the dead-letter topic. The race is forced:
     * a staff step's event is held uncommitted until the consumer's append waits on it, then committed.
     */
    @Test
    void an_overdue_alarm_that_races_a_staff_step_on_the_same_case_lands_instead_of_going_to_the_dead_letter_topic()
            throws Exception {
        String id = file();
        step(id, "acknowledge", null).statusCode(200);
        LocalDate due = LocalDate.now().plusDays(7);
        UUID refund = UUID.randomUUID();
        publish("refund-events", "refund-service", refund.toString(), UUID.randomUUID(), "refund.agreed.v1",
                refundAgreed(refund, id, 400000, due));
        await().atMost(Duration.ofSeconds(30)).until(() -> types(id).contains("complaint.refund-agreement-recorded.v1"));
        int version = types(id).size();

        try (Connection staff = dataSource.getConnection()) {
            staff.setAutoCommit(false);
            // a staff step in flight: it claims the stream's next version as the event store does, not yet committed
            try (PreparedStatement ps = staff.prepareStatement("update streams set version = ?, "
                    + "last_transaction_id = pg_current_xact_id() where stream_id = ?")) {
                ps.setInt(1, version + 1);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = staff.prepareStatement("""
                    insert into events (event_id, stream_id, version, event_type, payload, occurred_at, branch_id, actor,
                                        correlation_id)
                    values (?, ?, ?, 'complaint.evidence-added.v1', ?::jsonb, now(), 'SH001', 'staff:li.na', ?)""")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, id);
                ps.setInt(3, version + 1);
                ps.setString(4, """
                        {"complaintId":"%s","evidenceId":"%s","type":"PHOTO","suppliedBy":"customer","sha256":"%s",
                         "sizeBytes":10,"storedBy":"staff:li.na","addedAt":"%s"}"""
                        .formatted(id, UUID.randomUUID(), "ab".repeat(32), Instant.now()));
                ps.setObject(5, UUID.randomUUID());
                ps.executeUpdate();
            }
            publish("refund-events", "refund-service", refund.toString(), UUID.randomUUID(), "refund.overdue.v1",
                    refundOverdue(refund, id, due));
            // the consumer has loaded the case at `version` and waits to append the same version + 1
            await().atMost(Duration.ofSeconds(30)).until(this::anAppendWaitsOnALock);
            staff.commit();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> types(id).contains("complaint.escalated-to-hq.v1"));
        assertThat(types(id)).containsSubsequence("complaint.evidence-added.v1", "complaint.refund-overdue-recorded.v1")
                .containsOnlyOnce("complaint.refund-overdue-recorded.v1", "complaint.escalated-to-hq.v1");
        assertThat(TopicReader.read(bootstrap, "refund-events.complaint-service.dlq", r -> refund.toString().equals(r.key()),
                1, Duration.ofSeconds(2))).as("dead letters of the raced alarm").isEmpty();
    }

    private boolean anAppendWaitsOnALock() throws Exception {
        try (Connection c = dataSource.getConnection(); var rs = c.createStatement().executeQuery("""
                select count(*) from pg_stat_activity
                 where wait_event_type = 'Lock' and query like 'update streams%'""")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /**
     * Messages that used to stop a consumer for good: a CloudEvents time that is not a date (SmallRye's own envelope
     * reading failed the channel) and a message so close to the broker's limit that its dead letter could not be
     * written. Each goes to the dead-letter topic and the next message is processed.
     */
    @Test
    void a_message_the_framework_could_not_dead_letter_goes_there_and_the_consumer_goes_on() throws Exception {
        UUID refund = UUID.randomUUID();
        StoredEvent bad = new StoredEvent(1, UUID.randomUUID(), refund.toString(), 1, "refund.settled.v1", "{}",
                Instant.now(), Instant.now(), "SH001", "refund-service", UUID.randomUUID(), null);
        var headers = CloudEventHeaders.of(bad, "/clinic/refund-service");
        headers.remove(CloudEventHeaders.TIME);
        headers.add(CloudEventHeaders.TIME, "yesterday".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>("refund-events", null, refund.toString(), "{}", headers));

        // a record the broker just takes (its limit is 1 MiB), whose dead letter, headers added, it would not
        String big = "branch-message-" + UUID.randomUUID();
        String envelope = "{\"messageId\":\"" + big + "\",\"pad\":\"\"}";
        producer.send(new ProducerRecord<>("branch-complaints", big, envelope.replace("\"pad\":\"\"",
                "\"pad\":\"" + "x".repeat(1_048_350 - envelope.length()) + "\"")));

        var deadRefund = TopicReader.read(bootstrap, "refund-events.complaint-service.dlq", r -> refund.toString().equals(r.key()),
                1, Duration.ofSeconds(30));
        assertThat(deadRefund).singleElement().satisfies(r ->
                assertThat(TopicReader.header(r, "dead-letter-reason")).contains(CloudEventHeaders.TIME));
        var deadBig = TopicReader.read(bootstrap, "branch-complaints.complaint-service.dlq", r -> big.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertThat(deadBig).singleElement().satisfies(r -> {
            assertThat(TopicReader.header(r, "dead-letter-truncated")).contains("the first 524288");
            assertThat(r.value()).hasSize(524_288);
        });

        // both consumers go on: a refund agreed on a complaint, and a complaint from a branch system
        String id = file();
        publish("refund-events", "refund-service", UUID.randomUUID().toString(), UUID.randomUUID(), "refund.agreed.v1",
                refundAgreed(UUID.randomUUID(), id, 100, LocalDate.now().plusDays(7)));
        await().atMost(Duration.ofSeconds(30)).until(() -> types(id).contains("complaint.refund-agreement-recorded.v1"));
        String branch = "SH" + (100 + new java.util.Random().nextInt(800));
        producer.send(new ProducerRecord<>("branch-complaints", "after-big", """
                {"messageId":"after-big-%s","branchId":"%s","source":"pos","complaint":{"customer":{"ref":"cust-ab","name":"N"},
                 "channel":"FRONT_DESK","category":"TREATMENT_RESULT","description":"d","requestedRemedy":"APOLOGY",
                 "amountPaid":{"amount":"1.00","currency":"CNY"}}}""".formatted(UUID.randomUUID(), branch)));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/complaints?branch=" + branch).then()
                .extract().<Integer>path("total") == 1);
    }

    @Test
    void an_event_about_an_unknown_complaint_goes_to_the_dead_letter_topic() throws Exception {
        UUID unknown = UUID.randomUUID();
        UUID refund = UUID.randomUUID();
        publish("refund-events", "refund-service", refund.toString(), UUID.randomUUID(), "refund.settled.v1",
                EventContracts.message("refund.settled.v1", "refundId", refund, "complaintId", unknown,
                        "amount", Map.of("minorUnits", 1, "currency", "CNY")));

        var dead = TopicReader.read(bootstrap, "refund-events.complaint-service.dlq", r -> refund.toString().equals(r.key()),
                1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r ->
                assertThat(TopicReader.header(r, "dead-letter-reason")).contains("unknown complaint " + unknown));
    }
}
