package clinic.complaint.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class ComplaintEventsPublishedTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void a_filed_and_acknowledged_complaint_reaches_kafka_in_order_as_cloudevents_without_personal_data() throws Exception {
        String id = given().contentType(ContentType.JSON).body(ComplaintResourceTest.body("SH001"))
                .post("/complaints").then().statusCode(201).extract().path("id");
        given().post("/complaints/" + id + "/acknowledge").then().statusCode(200);

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("complaint-events"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < 2 && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        records.add(r);
                    }
                });
            }
        }

        assertThat(records).extracting(r -> header(r, "ce_type"))
                .containsExactly("complaint.filed.v1", "complaint.acknowledged.v1");
        ConsumerRecord<String, String> filed = records.getFirst();
        assertThat(header(filed, "ce_subject")).isEqualTo(id);
        assertThat(header(filed, "ce_source")).isEqualTo("/clinic/complaint-service");
        assertThat(header(filed, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(filed, "ce_id")).isNotBlank();
        assertThat(header(filed, "ce_time")).isNotBlank();
        assertThat(header(filed, "ce_correlationid")).isNotBlank();
        var payload = new com.fasterxml.jackson.databind.ObjectMapper().readTree(filed.value());
        assertThat(payload.path("requestedRemedy").asText()).isEqualTo("FULL_REFUND");
        assertThat(payload.path("amountPaid").path("minorUnits").asLong()).isEqualTo(1_280_000);
        assertThat(payload.path("complaintId").asText()).isEqualTo(id);
        assertThat(filed.value()).doesNotContain("王丽", "138", "Filler");
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
