package clinic.hq.messaging;

import clinic.eventstore.inbox.Inbox;
import clinic.eventstore.inbox.IncomingEvent;
import clinic.eventstore.inbox.IncomingPayload;
import clinic.eventstore.inbox.MalformedMessage;
import clinic.hq.application.Freshness;
import clinic.hq.application.Insights;
import clinic.hq.domain.CaseFact;
import clinic.hq.domain.FollowUpFact;
import clinic.hq.domain.RefundFact;
import clinic.hq.domain.SurveyFact;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the three services' topics into HQ's store ({@link Insights}): each event HQ measures becomes the fact it
 * keeps of it, any other event of a case, refund, task or survey a step of its timeline; events of no such stream
 * (purchases, follow-up windows, erasures: HQ keeps no personal data to erase) are only counted as read. Each message
 * is processed once (the inbox), with the topic position it was read at, in one transaction; a message that cannot
 * be read goes to {@code <topic>.hq-service.dlq} with the reason and the next one is processed.
 */
@ApplicationScoped
public class EventStreamsConsumer {

    /** This consumer's name in the inbox. */
    public static final String CONSUMER = "hq-service";

    private final Inbox inbox;
    private final Insights insights;
    private final Freshness freshness;
    private final IncomingPayload payloads;
    /** Reads a payload with fields added into a fact, ignoring the fields HQ does not keep. */
    private final ObjectMapper lenient;

