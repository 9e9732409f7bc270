package clinic.followup.messaging;

import clinic.eventstore.EventMetadata;
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

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (ACTED_ON.contains(event.type())) {
            // the effects (tasks, windows, surveys, case rows) and the inbox row commit together, or not at all
            inbox.processOnce(CONSUMER, event, this::handle);
        }
    }

    /** The complaint events this service acts on; the others pass by without a trace. */
    private static final java.util.Set<String> ACTED_ON = java.util.Set.of("complaint.filed.v1", "complaint.resolved.v1",
            "complaint.closed.v1", "complaint.reopened.v1", "customer.personal-data-erased.v1", "complaint.withdrawn.v1");

    private void handle(IncomingEvent event) {
        EventMetadata m = event.causing(CONSUMER);
        switch (event.type()) {
            case "complaint.filed.v1" -> {
                ComplaintFiledMessage filed = payloads.read(event, ComplaintFiledMessage.class);
                cases.filed(filed.complaintId(), filed.branchId(), filed.customerRef());
                scheduling.complaintFiled(filed.complaintId(), filed.branchId(), filed.customerRef(), filed.filedAt(), m);
            }
            case "complaint.resolved.v1" -> {
                var c = known(payloads.read(event, CaseMessage.class));
                cases.changed(c.complaintId(), "RESOLVED", null);
                scheduling.resolvedOrSettled(c, FollowUpWindow.OpenedBy.RESOLUTION, event.time(), m);
            }
            case "complaint.closed.v1" -> {
                var c = known(payloads.read(event, CaseMessage.class));
                cases.changed(c.complaintId(), "CLOSED", null);
                scheduling.closed(c, event.time(), m);
            }
            case "complaint.reopened.v1" -> {
                CaseMessage msg = payloads.read(event, CaseMessage.class);
                known(msg);
                cases.changed(msg.complaintId(), "REOPENED", msg.reopenCount());
                scheduling.caseNoLongerFits(msg.complaintId(), "the complaint was reopened", event.time(), m);
            }
            case "customer.personal-data-erased.v1" -> {
                ErasureMessage erased = payloads.read(event, ErasureMessage.class);
                personalData.erase(erased.customerRef());
            }
            case "complaint.withdrawn.v1" -> {
                var c = known(payloads.read(event, CaseMessage.class));
                cases.changed(c.complaintId(), "WITHDRAWN", null);
                scheduling.caseNoLongerFits(c.complaintId(), "the complaint was withdrawn", event.time(), m);
            }
            default -> throw new IllegalStateException("not acted on: " + event.type());
        }
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
