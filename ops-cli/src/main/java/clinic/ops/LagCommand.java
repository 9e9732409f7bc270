package clinic.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code lag}: how far behind things are. Each service's outbox relay (events stored but not on Kafka yet) and each
 * consumer group (records on Kafka not processed yet, per topic).
 */
@Command(name = "lag",
        header = "The relays' backlogs and the consumer groups' lag.",
        description = "How far behind things are: each service's outbox relay (events stored, not yet on Kafka) and "
                + "each consumer group's lag per topic (records on Kafka, not yet processed). The group "
                + Kafka.REPLAY_GROUP + " (what dead-letters replay recorded) is left out. --json: one JSON object.")
final class LagCommand extends OpsCommand {

    @Override
    int run() throws InterruptedException {
        boolean failed = false;
        ArrayNode relays = Json.MAPPER.createArrayNode();
        ArrayNode unreachable = Json.MAPPER.createArrayNode();
        Table relayTable = new Table("SERVICE", "TOPIC", "ENABLED", "LEADER", "BACKLOG", "OLDEST UNPUBLISHED");
        for (Service.WithRelay relay : Service.WithRelay.values()) {
            Service service = relay.service();
            try {
                JsonNode answer = Json.read(ops().client().get(service, "/operations/relay"), service.serviceName());
                relays.add(answer);
                relayTable.row(or(Json.text(answer, "service"), service.serviceName()), Json.text(answer, "topic"),
                        yesNo(answer.get("enabled")), yesNo(answer.get("leader")),
                        ProgressBar.number(answer.path("backlogEvents").asLong()), age(answer.get("oldestUnpublishedAgeSeconds")));
            } catch (OpsException e) {
                failed = true;
                unreachable.add(Json.object().put("service", service.serviceName()).put("url", ops().url(service))
                        .put("error", e.getMessage().replaceFirst("^error: ", "")));
                relayTable.row(service.serviceName(), null, null, null, null, null);
                err().println(e.getMessage());
            }
        }

        Map<String, Map<String, Long>> lag = new TreeMap<>();
        String kafkaError = null;
        try (Kafka kafka = ops().kafka()) {
            lag = consumerLag(kafka);
        } catch (OpsException e) {
            failed = true;
            kafkaError = e.getMessage();
        }

        if (json()) {
            ObjectNode result = Json.object();
            result.set("relays", relays);
            ArrayNode consumers = result.putArray("consumers");
            lag.forEach((group, topics) -> topics.forEach((topic, n) ->
                    consumers.add(Json.object().put("group", group).put("topic", topic).put("lag", n))));
            result.set("unreachable", unreachable);
            if (kafkaError != null) {
                result.put("kafkaError", kafkaError.replaceFirst("^error: ", ""));
            }
            out().println(Json.compact(result));
        } else {
            out().println("Outbox relays (events stored, not yet published):");
            relayTable.print(out());
            out().println();
            out().println("Consumer groups (records published, not yet processed):");
            if (kafkaError == null) {
                Table groups = new Table("GROUP", "TOPIC", "LAG");
                lag.forEach((group, topics) -> topics.forEach((topic, n) -> groups.row(group, topic, ProgressBar.number(n))));
                if (groups.isEmpty()) {
                    out().println("no consumer groups");
                } else {
                    groups.print(out());
                }
            }
        }
        if (kafkaError != null) {
            err().println(kafkaError);
        }
        return failed ? 1 : 0;
    }

    /** Per consumer group and topic: the sum over its partitions of (end offset - committed offset). */
    static Map<String, Map<String, Long>> consumerLag(Kafka kafka) {
        Set<String> groups = new TreeSet<>();
        for (GroupListing listing : kafka.await(kafka.admin().listGroups(ListGroupsOptions.forConsumerGroups()).all(),
                "list consumer groups")) {
            if (!listing.groupId().equals(Kafka.REPLAY_GROUP)) {
                groups.add(listing.groupId());
            }
        }
        Map<String, Map<String, Long>> lag = new TreeMap<>();
        if (groups.isEmpty()) {
            return lag;
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        var result = kafka.admin().listConsumerGroupOffsets(specs);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = kafka.await(result.partitionsToOffsetAndMetadata(group),
                    "read the offsets of " + group);
            committed.put(group, offsets);
            offsets.forEach((tp, om) -> {
                if (om != null) {
                    partitions.add(tp);
                }
            });
        }
        Map<TopicPartition, Long> end = kafka.offsets(partitions, OffsetSpec.latest());
        committed.forEach((group, offsets) -> offsets.forEach((tp, om) -> {
            if (om != null && end.containsKey(tp)) {
                lag.computeIfAbsent(group, g -> new TreeMap<>())
                        .merge(tp.topic(), Math.max(0, end.get(tp) - om.offset()), Long::sum);
            }
        }));
        return lag;
    }

    private static String yesNo(JsonNode value) {
        return value == null || value.isNull() ? null : value.asBoolean() ? "yes" : "no";
    }

    private static String age(JsonNode seconds) {
        if (seconds == null || seconds.isNull()) {
            return null;
        }
        return ProgressBar.duration(java.time.Duration.ofMillis(Math.round(seconds.asDouble() * 1000)));
    }

    private static String or(String s, String fallback) {
        return s == null ? fallback : s;
    }
}
