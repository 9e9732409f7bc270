package clinic.hq;

import clinic.contracts.EventContracts;
import clinic.devstack.DevStack;
import clinic.devstack.TopicWriter;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.relay.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes the three services' events as their relays do (CloudEvents headers, key = stream id), each payload
 * whole and within its contract (event-contracts), so that the tests feed hq-service exactly what it reads in
 * production. One case's events share a correlation id, as they do in the services.
 */
public final class Streams implements AutoCloseable {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final TopicWriter writer = new TopicWriter(DevStack.shared().bootstrapServers());
    private final Map<UUID, UUID> correlations = new java.util.concurrent.ConcurrentHashMap<>();

    /** An instant given as Shanghai local time, e.g. {@code 2026-03-02T09:00}. */
    public static Instant sh(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    /** A branch code no other test uses: each test's measures are its own. */
    public static String newBranch() {
        return "T" + Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000L, 36)
                .toUpperCase();
    }

    // ---- complaint-events -----------------------------------------------------------------------------------------

    public UUID filed(String branch, String caseNumber, String channel, String category, Instant at) {
        UUID id = UUID.randomUUID();
        complaint(id, branch, "complaint.filed.v1", at, "complaintId", id, "caseNumber", caseNumber, "branchId", branch,
                "channel", channel, "category", category, "filedAt", at,
                "customerRef", "cust-" + id.toString().substring(0, 8));
        return id;
    }

    public void acknowledged(UUID id, String branch, Instant at, long usedSeconds, long targetSeconds) {
        complaint(id, branch, "complaint.acknowledged.v1", at, "complaintId", id, "acknowledgedAt", at,
                "clock", Map.of("usedSeconds", usedSeconds, "targetSeconds", targetSeconds,
                        "met", usedSeconds <= targetSeconds));
    }

    public void assessed(UUID id, String branch, String category, String severity, Instant at) {
        complaint(id, branch, "complaint.assessed.v1", at, "complaintId", id, "category", category,
                "severity", severity, "assessedAt", at);
    }

    public void resolved(UUID id, String branch, Instant at, long usedSeconds, long targetSeconds) {
        complaint(id, branch, "complaint.resolved.v1", at, "complaintId", id, "resolvedAt", at,
                "clock", Map.of("usedSeconds", usedSeconds, "targetSeconds", targetSeconds,
                        "met", usedSeconds <= targetSeconds));
    }

    public void reopened(UUID id, String branch, int count, Instant at) {
        complaint(id, branch, "complaint.reopened.v1", at, "complaintId", id, "reopenCount", count, "reopenedAt", at);
    }

    public void slaWarning(UUID id, String branch, String type, String clock, int cycle, Instant at) {
        complaint(id, branch, type, at, "complaintId", id, "clock", clock, "cycle", cycle, "dueAt", at,
                "raisedAt", at);
    }

    public UUID escalated(UUID id, String branch, String body, Instant at) {
        UUID escalation = UUID.randomUUID();
        complaint(id, branch, "complaint.escalated-externally.v1", at, "complaintId", id, "escalationId", escalation,
                "body", body, "escalatedAt", at);
        return escalation;
    }

    public void step(UUID id, String branch, String type, Instant at) {
        complaint(id, branch, type, at, "complaintId", id);
    }

    public void complaint(UUID id, String branch, String type, Instant at, Object... fields) {
        publish("complaint-events", "/clinic/complaint-service", id, id, branch, type, at,
                EventContracts.message(type, fields));
    }

    // ---- refund-events --------------------------------------------------------------------------------------------

    public UUID refundRequested(UUID complaintId, String branch, Instant at) {
        UUID refund = UUID.randomUUID();
        refund(refund, complaintId, branch, "refund.requested.v1", at, "refundId", refund, "complaintId", complaintId,
                "branchId", branch, "requestedAt", at);
        return refund;
    }

    public void refundAgreed(UUID refund, UUID complaintId, String branch, long minor, LocalDate due, Instant at) {
        refund(refund, complaintId, branch, "refund.agreed.v1", at, "refundId", refund, "complaintId", complaintId,
                "amount", Map.of("minorUnits", minor, "currency", "CNY"), "dueDate", due.toString(), "agreedAt", at);
    }

