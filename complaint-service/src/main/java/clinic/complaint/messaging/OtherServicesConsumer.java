package clinic.complaint.messaging;

import clinic.complaint.application.ComplaintNotFound;
import clinic.complaint.application.ComplaintService;
import clinic.complaint.domain.ComplaintCommand;
import clinic.eventstore.domain.Money;
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
 * case (overdue sends it to HQ); a customer still dissatisfied reopens it; a follow-up window that ended with the
 * customer satisfied closes a case still resolved. Each event once (the inbox); one that
 * cannot be processed goes to {@code <topic>.complaint-service.dlq} with the reason.
 */
@ApplicationScoped
public class OtherServicesConsumer {

    public static final String REFUND_EVENTS = "refund-events";
    public static final String FOLLOWUP_EVENTS = "followup-events";
    public static final String CONSUMER = "complaint-service";

    /**
     * The fields of refund-service's refund events this service needs: {@code amount} is the agreed, paid or settled
     * amount; {@code remedy} and {@code channels} of an agreement; {@code paid} so far of an overdue one; {@code reason}
     * of an agreement not applied.
     */
    public record RefundMessage(UUID refundId, UUID complaintId, Amount amount, LocalDate dueDate, String remedy,
                                java.util.List<Channel> channels, String channel, String reason) {
        public record Channel(String channel) {
        }

        public record Amount(Long minorUnits, String currency) {
        }

        public RefundMessage {
            Objects.requireNonNull(refundId, "refundId is required");
            Objects.requireNonNull(complaintId, "complaintId is required");
        }

        /** The complaint's name for the refund's remedy (a refund to the balance, say, is a partial refund here). */
        clinic.complaint.domain.Remedy complaintRemedy() {
            if (remedy == null) {
                return null;
            }
            return switch (remedy) {
                case "FULL_REFUND" -> clinic.complaint.domain.Remedy.FULL_REFUND;
                case "COMPENSATION" -> clinic.complaint.domain.Remedy.COMPENSATION;
                default -> clinic.complaint.domain.Remedy.PARTIAL_REFUND;
            };
        }

        /** The agreement's payment channels, as one payment method. */
        String paymentMethod() {
            if (channels == null || channels.isEmpty()) {
                return null;
            }
            String joined = String.join(", ", channels.stream().map(c -> c == null ? "?" : String.valueOf(c.channel())).toList());
            return joined.length() > 200 ? joined.substring(0, 200) : joined;
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

    /**
     * The fields of followup-service's {@code followup.window-ended.v1} this service needs: every 1-3-7 callback of the
     * case's resolution cycle {@code cycle} is over, and what they found ({@code outcome} SATISFIED, NEEDS_HELP or
     * NOT_REACHED; {@code callbacks} made or given up, {@code satisfied} of them reached a satisfied customer).
     */
    public record WindowEndedMessage(UUID complaintId, Integer cycle, String outcome, Integer callbacks,
                                     Integer satisfied) {
        public WindowEndedMessage {
            Objects.requireNonNull(complaintId, "complaintId is required");
            Objects.requireNonNull(cycle, "cycle is required");
            Objects.requireNonNull(outcome, "outcome is required");
        }

        boolean customerSatisfied() {
            return "SATISFIED".equals(outcome);
        }

        /** Why the case closes, as its closing event says. */
        String reason() {
            return satisfied == null || callbacks == null
                    ? "follow-up confirmed the customer is satisfied"
                    : "follow-up confirmed the customer is satisfied: " + satisfied + " of " + callbacks
                    + " callbacks reached them satisfied, none dissatisfied or needing help";
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

    /** What one poll hands this consumer, in one transaction (see {@link Inbox#processBatch}). */
    @Incoming(REFUND_EVENTS)
    @Blocking
    public java.util.concurrent.CompletionStage<Void> onRefundEvent(
            io.smallrye.reactive.messaging.kafka.KafkaRecordBatch<String, String> poll) {
        return inbox.processBatch(CONSUMER, poll, this::onRefundEvent);
    }

    /** One record of a poll. */
    void onRefundEvent(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        Instant at = event.time();
        switch (event.type()) {
            case "refund.requested.v1" -> {
                RefundMessage m = payloads.read(event, RefundMessage.class);
                apply(event, m.complaintId(), new ComplaintCommand.RecordRefundOpened(m.refundId(), at));
            }
            case "refund.agreed.v1" -> {
                RefundMessage m = payloads.read(event, RefundMessage.class);
                if (m.dueDate() == null) {
                    throw new MalformedMessage("refund " + m.refundId() + ": dueDate is required");
                }
                apply(event, m.complaintId(), new ComplaintCommand.RecordRefundAgreed(m.refundId(), m.money(), m.dueDate(),
                        m.complaintRemedy(), m.paymentMethod(), at));
            }
            case "refund.payment-recorded.v1" -> {
                RefundMessage m = payloads.read(event, RefundMessage.class);
                apply(event, m.complaintId(), new ComplaintCommand.RecordRefundPayment(m.refundId(), m.money(), at));
            }
            case "refund.complaint-agreement-not-applied.v1" -> {
                RefundMessage m = payloads.read(event, RefundMessage.class);
                String reason = m.reason() == null || m.reason().isBlank() ? "no reason given" : m.reason();
                apply(event, m.complaintId(), new ComplaintCommand.RecordRefundAgreementNotApplied(m.refundId(),
                        reason.length() > 500 ? reason.substring(0, 500) : reason, at));
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

    /** What one poll hands this consumer, in one transaction (see {@link Inbox#processBatch}). */
    @Incoming(FOLLOWUP_EVENTS)
    @Blocking
    public java.util.concurrent.CompletionStage<Void> onFollowUpEvent(
            io.smallrye.reactive.messaging.kafka.KafkaRecordBatch<String, String> poll) {
        return inbox.processBatch(CONSUMER, poll, this::onFollowUpEvent);
    }

    /** One record of a poll. */
    void onFollowUpEvent(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (event.type().equals("followup.customer-dissatisfied.v1")) {
            DissatisfiedMessage m = payloads.read(event, DissatisfiedMessage.class);
            String reason = m.reason() == null || m.reason().isBlank() ? "the customer is still dissatisfied" : m.reason();
            apply(event, m.complaintId(), new ComplaintCommand.ReopenOnDissatisfaction(reason, "followup-service", event.time()));
        } else if (event.type().equals("followup.window-ended.v1")) {
            WindowEndedMessage m = payloads.read(event, WindowEndedMessage.class);
            if (m.customerSatisfied()) {
                apply(event, m.complaintId(), new ComplaintCommand.CloseAfterFollowUp(m.cycle(), m.reason(),
                        "followup-service", event.time()));
            }
            // NOT_REACHED, NEEDS_HELP (or an outcome added later): the case stays resolved, for staff to close
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
