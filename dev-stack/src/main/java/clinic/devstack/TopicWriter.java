package clinic.devstack;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Publishes records as another service or a branch system would, for tests; each send waits for the broker. */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public TopicWriter(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    public void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused " + record.topic() + "/" + record.key(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
