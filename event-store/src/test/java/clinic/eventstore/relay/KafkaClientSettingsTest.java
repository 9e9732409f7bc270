package clinic.eventstore.relay;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker that wants SASL or TLS is configured once, under {@code kafka.*}, for every client of the service. */
@QuarkusTest
class KafkaClientSettingsTest {

    @Inject
    OutboxRelay relay;
    @Inject
    @org.eclipse.microprofile.health.Readiness
    RelayHealthCheck health;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void the_relay_and_the_health_check_use_the_consumers_broker_and_security_settings() {
        for (Map<String, Object> settings : java.util.List.of(relay.producerSettings(), health.adminSettings())) {
            assertThat(settings).containsEntry("bootstrap.servers", bootstrap)
                    .containsEntry("security.protocol", "PLAINTEXT");
        }
        assertThat(relay.producerSettings()).containsEntry("acks", "all");
    }

    @Test
    void only_the_broker_address_and_security_are_shared() {
        var settings = new KafkaClientSettings(Map.of("bootstrap.servers", "kafka:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "secret", "ssl.truststore.location", "/t.jks",
                "group.id", "refund-service", "auto.offset.reset", "earliest"));

        assertThat(settings.with(Map.of("client.id", "outbox-relay")).keySet()).containsExactlyInAnyOrder(
                "client.id", "bootstrap.servers", "security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "ssl.truststore.location");
        assertThat(settings.names()).doesNotContain("group.id");
    }
}
