package clinic.eventstore.relay;

import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventStore;
import clinic.eventstore.NewEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast the event store takes commits and the relay gets them to Kafka, on the real PostgreSQL and broker with the
 * production relay settings: writers commit one event per transaction (what a command does) to many streams while the
 * relay publishes. Prints {@code benchmark:} lines with the figures and writes them to BENCHMARKS.md; asserts only
 * that every event arrived once. Tagged {@code benchmark}: only {@code ./mvnw verify -Pbenchmarks} runs it, or alone
 * {@code ./mvnw install -pl event-store -Pbenchmarks -Dtest=OutboxRelayBenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
class OutboxRelayBenchmark {

    /** {@code -Dbenchmark.writers=8 -Dbenchmark.events=8000} to try other loads. */
    static final int WRITERS = Integer.getInteger("benchmark.writers", 8);
    static final int STREAMS_PER_WRITER = 50;
    static final int EVENTS = Integer.getInteger("benchmark.events", 8_000) / WRITERS * WRITERS;
    /** About the size of a complaint.filed.v1 payload. */
    static final String PAYLOAD = "{\"complaintId\":\"%s\",\"caseNumber\":\"SH001-2026-000042\",\"branchId\":\"SH001\","
            + "\"customerRef\":\"cust-889\",\"channel\":\"FRONT_DESK\",\"category\":\"TREATMENT_RESULT\","
            + "\"requestedRemedy\":\"FULL_REFUND\",\"amountPaid\":{\"minorUnits\":1280000,\"currency\":\"CNY\"},"
            + "\"filedAt\":\"2026-03-02T02:15:00Z\",\"n\":%d}";

    @Inject
    EventStore store;
    @jakarta.inject.Inject
    KafkaClientSettings kafka;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void committed_events_reach_kafka_fast_and_once_under_concurrent_writers() throws Exception {
        String topic = "relay-benchmark-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        OutboxRelay relay = new OutboxRelay(productionSettings(topic), jdbcUrl, "postgres", Optional.of("postgres"), kafka);
        Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
        Map<UUID, Long> consumedAt = new ConcurrentHashMap<>();
        List<UUID> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            relay.start();
            // the relay first catches up with what the other tests stored; measure from after that
            UUID warmUp = append("warm-up-" + run, 0, 0);
            pollUntil(consumer, id -> id.equals(warmUp), Duration.ofSeconds(60));

            Thread poller = Thread.ofPlatform().start(() -> pollUntil(consumer, id -> {
                if (consumedAt.putIfAbsent(id, System.nanoTime()) != null) {
                    duplicates.add(id);
                }
                return consumedAt.size() >= EVENTS;
            }, Duration.ofMinutes(3)));
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                work.add(writers.submit(() -> {
                    long[] versions = new long[STREAMS_PER_WRITER];
                    for (int i = 0; i < EVENTS / WRITERS; i++) {
                        int s = i % STREAMS_PER_WRITER;
                        UUID id = append("bench-" + run + "-" + writer + "-" + s, versions[s]++, i);
                        committedAt.put(id, System.nanoTime());
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            long written = System.nanoTime();
            writers.shutdown();
            poller.join(Duration.ofMinutes(3));
            long drained = consumedAt.values().stream().mapToLong(Long::longValue).max().orElse(written);

            assertThat(consumedAt.keySet()).as("every committed event reached Kafka").isEqualTo(committedAt.keySet());
            assertThat(duplicates).as("no event reached Kafka twice").isEmpty();

            List<Long> latencies = committedAt.entrySet().stream()
                    .map(e -> consumedAt.get(e.getKey()) - e.getValue()).sorted().toList();
            clinic.devstack.Benchmarks.record("relay-" + WRITERS + "-writers",
                    "Outbox relay, " + WRITERS + " concurrent writers (OutboxRelayBenchmark; other loads: "
                            + "./mvnw install -pl event-store -Pbenchmarks -Dtest=OutboxRelayBenchmark "
                            + "-Dbenchmark.writers=2)", List.of(
                    String.format("%d events, one per transaction: %.0f commits/s; all on Kafka %.0f ms after the last "
                                    + "commit, %.0f events/s end to end", EVENTS, EVENTS / seconds(written - start),
                            (drained - written) / 1e6, EVENTS / seconds(drained - start)),
                    String.format("commit to consumed from Kafka: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                            pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies.getLast() / 1e6)));
        } finally {
            relay.stop();
        }
    }

    private UUID append(String stream, long expectedVersion, int n) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream, expectedVersion,
                List.of(new NewEvent(id, "test.noted.v1", PAYLOAD.formatted(UUID.randomUUID(), n), Instant.now())),
                new EventMetadata("SH001", "benchmark", UUID.randomUUID(), null)));
        return id;
    }

    private static void pollUntil(KafkaConsumer<String, String> consumer, java.util.function.Predicate<UUID> done,
                                  Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                var header = r.headers().lastHeader(CloudEventHeaders.ID);
                if (header != null && done.test(UUID.fromString(new String(header.value(), StandardCharsets.UTF_8)))) {
                    return;
                }
            }
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
    }

    /** The relay as the services run it (their defaults), under a name and topic of its own. */
    private RelayConfig productionSettings(String topic) {
        return RelaySettings.production(topic, "relay-benchmark-" + run);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double pct(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
