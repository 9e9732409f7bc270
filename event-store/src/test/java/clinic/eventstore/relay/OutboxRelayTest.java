package clinic.eventstore.relay;

import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventStore;
import clinic.eventstore.NewEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    EventStore store;
    @Inject
    OutboxRelay relay;
    @Inject
    RelayConfig config;
    @Inject
    RelayBacklog backlog;
    @jakarta.inject.Inject
    KafkaClientSettings kafka;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    final List<OutboxRelay> extraRelays = new ArrayList<>();

    @AfterEach
    void stopRelays() {
        relay.stop();
        extraRelays.forEach(OutboxRelay::stop);
    }

    /** Streams of this test run (the topic is shared with the other tests of the module). */
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void every_committed_event_reaches_kafka_once_in_stream_order_even_across_a_restart() throws Exception {
        relay.start();
        Map<UUID, String> committed = new ConcurrentHashMap<>();
        int streams = 40;
        Map<String, Object> locks = new HashMap<>();
        for (int s = 0; s < streams; s++) {
            locks.put(stream(s), new Object());
        }
        ExecutorService writers = Executors.newFixedThreadPool(12);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int n = i;
            work.add(writers.submit(() -> appendOrConflict(stream(n % streams), n, committed)));
            if (i == 300) {
                // stop the relay in the middle of the traffic, then start it again a little later
                work.add(writers.submit(() -> {
                    relay.stop();
                    sleep(300);
                    relay.start();
                }));
            }
        }
        for (Future<?> f : work) {
            f.get();
        }
        writers.shutdown();

        Map<UUID, ConsumerRecord<String, String>> received = consumeUntil(committed.keySet());

        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(committed.keySet());
        assertPerStreamOrder(received);
    }

    @Test
    void an_event_whose_transaction_commits_after_a_later_numbered_one_is_not_skipped() throws Exception {
        relay.start();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NewEvent early = new NewEvent(UUID.randomUUID(), "test.noted.v1", "{\"n\":1}", Instant.now());
        NewEvent late = new NewEvent(UUID.randomUUID(), "test.noted.v1", "{\"n\":2}", Instant.now());
        ExecutorService slowWriter = Executors.newSingleThreadExecutor();
        // the first transaction takes the lower number, then stays open while a second one commits
        Future<?> slow = slowWriter.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            store.append(stream(0), 0, List.of(early), new EventMetadata("SH001", "test", UUID.randomUUID(), null));
            appended.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(appended.await(20, TimeUnit.SECONDS)).isTrue();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream(1), 0, List.of(late),
                new EventMetadata("SH001", "test", UUID.randomUUID(), null)));
        // the relay is woken by the second commit: once it has read the store since, it has had its chance to move
        // past the first (which it must not). Two reads more than now: the second of them began after the commit.
        long readsBefore = relay.readCount();
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.readCount() >= readsBefore + 2);
        release.countDown();
        slow.get(20, TimeUnit.SECONDS);
        slowWriter.shutdown();

        assertThat(consumeUntil(Set.of(early.eventId(), late.eventId())).keySet())
                .containsExactlyInAnyOrder(early.eventId(), late.eventId());
    }

    @Test
    void the_publish_delay_counts_from_the_commit_so_a_long_transaction_is_not_put_down_to_the_relay() throws Exception {
        relay.start();
        // first a marker, consumed: the relay has caught up with what other tests stored and its producer is warm
        NewEvent marker = new NewEvent(UUID.randomUUID(), "test.noted.v1", "{\"n\":0}", Instant.now());
        QuarkusTransaction.requiringNew().run(() -> store.append(stream(1), 0, List.of(marker),
                new EventMetadata("SH001", "test", UUID.randomUUID(), null)));
        assertThat(consumeUntil(Set.of(marker.eventId())).keySet()).contains(marker.eventId());
        var delays = io.micrometer.core.instrument.Metrics.globalRegistry.get("clinic.relay.publish.delay")
                .tag("topic", config.topic()).timer();
        // nothing left to publish: the checkpoint moved after every ack, and each ack's delay was recorded before that
        await().atMost(Duration.ofSeconds(10)).until(() -> backlog.now().events() == 0);
        long countBefore = delays.count();
        double millisBefore = delays.totalTime(TimeUnit.MILLISECONDS);
        NewEvent event = new NewEvent(UUID.randomUUID(), "test.noted.v1", "{\"n\":1}", Instant.now());
        // appended, then the transaction goes on for 800 ms (a consumer's long batch) before it commits
        QuarkusTransaction.requiringNew().run(() -> {
            store.append(stream(0), 0, List.of(event), new EventMetadata("SH001", "test", UUID.randomUUID(), null));
            sleep(800);
        });
        assertThat(consumeUntil(Set.of(event.eventId())).keySet()).contains(event.eventId());
        await().atMost(Duration.ofSeconds(10)).until(() -> delays.count() > countBefore);

        assertThat(delays.count()).as("only this test's event published meanwhile").isEqualTo(countBefore + 1);
        assertThat(delays.totalTime(TimeUnit.MILLISECONDS) - millisBefore).as("its commit to the broker's ack, in ms")
                .isLessThan(400);
    }

    @Test
    void a_long_transaction_in_another_database_of_the_server_does_not_hold_the_relay_back() throws Exception {
        relay.start();
        // another service's database on the same server: a transaction that wrote (it has an id) and stays open, like a
        // report or a migration would; the server's oldest running transaction is now that one
        String otherDatabase = jdbcUrl.replaceFirst("/[^/?]+(\\?|$)", "/complaints$1");
        try (java.sql.Connection other = java.sql.DriverManager.getConnection(otherDatabase, "postgres", "postgres")) {
            other.setAutoCommit(false);
            try (var st = other.createStatement()) {
                st.execute("select pg_current_xact_id()");
            }
            NewEvent event = new NewEvent(UUID.randomUUID(), "test.noted.v1", "{\"n\":1}", Instant.now());
            QuarkusTransaction.requiringNew().run(() -> store.append(stream(0), 0, List.of(event),
                    new EventMetadata("SH001", "test", UUID.randomUUID(), null)));

            assertThat(consumeUntil(Set.of(event.eventId())).keySet()).as("published while the other one still runs")
                    .containsExactly(event.eventId());
            assertThat(other.isClosed()).isFalse();
            other.rollback();
        }
    }

    @Test
    void of_two_relays_of_one_service_only_one_publishes() throws Exception {
        OutboxRelay second = new OutboxRelay(config, jdbcUrl, "postgres", java.util.Optional.of("postgres"), kafka);
        extraRelays.add(second);
        relay.start();
        second.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.isLeader() || second.isLeader());
        Map<UUID, String> committed = new ConcurrentHashMap<>();
        for (int i = 0; i < 50; i++) {
            appendOrConflict(stream(i % 5), i, committed);
        }

        Map<UUID, ConsumerRecord<String, String>> received = consumeUntil(committed.keySet());

        assertThat(received.keySet()).containsAll(committed.keySet());
        assertThat(relay.isLeader() ^ second.isLeader()).as("exactly one relay leads").isTrue();
        // the follower takes over when the leader stops
        OutboxRelay leader = relay.isLeader() ? relay : second;
        OutboxRelay follower = leader == relay ? second : relay;
        leader.stop();
        await().atMost(Duration.ofSeconds(20)).until(follower::isLeader);
        Map<UUID, String> more = new ConcurrentHashMap<>();
        for (int i = 0; i < 10; i++) {
            appendOrConflict(stream(i % 5), i, more);
        }
        assertThat(consumeUntil(more.keySet()).keySet()).containsAll(more.keySet());
    }

    private String stream(int s) {
        return "relay-" + run + "-" + s;
    }

    /** One transaction appending 1-3 events; some commit late, some roll back (and must never be published). */
    private void appendOrConflict(String stream, int n, Map<UUID, String> committed) {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<NewEvent> events = new ArrayList<>();
            int count = 1 + ThreadLocalRandom.current().nextInt(3);
            for (int i = 0; i < count; i++) {
                events.add(new NewEvent(UUID.randomUUID(), "test.noted.v1", "{\"n\":" + n + "}", Instant.now()));
            }
            boolean rollBack = n % 17 == 0;
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    long version = store.currentVersion(stream);
                    store.append(stream, version, events,
                            new EventMetadata("SH001", "test", UUID.randomUUID(), null));
                    if (n % 7 == 0) {
                        sleep(150); // commits after transactions that started later
                    }
                    if (rollBack) {
                        throw new RolledBack();
                    }
                });
                events.forEach(e -> committed.put(e.eventId(), stream));
                return;
            } catch (RolledBack expected) {
                return;
            } catch (clinic.eventstore.ConcurrencyConflict retry) {
                // another writer got there first: read again
            }
        }
        throw new AssertionError("could not append to " + stream);
    }

    static final class RolledBack extends RuntimeException {
    }

    private Map<UUID, ConsumerRecord<String, String>> consumeUntil(Set<UUID> expected) {
        Map<UUID, ConsumerRecord<String, String>> byId = new HashMap<>();
        List<UUID> duplicates = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(config.topic()));
            long deadline = System.currentTimeMillis() + 60_000;
            while (!byId.keySet().containsAll(expected) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (!r.key().startsWith("relay-" + run)) {
                        continue;
                    }
                    UUID id = UUID.fromString(header(r, CloudEventHeaders.ID));
                    if (byId.put(id, r) != null) {
                        duplicates.add(id);
                    }
                }
            }
            // anything published twice arrives close behind; read a little longer to see it
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (r.key().startsWith("relay-" + run) && byId.put(UUID.fromString(header(r, CloudEventHeaders.ID)), r) != null) {
                    duplicates.add(UUID.fromString(header(r, CloudEventHeaders.ID)));
                }
            });
        }
        assertThat(duplicates).as("events published twice").isEmpty();
        return byId;
    }

    private static void assertPerStreamOrder(Map<UUID, ConsumerRecord<String, String>> received) {
        Map<String, List<ConsumerRecord<String, String>>> byStream = new HashMap<>();
        received.values().stream()
                .sorted((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                        : Long.compare(a.offset(), b.offset()))
                .forEach(r -> byStream.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        byStream.forEach((stream, records) -> {
            assertThat(new HashSet<>(records.stream().map(r -> r.partition()).toList()))
                    .as("one partition for " + stream).hasSize(1);
            List<Integer> versions = records.stream().map(r -> Integer.parseInt(header(r, CloudEventHeaders.SEQUENCE))).toList();
            assertThat(versions).as("versions of " + stream + " in offset order").isSorted();
            assertThat(versions).doesNotHaveDuplicates();
            assertThat(records).allSatisfy(r -> {
                assertThat(header(r, CloudEventHeaders.TYPE)).isEqualTo("test.noted.v1");
                assertThat(header(r, CloudEventHeaders.SUBJECT)).isEqualTo(stream);
                assertThat(header(r, CloudEventHeaders.SOURCE)).isEqualTo("/clinic/event-store-test");
            });
        });
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
