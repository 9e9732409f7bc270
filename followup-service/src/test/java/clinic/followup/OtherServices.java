package clinic.followup;

import clinic.contracts.EventContracts;
import clinic.devstack.TopicWriter;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.relay.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes events as complaint-service's and refund-service's relays do (CloudEvents headers, key = stream id). Every
 * payload must keep its event type's contract (event-contracts): the helpers build whole messages from it, and a
 * hand-written one that breaks it fails the test that sends it.
 */
public final class OtherServices implements AutoCloseable {

    private final TopicWriter writer;

    public OtherServices(String bootstrap) {
        this.writer = new TopicWriter(bootstrap);
    }

    public void complaint(UUID complaintId, String type, Instant at, String payload) {
        publish("complaint-events", complaintId, type, at, payload, "/clinic/complaint-service");
    }

    public void filed(UUID complaintId, String branch, String customer, Instant at) {
        complaint(complaintId, "complaint.filed.v1", at, EventContracts.message("complaint.filed.v1",
                "complaintId", complaintId, "branchId", branch, "customerRef", customer,
                "requestedRemedy", "PARTIAL_REFUND", "amountPaid", Map.of("minorUnits", 500000, "currency", "CNY"),
                "filedAt", at));
    }

    /** A step of the case whose payload this service reads no more of than the complaint's id. */
    public void step(UUID complaintId, String type, Instant at) {
        complaint(complaintId, type, at, EventContracts.message(type, "complaintId", complaintId));
    }

    public void reopened(UUID complaintId, int reopenCount, Instant at) {
        complaint(complaintId, "complaint.reopened.v1", at, EventContracts.message("complaint.reopened.v1",
                "complaintId", complaintId, "reason", "still swollen", "reopenCount", reopenCount, "reopenedAt", at));
    }

    public void erased(String customerRef, Instant at) {
        complaint(UUID.randomUUID(), "customer.personal-data-erased.v1", at, EventContracts.message(
                "customer.personal-data-erased.v1", "customerRef", customerRef, "erasedAt", at));
    }

    /** refund-service's {@code refund.settled.v1}: the refund of {@code complaintId} paid in full. */
    public static String settled(UUID complaintId, Instant at) {
        return EventContracts.message("refund.settled.v1", "refundId", UUID.randomUUID(), "complaintId", complaintId,
                "amount", Map.of("minorUnits", 500000, "currency", "CNY"), "settledAt", at);
    }

    /** refund-service's {@code purchase.recorded.v1} of a sale paid in CNY. */
    public void purchaseRecorded(UUID purchaseId, String branch, String orderNo, String customer, Instant at,
                                 List<Map<String, Object>> lines) {
        refund(purchaseId, "purchase.recorded.v1", at, EventContracts.message("purchase.recorded.v1",
                "purchaseId", purchaseId, "branchId", branch, "orderNo", orderNo, "customerRef", customer,
                "currency", "CNY", "purchasedAt", at, "lines", lines));
    }

    /** A line of a sale as purchase.recorded.v1 carries it; {@code productLine} null for a service. */
    public static Map<String, Object> line(String lineId, String kind, String name, String productLine) {
        Map<String, Object> line = new HashMap<>();
        line.put("lineId", lineId);
        line.put("kind", kind);
        line.put("name", name);
        line.put("productLine", productLine);
        line.put("listPrice", null);
        line.put("paid", Map.of("minorUnits", 19900, "currency", "CNY"));
        line.put("sessions", 0);
        line.put("giftedSessions", 0);
        line.put("giftedCredit", null);
        return line;
    }

    public void refund(UUID streamId, String type, Instant at, String payload) {
        publish("refund-events", streamId, type, at, payload, "/clinic/refund-service");
    }

    private void publish(String topic, UUID streamId, String type, Instant at, String payload, String source) {
        EventContracts.assertValid(type, payload);
        StoredEvent e = new StoredEvent(1, UUID.randomUUID(), streamId.toString(), 1, type, payload, at, Instant.now(),
                "SH001", "api", UUID.randomUUID(), null);
        writer.send(new ProducerRecord<>(topic, 0, e.streamId(), payload, CloudEventHeaders.of(e, source)));
    }

    @Override
    public void close() {
        writer.close();
    }
}