    public EventStreamsConsumer(Inbox inbox, Insights insights, Freshness freshness, ObjectMapper mapper) {
        this.inbox = inbox;
        this.insights = insights;
        this.freshness = freshness;
        this.payloads = new IncomingPayload(mapper);
        this.lenient = mapper.copy().configure(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @Incoming("complaint-events")
    @Blocking
    public java.util.concurrent.CompletionStage<Void> complaintEvents(
            io.smallrye.reactive.messaging.kafka.KafkaRecordBatch<String, String> poll) {
        return inbox.processBatch(CONSUMER, poll, record -> consume(record, this::complaintEvent))
                .thenRun(() -> freshness.changed("complaint-events"));
    }

    @Incoming("refund-events")
    @Blocking
    public java.util.concurrent.CompletionStage<Void> refundEvents(
            io.smallrye.reactive.messaging.kafka.KafkaRecordBatch<String, String> poll) {
        return inbox.processBatch(CONSUMER, poll, record -> consume(record, this::refundEvent))
                .thenRun(() -> freshness.changed("refund-events"));
    }

    @Incoming("followup-events")
    @Blocking
    public java.util.concurrent.CompletionStage<Void> followUpEvents(
            io.smallrye.reactive.messaging.kafka.KafkaRecordBatch<String, String> poll) {
        return inbox.processBatch(CONSUMER, poll, record -> consume(record, this::followUpEvent))
                .thenRun(() -> freshness.changed("followup-events"));
    }

    private void consume(ConsumerRecord<String, String> record, Consumer<IncomingEvent> translate) {
        boolean applied;
        try {
            applied = inbox.processOnce(CONSUMER, IncomingEvent.from(record), e -> {
                translate.accept(e);
                freshness.applied(record.topic(), record.partition(), record.offset(), e.time());
            });
        } catch (MalformedMessage refused) {
            // unreadable, on its way to the dead-letter topic: read, so not behind. Any other failure (the database
            // away longer than the inbox's retries) leaves the position where it was: the dashboard says it is behind.
            try {
                freshness.passed(record.topic(), record.partition(), record.offset());
            } catch (RuntimeException positionNotWritten) {
                refused.addSuppressed(positionNotWritten);
            }
            throw refused;
        }
        if (!applied) {
            freshness.passed(record.topic(), record.partition(), record.offset());
        }
        // the live page is told once the poll has committed (processBatch's caller), not here: it would read too early
    }

    private static final Map<String, Class<? extends CaseFact>> CASE_FACTS = Map.of(
            "complaint.filed.v1", CaseFact.Filed.class,
            "complaint.acknowledged.v1", CaseFact.Acknowledged.class,
            "complaint.assessed.v1", CaseFact.Assessed.class,
            "complaint.resolved.v1", CaseFact.Resolved.class,
            "complaint.closed.v1", CaseFact.Closed.class,
            "complaint.closed-out-of-scope.v1", CaseFact.ClosedOutOfScope.class,
            "complaint.reopened.v1", CaseFact.Reopened.class,
            "complaint.withdrawn.v1", CaseFact.Withdrawn.class,
            "complaint.escalated-externally.v1", CaseFact.EscalatedExternally.class,
            "complaint.escalation-outcome-recorded.v1", CaseFact.EscalationConcluded.class);

    private void complaintEvent(IncomingEvent event) {
        String type = event.type();
        if (CASE_FACTS.containsKey(type)) {
            insights.observed(event, payloads.read(event, CASE_FACTS.get(type)));
        } else if (type.equals("complaint.sla-at-risk.v1") || type.equals("complaint.sla-breached.v1")) {
            insights.observed(event, read(event, CaseFact.SlaWarned.class, Map.of("level",
                    type.equals("complaint.sla-at-risk.v1") ? CaseFact.SlaWarned.AT_RISK : CaseFact.SlaWarned.BREACHED)));
        } else if (type.startsWith("complaint.")) {
            insights.observed(event, step(event, CaseFact.Step.class));
        }
    }

    private static final Map<String, Class<? extends RefundFact>> REFUND_FACTS = Map.of(
            "refund.requested.v1", RefundFact.Requested.class,
            "refund.agreed.v1", RefundFact.Agreed.class,
            "refund.payment-recorded.v1", RefundFact.PaymentRecorded.class,
            "refund.settled.v1", RefundFact.Settled.class,
            "refund.overdue.v1", RefundFact.Overdue.class);

    private void refundEvent(IncomingEvent event) {
        String type = event.type();
        if (REFUND_FACTS.containsKey(type)) {
            insights.observed(event, payloads.read(event, REFUND_FACTS.get(type)));
        } else if (type.equals("refund.rejected.v1")) {
            insights.observed(event, ended(event, RefundFact.Ended.class, "REJECTED", "rejectedAt"));
        } else if (type.equals("refund.withdrawn.v1")) {
            insights.observed(event, ended(event, RefundFact.Ended.class, "WITHDRAWN", "withdrawnAt"));
        } else if (type.startsWith("refund.")) {
            insights.observed(event, step(event, RefundFact.Step.class));
        }
    }

    private static final Map<String, Class<? extends FollowUpFact>> FOLLOW_UP_FACTS = Map.of(
            "followup.scheduled.v1", FollowUpFact.Scheduled.class,
            "followup.rescheduled.v1", FollowUpFact.Rescheduled.class,
            "followup.call-recorded.v1", FollowUpFact.CallRecorded.class,
            "followup.unreachable.v1", FollowUpFact.Unreachable.class,
            "followup.cancelled.v1", FollowUpFact.Cancelled.class);

    private static final Map<String, Class<? extends SurveyFact>> SURVEY_FACTS = Map.of(
            "followup.survey-scheduled.v1", SurveyFact.Scheduled.class,
            "followup.survey-sent.v1", SurveyFact.Sent.class,
            "followup.survey-answered.v1", SurveyFact.Answered.class);

    private void followUpEvent(IncomingEvent event) {
        String type = event.type();
        if (FOLLOW_UP_FACTS.containsKey(type)) {
            insights.observed(event, payloads.read(event, FOLLOW_UP_FACTS.get(type)));
        } else if (type.equals("followup.due.v1") || type.equals("followup.assigned.v1")) {
            insights.observed(event, step(event, FollowUpFact.Step.class));
        } else if (SURVEY_FACTS.containsKey(type)) {
            insights.observed(event, payloads.read(event, SURVEY_FACTS.get(type)));
        } else if (type.equals("followup.survey-expired.v1")) {
            insights.observed(event, ended(event, SurveyFact.Ended.class, "EXPIRED", "expiredAt"));
        } else if (type.equals("followup.survey-cancelled.v1")) {
            insights.observed(event, ended(event, SurveyFact.Ended.class, "CANCELLED", "cancelledAt"));
        }
    }

    /** A step of the stream's timeline: its type and time, the stream's id read from the payload. */
    private <T> T step(IncomingEvent event, Class<T> type) {
        return read(event, type, Map.of("type", event.type(), "at", event.time().toString()));
    }

    /** An end (rejected, expired, ...): how, and when from the payload's own time field. */
    private <T> T ended(IncomingEvent event, Class<T> type, String how, String timeField) {
        ObjectNode node = object(event);
        node.put("how", how);
        node.set("at", node.get(timeField));
        return convert(event, node, type);
    }

    private <T> T read(IncomingEvent event, Class<T> type, Map<String, String> added) {
        ObjectNode node = object(event);
        added.forEach(node::put);
        return convert(event, node, type);
    }

    private ObjectNode object(IncomingEvent event) {
        if (!(payloads.read(event, com.fasterxml.jackson.databind.JsonNode.class) instanceof ObjectNode node)) {
            throw new MalformedMessage(event.type() + " " + event.id() + ": payload is not a JSON object");
        }
        return node;
    }

    private <T> T convert(IncomingEvent event, ObjectNode node, Class<T> type) {
        try {
            return lenient.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw MalformedMessage.unreadable(event.type() + " " + event.id() + ": payload ", e);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage(event.type() + " " + event.id() + " payload: " + e.getMessage());
        }
    }
}
