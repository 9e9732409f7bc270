package clinic.followup.messaging;

import clinic.eventstore.EventMetadata;
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

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (event.type().equals("refund.settled.v1") || event.type().equals("purchase.recorded.v1")) {
            // the effects and the inbox row commit together, or not at all
            inbox.processOnce(ComplaintEventsConsumer.CONSUMER, event, this::handle);
        }
    }

    private void handle(IncomingEvent event) {
        EventMetadata m = event.causing(ComplaintEventsConsumer.CONSUMER);
        switch (event.type()) {
            case "refund.settled.v1" -> {
                CaseMessage settled = payloads.read(event, CaseMessage.class);
                ComplaintCases.Case c = cases.get(settled.complaintId());
                if (c == null) {
                    throw new MalformedMessage("complaint " + settled.complaintId() + " of the settled refund is not known here");
                }
                scheduling.resolvedOrSettled(c, FollowUpWindow.OpenedBy.REFUND_SETTLED, event.time(), m);
            }
            case "purchase.recorded.v1" -> {
                PurchaseRecordedMessage p = payloads.read(event, PurchaseRecordedMessage.class);
                List<ProductLine> products = p.lines().stream()
                        .filter(l -> "PRODUCT".equals(l.kind()) && l.productLine() != null)
                        .map(l -> productLine(l.productLine())).toList();
                if (!products.isEmpty()) {
                    scheduling.productsSold(p.purchaseId(), p.branchId(), p.customerRef(), p.purchasedAt(), products, m);
                }
            }
            default -> throw new IllegalStateException("not acted on: " + event.type());
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
