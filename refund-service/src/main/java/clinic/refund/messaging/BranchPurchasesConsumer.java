package clinic.refund.messaging;

import clinic.eventstore.EventMetadata;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.inbox.IntakeSchema;
import clinic.eventstore.inbox.MalformedMessage;
import clinic.refund.api.PurchaseRequest;
import clinic.refund.api.UsageRequest;
import clinic.refund.application.PurchaseService;
import clinic.refund.config.RefundPolicyConfig;
import clinic.refund.domain.purchase.PurchaseFactRejected;
import clinic.eventstore.TransientFailures;
import clinic.eventstore.inbox.Inbox;
import jakarta.validation.Validator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Purchase facts that branch systems publish to {@code branch-purchases} (format:
 * {@code schemas/branch-purchase.v1.schema.json}): orders, and what is used of them later. An order is recorded once
 * (its id comes from branch and order number); a usage record once per message id. A message that is not valid, an
 * order number sent again with other content, or usage of an order not recorded goes to
 * {@code branch-purchases.refund-service.dlq} with the reason; the next one is processed.
 */
@ApplicationScoped
public class BranchPurchasesConsumer {

    public static final String CHANNEL = "branch-purchases";
    public static final String SCHEMA = "/schemas/branch-purchase.v1.schema.json";

    private final PurchaseService purchases;
    private final RefundPolicyConfig policy;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final IntakeSchema schema;

    private final Validator validator;

    public BranchPurchasesConsumer(PurchaseService purchases, RefundPolicyConfig policy, ObjectMapper mapper, Clock clock,
                                   Validator validator) {
        this.validator = validator;
        this.purchases = purchases;
        this.policy = policy;
        this.mapper = mapper;
        this.clock = clock;
        this.schema = new IntakeSchema(SCHEMA, mapper);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        // an order is recorded once by its number, a usage once by its message id: trying again is harmless
        TransientFailures.retry(Inbox.ATTEMPTS, () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        ObjectNode json = schema.read(record.value());
        String branch = json.get("branchId").asText();
        String messageId = json.get("messageId").asText();
        String where = "message " + messageId + " of " + branch + ": ";
        UUID key = PurchaseService.messageKey(branch, messageId);
        // the message's key is also the correlation id of what it causes
        EventMetadata metadata = new EventMetadata(branch, "branch-system:" + json.get("source").asText(), key, null);
        Instant now = clock.instant();
        try {
            if ("ORDER".equals(json.get("type").asText())) {
                ObjectNode order = (ObjectNode) json.get("order");
                order.set("branchId", json.get("branchId"));
                PurchaseRequest request = MalformedMessage.unlessInvalid(validator,
                        mapper.treeToValue(order, PurchaseRequest.class), where);
                purchases.record(request.toCommand(policy.reportingCurrency()), metadata, now);
            } else {
                ObjectNode usage = (ObjectNode) json.get("usage");
                String orderNo = usage.get("orderNo").asText();
                usage.put("usageId", messageId);
                usage.remove("orderNo");
                UsageRequest request = MalformedMessage.unlessInvalid(validator,
                        mapper.treeToValue(usage, UsageRequest.class), where);
                UUID purchaseId = PurchaseService.purchaseIdFor(branch, orderNo);
                String currency = purchases.get(purchaseId).purchase().currency();
                purchases.recordUsage(purchaseId, request.toCommand(currency, now), key, metadata, now);
            }
        } catch (InvalidField e) {
            throw new MalformedMessage(where + e.field() + ": " + e.getMessage());
        } catch (PurchaseFactRejected e) {
            throw new MalformedMessage(where + e.field() + ": " + e.getMessage());
        } catch (PurchaseService.PurchaseNotFound e) {
            throw new MalformedMessage(where + "usage of an order that is not recorded (" + e.getMessage()
                    + "); publish the order first, keyed by its order number");
        } catch (JsonProcessingException e) {
            throw MalformedMessage.unreadable(where, e);
        }
    }
}