    public void refundOverdue(UUID refund, UUID complaintId, String branch, long minor, LocalDate due, Instant at) {
        refund(refund, complaintId, branch, "refund.overdue.v1", at, "refundId", refund, "complaintId", complaintId,
                "amount", Map.of("minorUnits", minor, "currency", "CNY"),
                "paid", Map.of("minorUnits", 0, "currency", "CNY"), "dueDate", due.toString(), "raisedAt", at);
    }

    public void refundSettled(UUID refund, UUID complaintId, String branch, long minor, Instant at) {
        refund(refund, complaintId, branch, "refund.payment-recorded.v1", at, "refundId", refund,
                "complaintId", complaintId, "channel", "ORIGINAL", "amount", Map.of("minorUnits", minor, "currency", "CNY"),
                "paidAt", at);
        refund(refund, complaintId, branch, "refund.settled.v1", at, "refundId", refund, "complaintId", complaintId,
                "amount", Map.of("minorUnits", minor, "currency", "CNY"), "settledAt", at);
    }

    public void refund(UUID refund, UUID complaintId, String branch, String type, Instant at, Object... fields) {
        publish("refund-events", "/clinic/refund-service", refund, complaintId, branch, type, at,
                EventContracts.message(type, fields));
    }

    // ---- followup-events ------------------------------------------------------------------------------------------

    public UUID followUpScheduled(UUID complaintId, String branch, String kind, Instant dueAt) {
        UUID task = UUID.randomUUID();
        followUp(task, complaintId, branch, "followup.scheduled.v1", dueAt, "taskId", task, "complaintId", complaintId,
                "branchId", branch, "kind", kind, "day", 1, "dueAt", dueAt, "scheduledAt", dueAt);
        return task;
    }

    public void called(UUID task, UUID complaintId, String branch, String outcome, Instant at) {
        followUp(task, complaintId, branch, "followup.call-recorded.v1", at, "taskId", task, "complaintId", complaintId,
                "attempt", 1, "outcome", outcome, "durationSeconds", 200, "calledAt", at);
    }

    public void cancelled(UUID task, UUID complaintId, String branch, Instant at) {
        followUp(task, complaintId, branch, "followup.cancelled.v1", at, "taskId", task, "reason", "reopened",
                "cancelledAt", at);
    }

    public UUID surveySent(UUID complaintId, String branch, Instant at) {
        UUID survey = UUID.randomUUID();
        followUp(survey, complaintId, branch, "followup.survey-scheduled.v1", at, "surveyId", survey,
                "complaintId", complaintId, "branchId", branch, "sendAt", at, "scheduledAt", at);
        followUp(survey, complaintId, branch, "followup.survey-sent.v1", at, "surveyId", survey,
                "complaintId", complaintId, "branchId", branch, "sentAt", at, "expiresAt", at.plusSeconds(28 * 86400));
        return survey;
    }

    public void surveyAnswered(UUID survey, UUID complaintId, String branch, int csat, int nps, Instant at) {
        followUp(survey, complaintId, branch, "followup.survey-answered.v1", at, "surveyId", survey,
                "complaintId", complaintId, "branchId", branch, "csat", csat, "nps", nps, "answeredAt", at);
    }

    public void followUp(UUID stream, UUID complaintId, String branch, String type, Instant at, Object... fields) {
        publish("followup-events", "/clinic/followup-service", stream, complaintId, branch, type, at,
                EventContracts.message(type, fields));
    }

    /** Any record, for hostile-input tests: raw value and headers as given. */
    public void raw(ProducerRecord<String, String> record) {
        writer.send(record);
    }

    private void publish(String topic, String source, UUID stream, UUID caseId, String branch, String type,
                         Instant at, String payload) {
        UUID correlation = caseId == null ? UUID.randomUUID()
                : correlations.computeIfAbsent(caseId, c -> UUID.randomUUID());
        StoredEvent e = new StoredEvent(1, UUID.randomUUID(), stream.toString(), 1, type, payload, at, Instant.now(),
                branch, "test", correlation, null);
        writer.send(new ProducerRecord<>(topic, null, e.streamId(), payload, CloudEventHeaders.of(e, source)));
    }

    @Override
    public void close() {
        writer.close();
    }
}
