package clinic.complaint.messaging;

import clinic.complaint.application.ComplaintNotFound;
import clinic.complaint.application.ComplaintService;
import clinic.complaint.domain.ComplaintCommand;
import clinic.complaint.domain.Money;
import clinic.eventstore.inbox.Inbox;
import clinic.eventstore.inbox.IncomingEvent;
import clinic.eventstore.inbox.IncomingPayload;
import clinic.eventstore.inbox.MalformedMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * What refund-service and followup-service report about a case: a refund agreed, paid or overdue is recorded on the
 * case (overdue sends it to HQ); a customer still dissatisfied reopens it. Each event once (the inbox); one that
 * cannot be processed goes to {@code <topic>.complaint-service.dlq} with the reason.
 */
@ApplicationScoped
public class OtherServicesConsumer {

    public static final String REFUND_EVENTS = "refund-events";
    public static final String FOLLOWUP_EVENTS = "followup-events";
    public static final String CONSUMER = "complaint-service";

    /** The fields of refund-service's refund events this service needs. */
    public record RefundMessage(UUID refundId, UUID complaintId, Amount amount, LocalDate dueDate) {
        public record Amount(Long minorUnits, String currency) {
        }

        public RefundMessage {
            Objects.requireNonNull(refundId, "refundId is required");
            Objects.requireNonNull(complaintId, "complaintId is required");
        }

        Money money() {
            if (amount == null || amount.minorUnits() == null || amount.currency() == null) {
                throw new MalformedMessage("refund " + refundId + ": amount {minorUnits, currency} is required");
            }
            try {
                return new Money(amount.minorUnits(), amount.currency());
            } catch (Money.InvalidMoney e) {
                throw new MalformedMessage("refund " + refundId + ": amount." + e.part() + " " + e.getMessage());
            }
        }
    }

    /** The fields of followup-service's dissatisfaction event this service needs. */
    public record DissatisfiedMessage(UUID complaintId, String reason) {
        public DissatisfiedMessage {
            Objects.requireNonNull(complaintId, "complaintId is required");
        }
    }

    private final Inbox inbox;
    private final ComplaintService complaints;
    private final IncomingPayload payloads;

    public OtherServicesConsumer(Inbox inbox, ComplaintService complaints, ObjectMapper mapper) {
        this.inbox = inbox;
        this.complaints = complaints;
        this.payloads = new IncomingPayload(mapper);
    }

    @Incoming(REFUND_EVENTS)
    @Blocking
    public void onRefundEvent(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        Instant at = event.time();
        switch (event.type()) {
            case "refund.agreed.v1" -> {
                RefundMessage m = payloads.read(event, RefundMessage.class);
                if (m.dueDate() == null) {
                    throw new MalformedMessage("refund " + m.refundId() + ": dueDate is required");
                }
                apply(event, m.complaintId(), new ComplaintCommand.RecordRefundAgreed(m.refundId(), m.money(), m.dueDate(), at));
            }
            case "refund.settled.v1" -> {
                RefundMessage m = payloads.read(event, RefundMessage.class);
                apply(event, m.complaintId(), new ComplaintCommand.RecordRefundSettled(m.refundId(), m.money(), at));
            }
            case "refund.overdue.v1" -> {
                RefundMessage m = payloads.read(event, RefundMessage.class);
                apply(event, m.complaintId(), new ComplaintCommand.RecordRefundOverdue(m.refundId(), m.dueDate(), at));
            }
            default -> {
                // not an event that changes the case
            }
        }
    }

    @Incoming(FOLLOWUP_EVENTS)
    @Blocking
    public void onFollowUpEvent(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (event.type().equals("followup.customer-dissatisfied.v1")) {
            DissatisfiedMessage m = payloads.read(event, DissatisfiedMessage.class);
            String reason = m.reason() == null || m.reason().isBlank() ? "the customer is still dissatisfied" : m.reason();
            apply(event, m.complaintId(), new ComplaintCommand.ReopenOnDissatisfaction(reason, "followup-service", event.time()));
        }
    }

    private void apply(IncomingEvent event, UUID complaintId, ComplaintCommand.Automatic command) {
        try {
            inbox.processOnce(CONSUMER, event, e -> complaints.applyFromAnotherService(complaintId, command,
                    e.causing(CONSUMER)));
        } catch (ComplaintNotFound e) {
            throw new MalformedMessage(event.type() + " " + event.id() + " names an unknown complaint " + complaintId);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage(event.type() + " " + event.id() + ": " + e.getMessage());
        }
    }
}
