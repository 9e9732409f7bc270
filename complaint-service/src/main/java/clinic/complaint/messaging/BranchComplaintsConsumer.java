package clinic.complaint.messaging;

import clinic.complaint.api.FileComplaintRequest;
import clinic.complaint.application.ComplaintService;
import clinic.complaint.application.ComplaintService.Caller;
import clinic.complaint.application.ComplaintService.Filing;
import clinic.complaint.application.IdempotencyKeyReused;
import clinic.complaint.application.PersonalDataVault;
import clinic.eventstore.security.BranchGuard;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.inbox.IntakeSchema;
import clinic.eventstore.inbox.MalformedMessage;
import clinic.eventstore.TransientFailures;
import clinic.eventstore.inbox.Inbox;
import jakarta.validation.Validator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Complaints that branch systems publish to {@code branch-complaints} (format: {@code schemas/branch-complaint.v1.schema.json}).
 * Each is filed as if posted to {@code POST /complaints} with an idempotency key made of its branch and message id, so
 * a message sent again files nothing new. A message that is not valid goes to
 * {@code branch-complaints.complaint-service.dlq} with the reasons; the next one is processed.
 */
@ApplicationScoped
public class BranchComplaintsConsumer {

    public static final String CHANNEL = "branch-complaints";
    public static final String SCHEMA = "/schemas/branch-complaint.v1.schema.json";

    /** The message as the schema describes it; {@code complaint} is the body of {@code POST /complaints} less the branch. */
    public record BranchComplaintMessage(String messageId, String branchId, String source, FileComplaintRequest complaint) {
    }

    private final ComplaintService complaints;
    private final ObjectMapper mapper;
    private final IntakeSchema schema;

    private final Validator validator;

    public BranchComplaintsConsumer(ComplaintService complaints, ObjectMapper mapper, Validator validator) {
        this.validator = validator;
        this.complaints = complaints;
        this.mapper = mapper;
        this.schema = new IntakeSchema(SCHEMA, mapper);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        BranchComplaintMessage message = read(record.value());
        var c = MalformedMessage.unlessInvalid(validator, message.complaint(), where(message) + "complaint: ");
        Filing filing;
        try {
            filing = new Filing(message.branchId(), c.customer().ref(), c.customer().name(), c.customer().phone(),
                    c.customer().idNumber(), c.channel(), c.category(), c.description(), c.requestedRemedy(),
                    c.amountPaid().toMoney("complaint.amountPaid"));
        } catch (InvalidField e) {
            throw new MalformedMessage(where(message) + e.field() + ": " + e.getMessage());
        }
        String key = "branch-message:" + message.branchId() + ":" + message.messageId();
        UUID correlation = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        try {
            // the message's key is the filing's idempotency key: trying again after a transient failure is harmless
            TransientFailures.retry(Inbox.ATTEMPTS,
                    () -> complaints.file(filing, key, new Caller("branch-system:" + message.source(), correlation, BranchGuard.ANY_BRANCH)));
        } catch (IdempotencyKeyReused | PersonalDataVault.CustomerErased e) {
            throw new MalformedMessage(where(message) + e.getMessage());
        }
    }

    private BranchComplaintMessage read(String value) {
        var json = schema.read(value);
        try {
            // the schema has no branchId inside complaint: take it from the envelope
            var complaint = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("complaint");
            complaint.set("branchId", json.get("branchId"));
            return mapper.treeToValue(json, BranchComplaintMessage.class);
        } catch (JsonProcessingException e) {
            throw MalformedMessage.unreadable("", e);
        }
    }

    private static String where(BranchComplaintMessage m) {
        return "message " + m.messageId() + " of " + m.branchId() + ": ";
    }
}
