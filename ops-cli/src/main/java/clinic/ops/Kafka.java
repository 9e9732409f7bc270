package clinic.ops;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Kafka for the CLI: an admin client, a consumer that reads by assignment (no group, nothing committed) and an
 * idempotent producer, all with short timeouts so that a broker that cannot be reached is said in seconds.
 */
final class Kafka implements AutoCloseable {

    /** The consumer group whose committed offsets on a dead-letter topic record what has been replayed. */
    static final String REPLAY_GROUP = "clinic-ops-dead-letters";

    static final int TIMEOUT_SECONDS = 15;

    private final String bootstrapServers;
    private Admin admin;

    Kafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "clinic-ops");
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return config;
    }

    /** The admin client, after making sure the broker answers. */
    Admin admin() {
        if (admin == null) {
            Map<String, Object> config = common();
            try {
                admin = Admin.create(config);
            } catch (KafkaException e) {
                throw unreachable(e);
            }
            try {
                admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpsException("error: interrupted");
            } catch (ExecutionException | TimeoutException e) {
                throw unreachable(e instanceof ExecutionException ? e.getCause() : e);
            }
        }
        return admin;
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = common();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The topic's partitions, in order; a topic that does not exist is said so. */
    List<TopicPartition> partitions(String topic) {
        Map<String, TopicDescription> described;
        try {
            described = admin().describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new OpsException("error: there is no topic " + topic + " on Kafka at " + bootstrapServers);
            }
            throw failed("describe " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("error: interrupted");
        } catch (TimeoutException e) {
            throw failed("describe " + topic, new TimeoutException("no answer within " + TIMEOUT_SECONDS + " s"));
        }
        return described.get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    /** Each partition's first offset still held ({@code earliest}) or next offset to be written ({@code latest}). */
    Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
        return await(admin().listOffsets(request).all(), "read offsets").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The offsets {@code group} has committed (only partitions it has committed on). */
    Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "read the offsets of " + group);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((tp, om) -> {
            if (om != null) {
                offsets.put(tp, om.offset());
            }
        });
        return offsets;
    }

    <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("error: interrupted");
        } catch (TimeoutException e) {
            throw failed(what, new TimeoutException("no answer within " + TIMEOUT_SECONDS + " s"));
        } catch (ExecutionException e) {
            throw failed(what, e);
        }
    }

    OpsException unreachable(Throwable e) {
        String why = e instanceof TimeoutException || e instanceof org.apache.kafka.common.errors.TimeoutException
                ? "no answer within " + TIMEOUT_SECONDS + " s" : Errors.describe(e);
        return new OpsException("error: cannot reach Kafka at " + bootstrapServers + " (" + why + "): is it running? Its address is set with --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS", e);
    }

    OpsException failed(String what, Throwable e) {
        return new OpsException("error: Kafka at " + bootstrapServers + " could not " + what + ": " + Errors.describe(e), e);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
        }
    }
}
