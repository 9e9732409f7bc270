package clinic.followup.messaging;

import clinic.eventstore.inbox.Inbox;
import clinic.eventstore.inbox.IncomingEvent;
import clinic.eventstore.inbox.IncomingPayload;
import clinic.eventstore.inbox.MalformedMessage;
import clinic.followup.application.ComplaintCases;
import clinic.followup.application.FollowUpScheduling;
import clinic.followup.application.PersonalFreeText;
import clinic.followup.domain.FollowUpWindow;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads complaint-events: a new complaint gets its intake callback; a resolved one the 1-3-7 callbacks and the
 * cycle's follow-up window over them; a closed one its survey; a reopened or withdrawn one loses its open follow-up
 * window, the calls and the unsent survey that no longer fit; a customer erased in
 * complaint-service loses their call notes and survey comments here. Every effect is
 * idempotent and the inbox remembers what was processed; a message that cannot be processed goes to
 * {@code complaint-events.followup-service.dlq} with the reason, and the next is processed.
 */
@ApplicationScoped
public class ComplaintEventsConsumer {

    /** The channel (and topic) this consumer reads. */
    public static final String CHANNEL = "complaint-events";
    /** This consumer's name in the inbox and as the actor of what it causes. */
    public static final String CONSUMER = "followup-service";

    private final Inbox inbox;
    private final FollowUpScheduling scheduling;
    private final ComplaintCases cases;
    private final PersonalFreeText personalData;
    private final IncomingPayload payloads;

    /** complaint-service erased a customer's personal data: erase what this service keeps of them too. */
    public record ErasureMessage(String customerRef) {
        public ErasureMessage {
            java.util.Objects.requireNonNull(customerRef, "customerRef is required");
        }
    }

    public ComplaintEventsConsumer(Inbox inbox, FollowUpScheduling scheduling, ComplaintCases cases,
                                   PersonalFreeText personalData, ObjectMapper mapper) {
        this.inbox = inbox;
        this.scheduling = scheduling;
        this.cases = cases;
        this.personalData = personalData;
        this.payloads = new IncomingPayload(mapper);
    }

    /** What this service does with each complaint event it acts on; the others pass by without a trace. */
    private final java.util.Map<String, java.util.function.Consumer<IncomingEvent>> handlers = java.util.Map.of(
            "complaint.filed.v1", this::filed,
            "complaint.resolved.v1", this::resolved,
            "complaint.closed.v1", this::closed,
            "complaint.reopened.v1", this::reopened,
            "complaint.withdrawn.v1", this::withdrawn,
            "customer.personal-data-erased.v1", this::erased);

    /** What one poll hands this consumer, in one transaction (see {@link Inbox#processBatch}). */
    @Incoming(CHANNEL)
    @Blocking
    public java.util.concurrent.CompletionStage<Void> consume(
            io.smallrye.reactive.messaging.kafka.KafkaRecordBatch<String, String> poll) {
        return inbox.processBatch(CONSUMER, poll, this::consume);
    }

    /** One record of a poll. */
    void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        var handler = handlers.get(event.type());
        if (handler != null) {
            // the effects (tasks, windows, surveys, case rows) and the inbox row commit together, or not at all
            inbox.processOnce(CONSUMER, event, handler);
        }
    }

    private void filed(IncomingEvent event) {
        ComplaintFiledMessage filed = payloads.read(event, ComplaintFiledMessage.class);
        cases.filed(filed.complaintId(), filed.branchId(), filed.customerRef());
        scheduling.complaintFiled(filed.complaintId(), filed.branchId(), filed.customerRef(), filed.filedAt(),
                event.causing(CONSUMER));
    }

    private void resolved(IncomingEvent event) {
        var c = known(payloads.read(event, CaseMessage.class));
        cases.changed(c.complaintId(), "RESOLVED", null);
        scheduling.resolvedOrSettled(c, FollowUpWindow.OpenedBy.RESOLUTION, event.time(), event.causing(CONSUMER));
    }

    private void closed(IncomingEvent event) {
        var c = known(payloads.read(event, CaseMessage.class));
        cases.changed(c.complaintId(), "CLOSED", null);
        scheduling.closed(c, event.time(), event.causing(CONSUMER));
    }

    private void reopened(IncomingEvent event) {
        CaseMessage msg = payloads.read(event, CaseMessage.class);
        known(msg);
        cases.changed(msg.complaintId(), "REOPENED", msg.reopenCount());
        scheduling.caseNoLongerFits(msg.complaintId(), "the complaint was reopened", event.time(), event.causing(CONSUMER));
    }

    private void withdrawn(IncomingEvent event) {
        var c = known(payloads.read(event, CaseMessage.class));
        cases.changed(c.complaintId(), "WITHDRAWN", null);
        scheduling.caseNoLongerFits(c.complaintId(), "the complaint was withdrawn", event.time(), event.causing(CONSUMER));
    }

    private void erased(IncomingEvent event) {
        personalData.erase(payloads.read(event, ErasureMessage.class).customerRef());
    }

    private ComplaintCases.Case known(CaseMessage message) {
        ComplaintCases.Case c = cases.get(message.complaintId());
        if (c == null) {
            throw new MalformedMessage("complaint " + message.complaintId() + " is not known here (its complaint.filed.v1 "
                    + "was never received)");
        }
        return c;
    }
}
