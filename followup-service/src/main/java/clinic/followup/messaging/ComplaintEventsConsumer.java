package clinic.followup.messaging;

import clinic.eventstore.inbox.Inbox;
import clinic.eventstore.inbox.IncomingEvent;
import clinic.eventstore.inbox.IncomingPayload;
import clinic.followup.application.FollowUpService;
import clinic.followup.config.FollowUpConfig;
import clinic.followup.domain.FollowUpRules;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads complaint-events and schedules the follow-ups they call for. Each event has one effect however often it
 * arrives (the inbox); one that cannot be processed goes to {@code complaint-events.followup-service.dlq} with the
 * reason, and the next is processed.
 */
@ApplicationScoped
public class ComplaintEventsConsumer {

    /** The channel (and topic) this consumer reads. */
    public static final String CHANNEL = "complaint-events";
    /** This consumer's name in the inbox and as the actor of what it causes. */
    public static final String CONSUMER = "followup-service";

    private final Inbox inbox;
    private final FollowUpService followUps;
    private final FollowUpConfig config;
    private final IncomingPayload payloads;

    public ComplaintEventsConsumer(Inbox inbox, FollowUpService followUps, FollowUpConfig config, ObjectMapper mapper) {
        this.inbox = inbox;
        this.followUps = followUps;
        this.config = config;
        this.payloads = new IncomingPayload(mapper);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        switch (event.type()) {
            case "complaint.filed.v1" -> {
                ComplaintFiledMessage filed = payloads.read(event, ComplaintFiledMessage.class);
                var commands = FollowUpRules.onComplaintFiled(filed.complaintId(), filed.branchId(),
                        filed.customerRef(), filed.filedAt(), config.intakeCallbackAfter());
                inbox.processOnce(CONSUMER, event, e -> commands.forEach(c -> followUps.schedule(c, e.causing(CONSUMER))));
            }
            default -> {
                // not an event this service acts on
            }
        }
    }
}
