package clinic.refund.messaging;

import clinic.eventstore.inbox.Inbox;
import clinic.eventstore.inbox.IncomingEvent;
import clinic.eventstore.inbox.IncomingPayload;
import clinic.eventstore.inbox.MalformedMessage;
import clinic.refund.application.RefundService;
import clinic.refund.domain.Money;
import clinic.refund.domain.RefundCommand.RequestRefund;
import clinic.refund.domain.RefundKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads complaint-events. A complaint that asks for a full or partial refund opens a refund case. Each event has one
 * effect however often it arrives (the inbox); one that cannot be processed goes to
 * {@code complaint-events.refund-service.dlq} with the reason, and the next is processed.
 */
@ApplicationScoped
public class ComplaintEventsConsumer {

    /** The channel (and topic) this consumer reads. */
    public static final String CHANNEL = "complaint-events";
    /** This consumer's name in the inbox and as the actor of what it causes. */
    public static final String CONSUMER = "refund-service";

    private final Inbox inbox;
    private final RefundService refunds;
    private final IncomingPayload payloads;

    public ComplaintEventsConsumer(Inbox inbox, RefundService refunds, ObjectMapper mapper) {
        this.inbox = inbox;
        this.refunds = refunds;
        this.payloads = new IncomingPayload(mapper);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        switch (event.type()) {
            case "complaint.filed.v1" -> onFiled(event, payloads.read(event, ComplaintFiledMessage.class));
            default -> {
                // not an event this service acts on
            }
        }
    }

    private void onFiled(IncomingEvent event, ComplaintFiledMessage filed) {
        RefundKind kind = switch (filed.requestedRemedy()) {
            case "FULL_REFUND" -> RefundKind.FULL_REFUND;
            case "PARTIAL_REFUND" -> RefundKind.PARTIAL_REFUND;
            default -> null;
        };
        if (kind == null) {
            return;
        }
        Money paid;
        try {
            paid = new Money(filed.amountPaid().minorUnits(), filed.amountPaid().currency());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("complaint " + filed.complaintId() + ": " + e.getMessage());
        }
        var command = new RequestRefund(RefundService.refundIdFor(filed.complaintId()), filed.complaintId(),
                filed.branchId(), filed.customerRef(), kind, paid, filed.filedAt());
        inbox.processOnce(CONSUMER, event, e -> refunds.request(command, e.causing(CONSUMER)));
    }
}
