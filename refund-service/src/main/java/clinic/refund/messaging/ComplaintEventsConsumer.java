package clinic.refund.messaging;

import clinic.eventstore.EventMetadata;
import clinic.eventstore.inbox.Inbox;
import clinic.eventstore.inbox.IncomingEvent;
import clinic.eventstore.inbox.IncomingPayload;
import clinic.eventstore.inbox.MalformedMessage;
import clinic.refund.application.ComplaintFacts;
import clinic.refund.application.PaymentDeadlines;
import clinic.refund.application.RefundService;
import clinic.refund.config.RefundPolicyConfig;
import clinic.refund.domain.AssessmentFinding;
import clinic.eventstore.domain.Money;
import clinic.refund.domain.RefundCommand;
import clinic.refund.domain.RefundKind;
import clinic.refund.domain.RefundRemedy;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/**
 * Reads complaint-events: the refund case follows the complaint. A complaint that asks for a refund when filed opens
 * its refund case; so does a refund remedy (full or partial refund, compensation) proposed, countered or agreed on the
 * complaint later, and each such round joins the case's negotiation; the complaint's written money agreement becomes
 * the case's (or is recorded as not applied, for HQ). The third-party assessment recorded on the complaint reaches the
 * case. What is known of each complaint is kept ({@link ComplaintFacts}) for a case opened later.
 *
 * <p>Each event has one effect however often it arrives (the inbox); one that cannot be processed goes to
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
    private final ComplaintFacts complaints;
    private final PaymentDeadlines deadlines;
    private final IncomingPayload payloads;

    public ComplaintEventsConsumer(Inbox inbox, RefundService refunds, ComplaintFacts complaints,
                                   PaymentDeadlines deadlines, ObjectMapper mapper) {
        this.inbox = inbox;
        this.refunds = refunds;
        this.complaints = complaints;
        this.deadlines = deadlines;
        this.payloads = new IncomingPayload(mapper);
    }

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
        switch (event.type()) {
            case "complaint.filed.v1" -> onFiled(event, payloads.read(event, ComplaintFiledMessage.class));
            case "complaint.assessed.v1" -> {
                var m = payloads.read(event, ComplaintMessages.Assessed.class);
                inbox.processOnce(CONSUMER, event, e -> complaints.assessed(m.complaintId(), m.subject()));
            }
            case "complaint.third-party-assessment-recorded.v1" ->
                    onAssessment(event, payloads.read(event, ComplaintMessages.AssessmentRecorded.class));
            case "complaint.remedy-proposed.v1", "complaint.counter-offer-made.v1" ->
                    onOffer(event, payloads.read(event, ComplaintMessages.Remedy.class));
            case "complaint.agreement-reached.v1" -> onAgreement(event, payloads.read(event, ComplaintMessages.Remedy.class));
            case "complaint.withdrawn.v1" -> endWithComplaint(event, payloads.read(event, ComplaintMessages.Ended.class),
                    false, "the complaint was withdrawn");
            case "complaint.closed-out-of-scope.v1" -> endWithComplaint(event,
                    payloads.read(event, ComplaintMessages.Ended.class), true, "the complaint is outside after-sales scope");
            default -> {
                // not an event this service acts on
            }
        }
    }

    private void onFiled(IncomingEvent event, ComplaintFiledMessage filed) {
        Money paid;
        try {
            paid = new Money(filed.amountPaid().minorUnits(), filed.amountPaid().currency());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("complaint " + filed.complaintId() + ": " + e.getMessage());
        }
        RefundKind kind = RefundKind.requestedOnFiling(filed.requestedRemedy());
        var facts = new ComplaintFacts.Facts(filed.complaintId(), filed.branchId(), filed.customerRef(), paid, false,
                null, null, null);
        inbox.processOnce(CONSUMER, event, e -> {
            if (kind != null) {
                refunds.openFor(facts, kind, filed.filedAt(), e.causing(CONSUMER));
            }
            complaints.filed(filed.complaintId(), filed.branchId(), filed.customerRef(), paid); // after the appends
        });
    }

    private void onAssessment(IncomingEvent event, ComplaintMessages.AssessmentRecorded m) {
        AssessmentFinding finding;
        try {
            finding = AssessmentFinding.valueOf(m.result());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("complaint " + m.complaintId() + ": result must be one of AT_FAULT, NOT_AT_FAULT, "
                    + "INCONCLUSIVE");
        }
        inbox.processOnce(CONSUMER, event, e -> {
            refunds.follow(m.complaintId(), new RefundCommand.NoteAssessment(finding, m.assessor(), m.recordedAt(),
                    event.time()), e.causing(CONSUMER));
            complaints.assessmentRecorded(m.complaintId(), finding, m.assessor(), m.recordedAt());
        });
    }

    /** A money remedy proposed or countered on the complaint opens the refund case and joins its negotiation. */
    private void onOffer(IncomingEvent event, ComplaintMessages.Remedy m) {
        RefundRemedy remedy = m.refundRemedy();
        if (remedy == null) {
            return; // correction, replacement, apology: no money
        }
        Money amount = m.money();
        inbox.processOnce(CONSUMER, event, e -> {
            EventMetadata metadata = e.causing(CONSUMER);
            refunds.openFor(known(m.complaintId(), event), RefundKind.openedBy(remedy), event.time(), metadata);
            refunds.follow(m.complaintId(), new RefundCommand.RecordComplaintOffer(m.refundParty(), remedy, amount,
                    actorOf(m), event.time()), metadata);
        });
    }

    /**
     * The complaint's written money agreement becomes the refund case's: one channel (the payment method agreed), the
     * due date agreed or else the policy's for goods or services, HQ's approval above the threshold.
     */
    private void onAgreement(IncomingEvent event, ComplaintMessages.Remedy m) {
        RefundRemedy remedy = m.refundRemedy();
        if (m.refundId() != null) {
            return; // the refund case's own agreement coming back
        }
        if (remedy == null) {
            // agreed on a remedy without money (a correction, a replacement): a refund still negotiating has no reason
            endWithComplaint(event, new ComplaintMessages.Ended(m.complaintId()), false,
                    "the complaint agreed " + m.remedy() + " instead");
            return;
        }
        Money amount = m.money();
        inbox.processOnce(CONSUMER, event, e -> {
            EventMetadata metadata = e.causing(CONSUMER);
            var facts = known(m.complaintId(), event);
            refunds.openFor(facts, RefundKind.openedBy(remedy), event.time(), metadata);
            refunds.follow(m.complaintId(), deadlines.complaintAgreement(facts, remedy, amount, m.paymentMethod(),
                    m.dueDate(), actorOf(m), event.time()), metadata);
        });
    }

    /** The complaint's end reaches its refund case, if it has one still negotiating. */
    private void endWithComplaint(IncomingEvent event, ComplaintMessages.Ended m, boolean rejected, String reason) {
        inbox.processOnce(CONSUMER, event, e -> refunds.follow(m.complaintId(),
                new RefundCommand.EndWithComplaint(rejected, reason, event.time()), e.causing(CONSUMER)));
    }

    /**
     * What is known of the complaint: from its filing, or (a complaint filed before this service kept filings) from its
     * refund case. A complaint known to neither cannot open a refund case: its message goes to the dead-letter topic.
     */
    private ComplaintFacts.Facts known(UUID complaintId, IncomingEvent event) {
        return complaints.find(complaintId)
                .or(() -> refunds.caseOf(complaintId).map(c -> new ComplaintFacts.Facts(complaintId, c.branchId(),
                        c.customerRef(), c.amountPaid(), false, null, null, null)))
                .orElseThrow(() -> new MalformedMessage(event.type() + " " + event.id() + ": complaint " + complaintId
                        + " is unknown here (filed before refund-service kept filings, without a refund case)"));
    }

    private static String actorOf(ComplaintMessages.Remedy m) {
        String actor = m.actor();
        return actor == null || actor.isBlank() ? "complaint-service" : actor;
    }
}
