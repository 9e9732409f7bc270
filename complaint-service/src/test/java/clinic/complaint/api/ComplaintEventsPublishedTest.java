package clinic.complaint.api;

import clinic.devstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

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

        List<ConsumerRecord<String, String>> records = TopicReader.read(bootstrap, "complaint-events",
                r -> id.equals(r.key()), 2, Duration.ofSeconds(30));

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
        assertThat(filed.value()).doesNotContain("王丽", "138 0000 1234", "Filler migrated");
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return TopicReader.header(r, name);
    }
}
