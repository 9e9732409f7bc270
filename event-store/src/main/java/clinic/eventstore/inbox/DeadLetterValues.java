package clinic.eventstore.inbox;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import io.micrometer.core.instrument.Metrics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the value of a dead-letter record: the message as it came, unless it is so large that, with the reason and
 * the other dead-letter headers added, the broker would refuse it. SmallRye fails the whole channel when a dead letter
 * cannot be written, so one message just under the broker's limit would stop its consumer for good; such a value is
 * cut to {@value #MAX_BYTES} bytes and the record says so in {@code dead-letter-truncated} (the original size). Set
 * for every channel as the connector's {@code dead-letter-queue.value.serializer} (event-store's
 * {@code microprofile-config.properties}).
 */
public class DeadLetterValues implements Serializer<String> {

    /** Half the broker's default limit: room for the key and every header. */
    public static final int MAX_BYTES = 512 * 1024;
    public static final String TRUNCATED = "dead-letter-truncated";
    /** Dead letters per dead-letter topic, on the Prometheus endpoint as {@code clinic_dead_letters_total}. */
    public static final String COUNTER = "clinic.dead.letters";

    @Override
    public byte[] serialize(String topic, String data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, String data) {
        // every dead letter passes here once: counted per dead-letter topic (Micrometer's global registry, which Quarkus
        // joins to the Prometheus endpoint: the serializer is made by Kafka, not CDI)
        Metrics.counter(COUNTER, "topic", topic).increment();
        if (data == null) {
            return null;
        }
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return bytes;
        }
        int end = MAX_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // not inside a character: the kept part stays readable UTF-8
        }
        if (headers != null) {
            headers.add(TRUNCATED, ("the message had " + bytes.length + " bytes; the first " + end + " are kept")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return Arrays.copyOf(bytes, end);
    }
}
