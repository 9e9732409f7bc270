package clinic.followup;

import clinic.devstack.TopicWriter;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.relay.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.UUID;

/** Publishes events as complaint-service's and refund-service's relays do (CloudEvents headers, key = stream id). */
public final class OtherServices implements AutoCloseable {

    private final TopicWriter writer;

    public OtherServices(String bootstrap) {
        this.writer = new TopicWriter(bootstrap);
    }

    public void complaint(UUID complaintId, String type, Instant at, String payload) {
        publish("complaint-events", complaintId, type, at, payload, "/clinic/complaint-service");
    }

    public void filed(UUID complaintId, String branch, String customer, Instant at) {
        complaint(complaintId, "complaint.filed.v1", at, """
                {"complaintId":"%s","branchId":"%s","customerRef":"%s","requestedRemedy":"PARTIAL_REFUND","filedAt":"%s"}"""
                .formatted(complaintId, branch, customer, at));
    }

    public void step(UUID complaintId, String type, Instant at) {
        complaint(complaintId, type, at, "{\"complaintId\":\"" + complaintId + "\"}");
    }

    public void reopened(UUID complaintId, int reopenCount, Instant at) {
        complaint(complaintId, "complaint.reopened.v1", at, """
                {"complaintId":"%s","reason":"still swollen","reopenCount":%d}""".formatted(complaintId, reopenCount));
    }

    public void refund(UUID streamId, String type, Instant at, String payload) {
        publish("refund-events", streamId, type, at, payload, "/clinic/refund-service");
    }

    private void publish(String topic, UUID streamId, String type, Instant at, String payload, String source) {
        StoredEvent e = new StoredEvent(1, UUID.randomUUID(), streamId.toString(), 1, type, payload, at, Instant.now(),
                "SH001", "api", UUID.randomUUID(), null);
        writer.send(new ProducerRecord<>(topic, 0, e.streamId(), payload, CloudEventHeaders.of(e, source)));
    }

    @Override
    public void close() {
        writer.close();
    }
}
