package clinic.refund;

import clinic.contracts.EventContracts;
import clinic.devstack.TopicWriter;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.relay.CloudEventHeaders;
import clinic.refund.application.RefundService;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** A refund case opened the way it is in production: complaint-service publishes a complaint asking for a full refund. */
public final class OpenedRefunds {

    private OpenedRefunds() {
    }

    /** Publishes {@code complaint.filed.v1} on the real broker and returns the refund case once it can be read. */
    public static UUID fromComplaint(String bootstrap, String branch, String customer, String filedAt) {
        UUID complaint = UUID.randomUUID();
        String payload = EventContracts.message("complaint.filed.v1", "complaintId", complaint, "branchId", branch,
                "customerRef", customer, "requestedRemedy", "FULL_REFUND",
                "amountPaid", Map.of("minorUnits", 1280000, "currency", "CNY"), "filedAt", filedAt);
        StoredEvent e = new StoredEvent(1, UUID.randomUUID(), complaint.toString(), 1, "complaint.filed.v1", payload,
                Instant.now(), Instant.now(), branch, "li.na", UUID.randomUUID(), null);
        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            writer.send(new ProducerRecord<>("complaint-events", null, e.streamId(), payload,
                    CloudEventHeaders.of(e, "/clinic/complaint-service")));
        }
        UUID refund = RefundService.refundIdFor(complaint);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/refunds/" + refund).then().statusCode(200));
        return refund;
    }
}
