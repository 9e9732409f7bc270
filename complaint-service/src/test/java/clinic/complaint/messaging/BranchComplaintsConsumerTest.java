package clinic.complaint.messaging;

import clinic.devstack.TestTokens;
import clinic.devstack.TopicReader;
import clinic.devstack.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Branch systems publishing complaints to the intake topic, against the real broker and database. */
@QuarkusTest
class BranchComplaintsConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    TopicWriter producer;

    @BeforeEach
    void connect() {
        producer = new TopicWriter(bootstrap);
    }

    @AfterEach
    void close() {
        producer.close();
    }

    static String message(String branch, String messageId, String amount) {
        return """
                {"messageId": "%s", "branchId": "%s", "source": "%s-pos", "sentAt": "2026-03-02T02:15:00Z",
                 "complaint": {
                   "customer": {"ref": "cust-77", "name": "孙悦", "phone": "13700001111"},
                   "channel": "LIVESTREAM_PLATFORM", "category": "PRODUCT_QUALITY",
                   "description": "The serum bought in the livestream caused a rash",
                   "requestedRemedy": "FULL_REFUND",
                   "amountPaid": {"amount": "%s", "currency": "CNY"}}}""".formatted(messageId, branch, branch, amount);
    }

    void send(String branch, String value) throws Exception {
        // one partition per branch key: the test knows the order in which they are processed
        producer.send(new ProducerRecord<>(BranchComplaintsConsumer.CHANNEL, branch, value));
    }

    static List<String> casesOf(String branch) {
        return given().queryParam("branch", branch).get("/complaints").then().statusCode(200).extract().path("items.id");
    }

    static List<String> amountsPaid(String branch) {
        return given().queryParam("branch", branch).get("/complaints").then().statusCode(200).extract()
                .path("items.amountPaid.amount");
    }

    @Test
    void a_published_complaint_is_filed_once_however_often_it_is_sent() throws Exception {
        String branch = "K" + (System.nanoTime() % 100000);
        send(branch, message(branch, "m-1", "399.00"));
        send(branch, message(branch, "m-1", "399.00"));
        send(branch, message(branch, "m-2", "59.90"));

        // m-2 is behind the repeat on the branch's partition: once m-2 is filed, the repeat has been processed too
        await().atMost(Duration.ofSeconds(30)).until(() -> amountsPaid(branch).contains("59.90"));
        assertThat(amountsPaid(branch)).containsExactlyInAnyOrder("399.00", "59.90");
        String first = casesOf(branch).getLast();
        given().header("Authorization", TestTokens.bearer(TestTokens.staffOf(branch))).get("/complaints/" + first).then()
                .body("channel", equalTo("LIVESTREAM_PLATFORM"))
                .body("amountPaid.amount", equalTo("399.00"))
                .body("customer.name", equalTo("孙悦"));
        given().get("/complaints/" + first + "/events").then()
                .body("[0].actor", equalTo("branch-system:" + branch + "-pos"));
    }

    @Test
    void invalid_messages_go_to_the_dead_letter_topic_with_the_reason_and_the_next_is_filed() throws Exception {
        String branch = "P" + (System.nanoTime() % 100000);
        send(branch, "{not json");
        send(branch, message(branch, "m-1", "399.00").replace("\"LIVESTREAM_PLATFORM\"", "\"CARRIER_PIGEON\""));
        send(branch, message(branch, "m-2", "-5.00"));
        send(branch, message(branch, "m-3", "399.00"));
        send(branch, message(branch, "m-3", "400.00")); // the same message id, other content

        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(branch).size() == 1);
        var dead = TopicReader.read(bootstrap, "branch-complaints.complaint-service.dlq", r -> branch.equals(r.key()), 4,
                Duration.ofSeconds(30));
        assertThat(dead).extracting(r -> TopicReader.header(r, "dead-letter-reason"))
                .hasSize(4)
                .anySatisfy(reason -> assertThat(reason).contains("not JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("$.complaint.channel"))
                .anySatisfy(reason -> assertThat(reason).contains("$.complaint.amountPaid.amount"))
                .anySatisfy(reason -> assertThat(reason).contains("first used with a different request"));
        assertThat(casesOf(branch)).hasSize(1);
    }
}
