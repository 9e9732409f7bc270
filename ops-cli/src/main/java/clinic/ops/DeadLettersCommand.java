package clinic.ops;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code dead-letters list|replay}: the records consumers gave up on, on the dead-letter topics ({@code *.dlq}), and
 * sending them back to their original topics. What has been replayed is recorded as the committed offsets of the
 * consumer group {@value Kafka#REPLAY_GROUP} on each dead-letter partition, which only move forward.
 */
@Command(name = "dead-letters",
        header = "List the dead-letter topics' records, and replay them.",
        description = "The records consumers could not process, on the dead-letter topics (*.dlq): list them, and "
                + "replay them to their original topics. What has been replayed is recorded as the offsets of the "
                + "consumer group " + Kafka.REPLAY_GROUP + " on each dead-letter partition.",
        subcommands = {DeadLettersCommand.ListCommand.class, DeadLettersCommand.ReplayCommand.class})
final class DeadLettersCommand extends OpsCommand {

    @Override
    int run() {
        throw usage("Say what to do: list or replay.");
    }

    /** Reads {@code tp} from {@code from} up to {@code end} (exclusive), at most {@code max} records. */
    static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp,
                                                      long from, long end, int max) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (from >= end || max <= 0) {
            return records;
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Kafka.TIMEOUT_SECONDS * 2L);
        while (records.size() < max && consumer.position(tp) < end) {
            if (System.nanoTime() > deadline) {
                throw new OpsException("error: reading " + tp + " from offset " + from + " did not reach offset " + end
                        + " in " + Kafka.TIMEOUT_SECONDS * 2 + " s (stopped at " + consumer.position(tp) + ")");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(tp)) {
                if (record.offset() >= end || records.size() >= max) {
                    break;
                }
                records.add(record);
            }
        }
        return records;
    }

    @Command(name = "list",
            header = "The dead-letter topics, or one topic's records.",
            description = "Without TOPIC: every dead-letter topic (*.dlq) with how many records it holds and how many "
                    + "of them have not been replayed. With TOPIC: its records from the beginning, with why they "
                    + "failed, where they came from and whether they have been replayed. --json: one JSON object a line.")
    static final class ListCommand extends OpsCommand {

        @Parameters(arity = "0..1", paramLabel = "TOPIC", description = "a dead-letter topic,%ne.g. complaint-events.refund-service.dlq")
        String topic;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "show at most N records (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        int run() {
            if (limit < 1) {
                throw usage("--limit must be 1 or more");
            }
            try (Kafka kafka = ops().kafka()) {
                return topic == null ? topics(kafka) : records(kafka);
            }
        }

        private int topics(Kafka kafka) {
            Set<String> names = new TreeSet<>();
            for (String name : kafka.await(kafka.admin().listTopics().names(), "list topics")) {
                if (name.endsWith(".dlq")) {
                    names.add(name);
                }
            }
            if (names.isEmpty()) {
                if (!json()) {
                    out().println("no dead-letter topics (*.dlq) on Kafka at " + kafka.bootstrapServers());
                }
                return 0;
            }
            Set<TopicPartition> partitions = new HashSet<>();
            Map<String, org.apache.kafka.clients.admin.TopicDescription> described =
                    kafka.await(kafka.admin().describeTopics(names).allTopicNames(), "describe the dead-letter topics");
            described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            Map<TopicPartition, Long> begin = kafka.offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> end = kafka.offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> replayed = kafka.committed(Kafka.REPLAY_GROUP);
            Table table = new Table("TOPIC", "RECORDS", "NOT REPLAYED");
            for (String name : names) {
                long held = 0;
                long waiting = 0;
                for (TopicPartition tp : partitions) {
                    if (!tp.topic().equals(name)) {
                        continue;
                    }
                    long b = begin.getOrDefault(tp, 0L);
                    long e = end.getOrDefault(tp, 0L);
                    held += e - b;
                    waiting += e - Math.min(e, Math.max(b, replayed.getOrDefault(tp, b)));
                }
                if (json()) {
                    out().println(Json.compact(Json.object().put("topic", name).put("records", held).put("notReplayed", waiting)));
                } else {
                    table.row(name, ProgressBar.number(held), ProgressBar.number(waiting));
                }
            }
            if (!json()) {
                table.print(out());
            }
            return 0;
        }

        private int records(Kafka kafka) {
            List<TopicPartition> partitions = kafka.partitions(topic);
            Map<TopicPartition, Long> replayed = kafka.committed(Kafka.REPLAY_GROUP);
            int shown = 0;
            long notShown = 0;
            try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                for (TopicPartition tp : partitions) {
                    List<ConsumerRecord<byte[], byte[]>> records =
                            read(consumer, tp, begin.get(tp), end.get(tp), limit - shown);
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        DeadLetter letter = new DeadLetter(record);
                        boolean done = record.offset() < replayed.getOrDefault(tp, 0L);
                        if (json()) {
                            out().println(Json.compact(letter.toJson(done)));
                        } else {
                            print(letter, done);
                        }
                    }
                    shown += records.size();
                    long last = records.isEmpty() ? begin.get(tp) - 1 : records.getLast().offset();
                    notShown += Math.max(0, end.get(tp) - 1 - last);
                }
            }
            if (!json()) {
                out().printf("%d record%s shown%n", shown, shown == 1 ? "" : "s");
            }
            if (notShown > 0) {
                err().printf("... and up to %s more not shown: --limit %d shows more%n", ProgressBar.number(notShown), limit);
            }
            return 0;
        }

        private void print(DeadLetter letter, boolean replayed) {
            var r = letter.record();
            out().printf("partition %d offset %d  %s  key %s  %s%n", r.partition(), r.offset(), letter.timestamp(),
                    letter.key() == null ? "-" : letter.key(), replayed ? "replayed" : "not replayed");
            line("reason", letter.header(DeadLetter.REASON));
            if (letter.originalTopic() != null) {
                String from = letter.originalTopic();
                if (letter.header(DeadLetter.PARTITION) != null) {
                    from += " partition " + letter.header(DeadLetter.PARTITION);
                }
                if (letter.header(DeadLetter.OFFSET) != null) {
                    from += " offset " + letter.header(DeadLetter.OFFSET);
                }
                line("from", from);
            } else {
                line("from", "unknown (no dead-letter-topic header): it cannot be replayed");
            }
            line("exception", letter.header(DeadLetter.EXCEPTION));
            line("event", letter.event());
        }

        private void line(String label, String value) {
            if (value != null) {
                out().printf("  %-10s %s%n", label, value);
            }
        }
    }

    @Command(name = "replay",
            header = "Send dead-letter records again to their original topics.",
            description = "Sends dead-letter records again to their original topics (header dead-letter-topic): the "
                    + "same key, value and headers, without the dead-letter-* ones. --offset: one record; --all: every "
                    + "record not replayed yet (a second run replays nothing new). Consumers keep an inbox of the "
                    + "events they processed, so replaying one that was processed after all has no effect.")
    static final class ReplayCommand extends OpsCommand {

        @Parameters(paramLabel = "TOPIC", description = "the dead-letter topic")
        String topic;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        static final class Which {
            @ArgGroup(exclusive = false)
            One one;

            @Option(names = "--all", required = true, description = "every record after the last one replayed")
            boolean all;
        }

        static final class One {
            @Option(names = "--offset", required = true, paramLabel = "N", description = "the record's offset")
            long offset;

            @Option(names = "--partition", paramLabel = "P",
                    description = "its partition (needed only when several partitions have a record at that offset)")
            Integer partition;
        }

        @Override
        int run() throws Exception {
            try (Kafka kafka = ops().kafka()) {
                return which.all ? replayAll(kafka) : replayOne(kafka);
            }
        }

        private int replayOne(Kafka kafka) throws InterruptedException {
            List<TopicPartition> partitions = kafka.partitions(topic);
            long offset = which.one.offset;
            try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                TopicPartition tp = choosePartition(partitions, begin, end, offset);
                List<ConsumerRecord<byte[], byte[]>> found = read(consumer, tp, offset, offset + 1, 1);
                if (found.isEmpty() || found.getFirst().offset() != offset) {
                    throw new OpsException("error: " + topic + " partition " + tp.partition() + " has no record at offset "
                            + offset + " (it holds offsets " + begin.get(tp) + " to " + (end.get(tp) - 1) + ")");
                }
                DeadLetter letter = new DeadLetter(found.getFirst());
                refuseWithoutOrigin(letter);
                kafka.partitions(letter.originalTopic()); // the original topic must exist: says so otherwise
                Long committed = kafka.committed(Kafka.REPLAY_GROUP).get(tp);
                try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                    RecordMetadata sent = awaitSend(kafka, producer.send(replayOf(letter)), letter);
                    out().printf("replayed %s to %s (partition %d offset %d)%s%n", letter.where(), letter.originalTopic(),
                            sent.partition(), sent.offset(), letter.event() == null ? "" : ": " + letter.event());
                }
                long next = committed == null ? begin.get(tp) : committed; // the first record not replayed yet
                if (offset == next) {
                    record(kafka, Map.of(tp, offset + 1));
                } else if (offset < next) {
                    out().println("it had been replayed before; consumers' inboxes make a second delivery harmless");
                } else {
                    // the mark says "everything before it is replayed": it cannot skip the records before this one
                    out().printf("not marked as replayed: partition %d has records before it not replayed yet (from "
                            + "offset %d); replay --all replays those and this one again, harmlessly%n", tp.partition(), next);
                }
                return 0;
            }
        }

        private TopicPartition choosePartition(List<TopicPartition> partitions, Map<TopicPartition, Long> begin,
                                               Map<TopicPartition, Long> end, long offset) {
            if (which.one.partition != null) {
                return partitions.stream().filter(p -> p.partition() == which.one.partition).findFirst()
                        .orElseThrow(() -> usage(topic + " has no partition " + which.one.partition
                                + " (it has " + partitions.size() + ")"));
            }
            List<TopicPartition> holding = partitions.stream()
                    .filter(p -> begin.get(p) <= offset && offset < end.get(p)).toList();
            if (holding.size() == 1) {
                return holding.getFirst();
            }
            if (holding.isEmpty()) {
                throw new OpsException("error: no partition of " + topic + " has a record at offset " + offset);
            }
            throw usage("partitions " + holding.stream().map(p -> String.valueOf(p.partition())).toList()
                    + " of " + topic + " each have a record at offset " + offset + ": say which with --partition");
        }

        private int replayAll(Kafka kafka) throws InterruptedException {
            List<TopicPartition> partitions = kafka.partitions(topic);
            Map<TopicPartition, Long> committed = kafka.committed(Kafka.REPLAY_GROUP);
            Set<String> originals = new HashSet<>();
            int replayed = 0;
            List<String> refused = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer();
                 KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                for (TopicPartition tp : partitions) {
                    long from = Math.max(begin.get(tp), committed.getOrDefault(tp, begin.get(tp)));
                    List<ConsumerRecord<byte[], byte[]>> records = read(consumer, tp, from, end.get(tp), Integer.MAX_VALUE);
                    Map<DeadLetter, Future<RecordMetadata>> sends = new LinkedHashMap<>();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        DeadLetter letter = new DeadLetter(record);
                        if (letter.originalTopic() == null) {
                            // stop here: a later offset committed would count this one as replayed
                            refused.add(letter.where());
                            break;
                        }
                        if (originals.add(letter.originalTopic())) {
                            kafka.partitions(letter.originalTopic());
                        }
                        sends.put(letter, producer.send(replayOf(letter)));
                    }
                    long next = -1;
                    for (var send : sends.entrySet()) {
                        awaitSend(kafka, send.getValue(), send.getKey());
                        DeadLetter letter = send.getKey();
                        out().printf("replayed %s to %s%s%n", letter.where(), letter.originalTopic(),
                                letter.event() == null ? "" : ": " + letter.event());
                        next = letter.record().offset() + 1;
                        replayed++;
                    }
                    if (next > 0) {
                        record(kafka, Map.of(tp, next));
                    }
                }
            }
            out().printf("replayed %d record%s of %s%s%n", replayed, replayed == 1 ? "" : "s", topic,
                    replayed == 0 && refused.isEmpty() ? ": nothing new since the last replay" : "");
            if (!refused.isEmpty()) {
                throw new OpsException("error: not replayed, no dead-letter-topic header (its original topic is unknown): "
                        + String.join(", ", refused) + ".\n  Replay stops there on its partition; inspect it with "
                        + "clinic-ops dead-letters list " + topic);
            }
            return 0;
        }

        private void refuseWithoutOrigin(DeadLetter letter) {
            if (letter.originalTopic() == null) {
                throw new OpsException("error: " + letter.where() + " has no dead-letter-topic header, so its original "
                        + "topic is unknown: not replayed");
            }
        }

        private static ProducerRecord<byte[], byte[]> replayOf(DeadLetter letter) {
            return new ProducerRecord<>(letter.originalTopic(), null, letter.record().key(), letter.record().value(),
                    letter.replayHeaders());
        }

        private static RecordMetadata awaitSend(Kafka kafka, Future<RecordMetadata> send, DeadLetter letter)
                throws InterruptedException {
            try {
                return send.get(Kafka.TIMEOUT_SECONDS * 2L, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw kafka.failed("take the replay of " + letter.where() + " to " + letter.originalTopic(), e);
            }
        }

        /** Commits the replay group's offsets forward (never back: a lower offset than committed is left). */
        private static void record(Kafka kafka, Map<TopicPartition, Long> next) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
            next.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset, "replayed by clinic-ops")));
            kafka.await(kafka.admin().alterConsumerGroupOffsets(Kafka.REPLAY_GROUP, offsets).all(),
                    "record the replay for group " + Kafka.REPLAY_GROUP);
        }
    }
}
