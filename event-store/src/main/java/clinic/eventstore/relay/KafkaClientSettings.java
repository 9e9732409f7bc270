package clinic.eventstore.relay;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The broker settings every Kafka client of a service shares, taken from the same {@code kafka.*} configuration the
 * consumers read (Quarkus's {@code default-kafka-broker} map): the bootstrap servers and every security setting
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}). The relay's producer and the health check's admin client
 * are built from them, so a SASL or TLS broker is a matter of configuration, not code.
 */
@ApplicationScoped
public class KafkaClientSettings {

    private final Map<String, Object> shared;

    public KafkaClientSettings(@Identifier("default-kafka-broker") Map<String, Object> broker) {
        Map<String, Object> kept = new TreeMap<>();
        broker.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                kept.put(key, value);
            }
        });
        this.shared = Map.copyOf(kept);
    }

    /** {@code own} (a client's own settings) with the shared ones added; a shared setting wins. */
    public Map<String, Object> with(Map<String, Object> own) {
        Map<String, Object> all = new HashMap<>(own);
        all.putAll(shared);
        return all;
    }

    /** The names of the shared settings (never their values: a password may be among them). */
    public java.util.Set<String> names() {
        return shared.keySet();
    }
}
