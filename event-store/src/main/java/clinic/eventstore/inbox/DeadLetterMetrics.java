package clinic.eventstore.inbox;

import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/**
 * Every dead-letter topic this service writes to is counted from 0 at start-up ({@code clinic_dead_letters_total}), so
 * that an alert on its increase sees the first dead letter after a restart too. {@link DeadLetterValues} counts each.
 */
@ApplicationScoped
public class DeadLetterMetrics {

    void register(@Observes StartupEvent ignored, Config config) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".dead-letter-queue.topic")) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(topic -> Metrics.counter(DeadLetterValues.COUNTER, "topic", topic));
            }
        }
    }
}
