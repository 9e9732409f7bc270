package clinic.ops;

import clinic.devstack.DevStack;
import clinic.devstack.KafkaBroker;
import clinic.devstack.TopicReader;
import clinic.devstack.TopicWriter;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dead-letters and lag against a real Kafka broker: dev-stack's {@link KafkaBroker}, the broker every module's tests
 * run on, started alone here (the CLI needs no database). Each test uses topics of its own.
 */
class KafkaCommandsTest {

    static final List<Logger> QUIET = new ArrayList<>();
    static Path dataDir;
    static KafkaBroker broker;
    static String bootstrap;

    @BeforeAll
    static void startBroker() throws Exception {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIET.add(logger);
        }
        dataDir = Files.createTempDirectory("ops-cli-kafka-");
        broker = KafkaBroker.start(dataDir, DevStack.freePort(), DevStack.freePort());
        bootstrap = broker.bootstrapServers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Cli.Result cli(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers=" + bootstrap;
        return Cli.run(all);
    }

    /** A record as a consumer's dead-letter strategy writes it: the original's key, value and headers, and why. */
    static ProducerRecord<String, String> deadLetter(String dlq, int partition, String originalTopic, int originalOffset,
                                                     String key, String eventType, String eventId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_type", bytes(eventType));
        headers.add("ce_id", bytes(eventId));
        headers.add("dead-letter-reason", bytes("Unknown refund reason: GOODWILL"));
        headers.add("dead-letter-cause", bytes("IllegalArgumentException"));
        headers.add("dead-letter-exception-class-name", bytes("java.lang.IllegalArgumentException"));
        if (originalTopic != null) {
            headers.add("dead-letter-topic", bytes(originalTopic));
            headers.add("dead-letter-partition", bytes("1"));
            headers.add("dead-letter-offset", bytes(String.valueOf(originalOffset)));
        }
        return new ProducerRecord<>(dlq, partition, key, "{\"eventId\":\"" + eventId + "\",\"type\":\"" + eventType + "\"}", headers);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @SafeVarargs
    static void write(ProducerRecord<String, String>... records) {
        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            for (var record : records) {
                writer.send(record);
            }
        }
    }

