package clinic.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record on a dead-letter topic ({@code *.dlq}) and what the consumer that gave up on it wrote in its headers: why
 * ({@code dead-letter-reason}), where it came from ({@code dead-letter-topic}, {@code -partition}, {@code -offset}), the
 * exception; and the CloudEvents headers of the event it carries.
 */
record DeadLetter(ConsumerRecord<byte[], byte[]> record) {

    static final String PREFIX = "dead-letter-";
    static final String REASON = "dead-letter-reason";
    static final String TOPIC = "dead-letter-topic";
    static final String PARTITION = "dead-letter-partition";
    static final String OFFSET = "dead-letter-offset";
    static final String EXCEPTION = "dead-letter-exception-class-name";

    String header(String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    String originalTopic() {
        String topic = header(TOPIC);
        return topic == null || topic.isBlank() ? null : topic;
    }

    String key() {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    String value() {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    Instant timestamp() {
        return Instant.ofEpochMilli(record.timestamp());
    }

    /** Its headers without the dead-letter ones: what the original record carried. */
    RecordHeaders replayHeaders() {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith(PREFIX)) {
                headers.add(h.key(), h.value());
            }
        }
        return headers;
    }

    /** "ComplaintFiled 7f0c..." from the CloudEvents headers, or null. */
    String event() {
        String type = header("ce_type");
        String id = header("ce_id");
        if (type == null && id == null) {
            return null;
        }
        return (type == null ? "?" : type) + (id == null ? "" : " " + id);
    }

    String where() {
        return record.topic() + " partition " + record.partition() + " offset " + record.offset();
    }

    ObjectNode toJson(boolean replayed) {
        ObjectNode json = Json.object();
        json.put("topic", record.topic());
        json.put("partition", record.partition());
        json.put("offset", record.offset());
        json.put("timestamp", timestamp().toString());
        json.put("key", key());
        json.put("reason", header(REASON));
        json.put("originalTopic", header(TOPIC));
        putNumber(json, "originalPartition", header(PARTITION));
        putNumber(json, "originalOffset", header(OFFSET));
        json.put("exceptionClassName", header(EXCEPTION));
        json.put("ceType", header("ce_type"));
        json.put("ceId", header("ce_id"));
        json.put("replayed", replayed);
        json.put("value", value());
        return json;
    }

    private static void putNumber(ObjectNode json, String field, String value) {
        if (value == null) {
            json.putNull(field);
            return;
        }
        try {
            json.put(field, Long.parseLong(value.strip()));
        } catch (NumberFormatException notANumber) {
            json.put(field, value);
        }
    }
}
