package clinic.followup.messaging;

import clinic.eventstore.inbox.Inbox;
import clinic.eventstore.inbox.IncomingEvent;
import clinic.eventstore.inbox.IncomingPayload;
import clinic.eventstore.inbox.MalformedMessage;
import clinic.followup.application.ComplaintCases;
import clinic.followup.application.FollowUpScheduling;
import clinic.followup.domain.FollowUpWindow;
import clinic.followup.domain.ProductLine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Reads refund-events: a refund settled starts the 1-3-7 callbacks (unless the resolution started them in this cycle
 * already) and opens their window, which waits for the resolution to end (the window that can close a case is the
 * resolution's, see {@code FollowUpWindowDecider}); a purchase recorded (the branch purchase stream, validated by refund-service) with products schedules the
 * product follow-ups. Idempotent like the complaint consumer; DLQ {@code refund-events.followup-service.dlq}.
 */
@ApplicationScoped
public class RefundEventsConsumer {

    public static final String CHANNEL = "refund-events";

    private final Inbox inbox;
    private final FollowUpScheduling scheduling;
    private final ComplaintCases cases;
    private final IncomingPayload payloads;

    public RefundEventsConsumer(Inbox inbox, FollowUpScheduling scheduling, ComplaintCases cases, ObjectMapper mapper) {
        this.inbox = inbox;
        this.scheduling = scheduling;
        this.cases = cases;
        this.payloads = new IncomingPayload(mapper);
    }

    /** What this service does with each event of the topic it acts on; the others pass by without a trace. */
    private final java.util.Map<String, java.util.function.Consumer<IncomingEvent>> handlers = java.util.Map.of(
            "refund.settled.v1", this::settled,
            "purchase.recorded.v1", this::purchaseRecorded);

    /** What one poll hands this consumer, in one transaction (see {@link Inbox#processBatch}). */
    @Incoming(CHANNEL)
    @Blocking
    public java.util.concurrent.CompletionStage<Void> consume(
            io.smallrye.reactive.messaging.kafka.KafkaRecordBatch<String, String> poll) {
        return inbox.processBatch(ComplaintEventsConsumer.CONSUMER, poll, this::consume);
    }

    /** One record of a poll. */
    void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        var handler = handlers.get(event.type());
        if (handler != null) {
            // the effects and the inbox row commit together, or not at all
            inbox.processOnce(ComplaintEventsConsumer.CONSUMER, event, handler);
        }
    }

    private void settled(IncomingEvent event) {
        CaseMessage settled = payloads.read(event, CaseMessage.class);
        ComplaintCases.Case c = cases.get(settled.complaintId());
        if (c == null) {
            throw new MalformedMessage("complaint " + settled.complaintId() + " of the settled refund is not known here");
        }
        scheduling.resolvedOrSettled(c, FollowUpWindow.OpenedBy.REFUND_SETTLED, event.time(),
                event.causing(ComplaintEventsConsumer.CONSUMER));
    }

    private void purchaseRecorded(IncomingEvent event) {
        PurchaseRecordedMessage p = payloads.read(event, PurchaseRecordedMessage.class);
        List<ProductLine> products = p.lines().stream()
                .filter(l -> "PRODUCT".equals(l.kind()) && l.productLine() != null)
                .map(l -> productLine(l.productLine())).toList();
        if (!products.isEmpty()) {
            scheduling.productsSold(p.purchaseId(), p.branchId(), p.customerRef(), p.purchasedAt(), products,
                    event.causing(ComplaintEventsConsumer.CONSUMER));
        }
    }

    private static ProductLine productLine(String name) {
        try {
            return ProductLine.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("unknown product line " + name);
        }
    }
}