    static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static Map<TopicPartition, OffsetAndMetadata> replayGroupOffsets() throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(Kafka.REPLAY_GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void list_without_a_topic_counts_every_dead_letter_topic() throws Exception {
        broker.createTopics(List.of("count-events.ops-list.dlq", "count-empty.ops-list.dlq", "count-events"), 3);
        write(deadLetter("count-events.ops-list.dlq", 0, "count-events", 1, "k1", "RefundAgreed", "ev-c1"),
                deadLetter("count-events.ops-list.dlq", 0, "count-events", 2, "k2", "RefundAgreed", "ev-c2"),
                deadLetter("count-events.ops-list.dlq", 2, "count-events", 3, "k3", "RefundAgreed", "ev-c3"));

        var result = cli("dead-letters", "list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("TOPIC +RECORDS +NOT REPLAYED")
                .containsPattern("(?m)^count-empty\\.ops-list\\.dlq +0 +0$")
                .containsPattern("(?m)^count-events\\.ops-list\\.dlq +3 +3$")
                .doesNotContain("count-events ");

        var json = cli("dead-letters", "list", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out().lines().toList()).contains(
                "{\"topic\":\"count-events.ops-list.dlq\",\"records\":3,\"notReplayed\":3}");
    }

    @Test
    void list_a_topic_prints_each_record_with_why_where_from_and_whether_replayed() throws Exception {
        broker.createTopics(List.of("show-events.ops.dlq"), 3);
        write(deadLetter("show-events.ops.dlq", 1, "show-events", 17, "cmp-1", "ComplaintFiled", "ev-s1"),
                deadLetter("show-events.ops.dlq", 2, null, 0, "cmp-2", "ComplaintFiled", "ev-s2"));

        var result = cli("dead-letters", "list", "show-events.ops.dlq");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("(?m)^partition 1 offset 0  \\d{4}-\\d\\d-\\d\\dT\\S+Z  key cmp-1  not replayed$")
                .contains("  reason     Unknown refund reason: GOODWILL",
                        "  from       show-events partition 1 offset 17",
                        "  exception  java.lang.IllegalArgumentException",
                        "  event      ComplaintFiled ev-s1",
                        "  from       unknown (no dead-letter-topic header): it cannot be replayed",
                        "2 records shown");

        var json = cli("dead-letters", "list", "show-events.ops.dlq", "--json");
        assertThat(json.exitCode()).isZero();
        List<JsonNode> records = json.out().lines().map(l -> Json.read(l, "test")).toList();
        assertThat(records).hasSize(2);
        JsonNode first = records.getFirst();
        assertThat(first.get("partition").asInt()).isEqualTo(1);
        assertThat(first.get("offset").asLong()).isZero();
        assertThat(first.get("key").asText()).isEqualTo("cmp-1");
        assertThat(first.get("originalTopic").asText()).isEqualTo("show-events");
        assertThat(first.get("originalOffset").asLong()).isEqualTo(17);
        assertThat(first.get("ceType").asText()).isEqualTo("ComplaintFiled");
        assertThat(first.get("replayed").asBoolean()).isFalse();

        var limited = cli("dead-letters", "list", "show-events.ops.dlq", "--limit", "1");
        assertThat(limited.out()).contains("1 record shown");
        assertThat(limited.err()).contains("up to 1 more not shown: --limit 1 shows more");

        var missing = cli("dead-letters", "list", "no-such.ops.dlq");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("there is no topic no-such.ops.dlq");
    }

    @Test
    void replay_one_record_sends_it_to_its_original_topic_without_the_dead_letter_headers() throws Exception {
        broker.createTopics(List.of("one-events", "one-events.ops.dlq"), 1);
        write(deadLetter("one-events.ops.dlq", 0, "one-events", 41, "cmp-a", "RefundAgreed", "ev-o1"),
                deadLetter("one-events.ops.dlq", 0, "one-events", 42, "cmp-b", "RefundSettled", "ev-o2"));

        var result = cli("dead-letters", "replay", "one-events.ops.dlq", "--offset", "1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("replayed one-events.ops.dlq partition 0 offset 1 to one-events (partition 0 offset 0): RefundSettled ev-o2");
        List<ConsumerRecord<String, String>> replayed =
                TopicReader.read(bootstrap, "one-events", r -> true, 1, Duration.ofSeconds(10));
        assertThat(replayed).hasSize(1);
        ConsumerRecord<String, String> record = replayed.getFirst();
        assertThat(record.key()).isEqualTo("cmp-b");
        assertThat(record.value()).isEqualTo("{\"eventId\":\"ev-o2\",\"type\":\"RefundSettled\"}");
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("RefundSettled");
        assertThat(TopicReader.header(record, "ce_id")).isEqualTo("ev-o2");
        assertThat(headerNames(record)).containsExactly("ce_specversion", "ce_type", "ce_id");
        // offset 0 has not been replayed: the mark ("everything before it is replayed") cannot move past it
        assertThat(result.out()).contains("not marked as replayed: partition 0 has records before it not replayed yet");
        assertThat(replayGroupOffsets()).doesNotContainKey(new TopicPartition("one-events.ops.dlq", 0));
        assertThat(cli("dead-letters", "list", "one-events.ops.dlq").out())
                .containsPattern("(?m)^partition 0 offset 0 .* not replayed$")
                .containsPattern("(?m)^partition 0 offset 1 .* not replayed$");

        // the next one not replayed: replayed and marked
        assertThat(cli("dead-letters", "replay", "one-events.ops.dlq", "--offset", "0").exitCode()).isZero();
        assertThat(replayGroupOffsets()).containsEntry(new TopicPartition("one-events.ops.dlq", 0),
                new OffsetAndMetadata(1, "replayed by clinic-ops"));
        // --all goes on from the mark: offset 1 again (harmless: inboxes), and the mark past it
        assertThat(cli("dead-letters", "replay", "one-events.ops.dlq", "--all").out()).contains("replayed 1 record of");
        assertThat(cli("dead-letters", "list", "one-events.ops.dlq").out())
                .containsPattern("(?m)^partition 0 offset 0 .* replayed$")
                .containsPattern("(?m)^partition 0 offset 1 .* replayed$");

        // a replay of an earlier offset does not move the recorded offset back
        var earlier = cli("dead-letters", "replay", "one-events.ops.dlq", "--offset", "0");
        assertThat(earlier.exitCode()).as(earlier.toString()).isZero();
        assertThat(earlier.out()).contains("it had been replayed before; consumers' inboxes make a second delivery harmless");
        assertThat(replayGroupOffsets().get(new TopicPartition("one-events.ops.dlq", 0)).offset()).isEqualTo(2);
    }

    @Test
    void replay_all_replays_what_was_not_replayed_and_a_second_run_replays_nothing() throws Exception {
        broker.createTopics(List.of("all-events", "all-events.ops.dlq"), 3);
        write(deadLetter("all-events.ops.dlq", 0, "all-events", 1, "k1", "FollowUpScheduled", "ev-a1"),
                deadLetter("all-events.ops.dlq", 0, "all-events", 2, "k2", "FollowUpScheduled", "ev-a2"),
                deadLetter("all-events.ops.dlq", 1, "all-events", 3, "k3", "FollowUpScheduled", "ev-a3"),
                deadLetter("all-events.ops.dlq", 2, "all-events", 4, "k4", "FollowUpScheduled", "ev-a4"));

        var first = cli("dead-letters", "replay", "all-events.ops.dlq", "--all");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("replayed all-events.ops.dlq partition 0 offset 0 to all-events: FollowUpScheduled ev-a1")
                .endsWith(String.format("replayed 4 records of all-events.ops.dlq%n"));

        var second = cli("dead-letters", "replay", "all-events.ops.dlq", "--all");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).isEqualTo(String.format("replayed 0 records of all-events.ops.dlq: nothing new since the last replay%n"));

        // one more dead letter: only that one goes
        write(deadLetter("all-events.ops.dlq", 1, "all-events", 5, "k5", "FollowUpScheduled", "ev-a5"));
        var third = cli("dead-letters", "replay", "all-events.ops.dlq", "--all");
        assertThat(third.out()).contains("partition 1 offset 1").endsWith(String.format("replayed 1 record of all-events.ops.dlq%n"));

        List<ConsumerRecord<String, String>> onOriginal =
                TopicReader.read(bootstrap, "all-events", r -> true, 5, Duration.ofSeconds(10));
        assertThat(onOriginal).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("k1", "k2", "k3", "k4", "k5");
        Map<TopicPartition, OffsetAndMetadata> recorded = replayGroupOffsets();
        assertThat(recorded.get(new TopicPartition("all-events.ops.dlq", 0)).offset()).isEqualTo(2);
        assertThat(recorded.get(new TopicPartition("all-events.ops.dlq", 1)).offset()).isEqualTo(2);
        assertThat(recorded.get(new TopicPartition("all-events.ops.dlq", 2)).offset()).isEqualTo(1);
    }

    @Test
    void a_record_without_its_original_topic_is_refused() throws Exception {
        broker.createTopics(List.of("orphan-events", "orphan-events.ops.dlq"), 1);
        write(deadLetter("orphan-events.ops.dlq", 0, "orphan-events", 1, "k1", "RefundAgreed", "ev-x1"),
                deadLetter("orphan-events.ops.dlq", 0, null, 0, "k2", "RefundAgreed", "ev-x2"),
                deadLetter("orphan-events.ops.dlq", 0, "orphan-events", 3, "k3", "RefundAgreed", "ev-x3"));

        var one = cli("dead-letters", "replay", "orphan-events.ops.dlq", "--offset", "1");
        assertThat(one.exitCode()).isEqualTo(1);
        assertThat(one.err()).isEqualTo(String.format("error: orphan-events.ops.dlq partition 0 offset 1 has no "
                + "dead-letter-topic header, so its original topic is unknown: not replayed%n"));

        var all = cli("dead-letters", "replay", "orphan-events.ops.dlq", "--all");
        assertThat(all.exitCode()).isEqualTo(1);
        assertThat(all.out()).contains("replayed orphan-events.ops.dlq partition 0 offset 0").contains("replayed 1 record of");
        assertThat(all.err()).contains("not replayed, no dead-letter-topic header").contains("partition 0 offset 1");
        // the refused record is not counted as replayed: the group stops before it
        assertThat(replayGroupOffsets().get(new TopicPartition("orphan-events.ops.dlq", 0)).offset()).isEqualTo(1);
        assertThat(TopicReader.read(bootstrap, "orphan-events", r -> true, 1, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void an_offset_held_by_several_partitions_needs_partition() throws Exception {
        broker.createTopics(List.of("multi-events", "multi-events.ops.dlq"), 3);
        write(deadLetter("multi-events.ops.dlq", 0, "multi-events", 1, "k1", "RefundAgreed", "ev-m1"),
                deadLetter("multi-events.ops.dlq", 2, "multi-events", 2, "k2", "RefundAgreed", "ev-m2"));

        var ambiguous = cli("dead-letters", "replay", "multi-events.ops.dlq", "--offset", "0");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("partitions [0, 2] of multi-events.ops.dlq each have a record at offset 0: say which with --partition");

        var chosen = cli("dead-letters", "replay", "multi-events.ops.dlq", "--offset", "0", "--partition", "2");
        assertThat(chosen.exitCode()).as(chosen.toString()).isZero();
        assertThat(chosen.out()).contains("replayed multi-events.ops.dlq partition 2 offset 0 to multi-events");

        var none = cli("dead-letters", "replay", "multi-events.ops.dlq", "--offset", "7", "--partition", "2");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("has no record at offset 7");

        assertThat(cli("dead-letters", "replay", "multi-events.ops.dlq").exitCode()).isEqualTo(2);
        assertThat(cli("dead-letters", "replay", "multi-events.ops.dlq", "--all", "--offset", "1").exitCode()).isEqualTo(2);
    }

    @Test
    void lag_shows_each_relay_backlog_and_each_consumer_groups_lag() throws Exception {
        broker.createTopics(List.of("lag-events"), 1);
        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            for (int i = 0; i < 5; i++) {
                writer.send(new ProducerRecord<>("lag-events", 0, "k" + i, "v" + i));
            }
        }
        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets("lag-test-group", Map.of(new TopicPartition("lag-events", 0), new OffsetAndMetadata(2)))
                    .all().get(10, TimeUnit.SECONDS);
            admin.alterConsumerGroupOffsets(Kafka.REPLAY_GROUP, Map.of(new TopicPartition("lag-events", 0), new OffsetAndMetadata(1)))
                    .all().get(10, TimeUnit.SECONDS);
        }
        try (FakeService complaint = new FakeService(); FakeService refund = new FakeService(); FakeService followup = new FakeService()) {
            complaint.json("GET", "/operations/relay", "{\"service\":\"complaint-service\",\"topic\":\"complaint-events\","
                    + "\"enabled\":true,\"leader\":true,\"backlogEvents\":0,\"oldestUnpublishedAgeSeconds\":null}");
            refund.json("GET", "/operations/relay", "{\"service\":\"refund-service\",\"topic\":\"refund-events\","
                    + "\"enabled\":true,\"leader\":false,\"backlogEvents\":1234,\"oldestUnpublishedAgeSeconds\":250.2}");
            followup.json("GET", "/operations/relay", "{\"service\":\"followup-service\",\"topic\":\"followup-events\","
                    + "\"enabled\":false,\"leader\":false,\"backlogEvents\":3,\"oldestUnpublishedAgeSeconds\":12}");
            String[] services = {"--complaint-service", complaint.url(), "--refund-service", refund.url(),
                    "--followup-service", followup.url()};

            var result = cli(concat(new String[]{"lag"}, services));

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).contains(
                    "SERVICE            TOPIC             ENABLED  LEADER  BACKLOG  OLDEST UNPUBLISHED",
                    "complaint-service  complaint-events  yes      yes     0        -",
                    "refund-service     refund-events     yes      no      1,234    4m 11s",
                    "followup-service   followup-events   no       no      3        12s")
                    .containsPattern("(?m)^lag-test-group +lag-events +3$")
                    .doesNotContain(Kafka.REPLAY_GROUP);
            assertThat(refund.last().path()).isEqualTo("/operations/relay");

            var json = cli(concat(new String[]{"lag", "--json"}, services));
            assertThat(json.exitCode()).isZero();
            JsonNode answer = Json.read(json.out(), "test");
            assertThat(answer.get("relays")).hasSize(3);
            assertThat(answer.get("relays").get(1).get("backlogEvents").asLong()).isEqualTo(1234);
            assertThat(answer.get("consumers").toString()).contains("{\"group\":\"lag-test-group\",\"topic\":\"lag-events\",\"lag\":3}")
                    .doesNotContain(Kafka.REPLAY_GROUP);

            followup.close();
            var partly = cli(concat(new String[]{"lag"}, services));
            assertThat(partly.exitCode()).isEqualTo(1);
            assertThat(partly.err()).contains("error: cannot reach followup-service at " + followup.url());
            assertThat(partly.out()).containsPattern("(?m)^lag-test-group +lag-events +3$");
        }
    }

    @Test
    void kafka_that_cannot_be_reached_is_said_with_its_address() {
        int port = DevStack.freePort();
        var result = Cli.run("dead-letters", "list", "--bootstrap-servers", "localhost:" + port);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("error: cannot reach Kafka at localhost:" + port).contains("--bootstrap-servers");
    }

    private static List<String> headerNames(ConsumerRecord<?, ?> record) {
        List<String> names = new ArrayList<>();
        for (Header h : record.headers()) {
            names.add(h.key());
        }
        return names;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
