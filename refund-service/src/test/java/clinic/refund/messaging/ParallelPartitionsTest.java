package clinic.refund.messaging;

import clinic.contracts.EventContracts;
import clinic.devstack.TopicWriter;
import clinic.refund.application.RefundService;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static clinic.refund.messaging.ComplaintEventsConsumerTest.agreement;
import static clinic.refund.messaging.ComplaintEventsConsumerTest.complaintEvent;
import static clinic.refund.messaging.ComplaintEventsConsumerTest.filed;
import static clinic.refund.messaging.ComplaintEventsConsumerTest.money;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * With {@code concurrency=3} (this module's test profile; {@code CONSUMER_CONCURRENCY} in a deployment) refund-service
 * reads complaint-events with three consumers of one group, each with a partition of its own and its polls in that
 * partition's order. The cases of all three partitions, their events interleaved and one of each delivered twice, each
 * end as their events in order say, with one refund case each.
 */
@QuarkusTest
class ParallelPartitionsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void three_consumers_each_take_a_partition_and_keep_its_cases_in_order_and_exactly_once() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // three members of refund-service's group, each assigned its own partition of complaint-events
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var members = admin.describeConsumerGroups(List.of("refund-service")).all().get(10, TimeUnit.SECONDS)
                        .get("refund-service").members();
                List<Set<Integer>> assigned = new ArrayList<>();
                for (MemberDescription m : members) {
                    Set<Integer> partitions = new TreeSet<>();
                    for (TopicPartition tp : m.assignment().topicPartitions()) {
                        if (tp.topic().equals(ComplaintEventsConsumer.CHANNEL)) {
                            partitions.add(tp.partition());
                        }
                    }
                    if (!partitions.isEmpty()) {
                        assigned.add(partitions);
                    }
                }
                assertThat(assigned).as("complaint-events partitions per consumer").hasSize(3)
                        .allSatisfy(p -> assertThat(p).hasSize(1));
            });
        }

        // ten cases per partition, each: filed (no refund asked), a refund proposed, a counter-offer delivered twice,
        // the agreement; the cases' events interleaved. Out of order, a case would not end agreed at 4,500 with the
        // clinic's and the customer's offers; with the duplicate counter-offer applied twice, it would hold three offers
        List<UUID> cases = new ArrayList<>();
        List<List<ProducerRecord<String, String>>> perCase = new ArrayList<>();
        for (int partition = 0; partition < 3; partition++) {
            for (int i = 0; i < 10; i++) {
                UUID complaint = UUID.randomUUID();
                cases.add(complaint);
                ProducerRecord<String, String> counterOffer = complaintEvent(complaint, 6,
                        "complaint.counter-offer-made.v1", EventContracts.message("complaint.counter-offer-made.v1",
                                "complaintId", complaint, "party", "CUSTOMER", "remedy", "PARTIAL_REFUND",
                                "amount", money(600_000), "reason", "none used", "by", "cust-889"));
                perCase.add(onPartition(partition, List.of(
                        filed(complaint, "CORRECTIVE_TREATMENT", UUID.randomUUID()),
                        complaintEvent(complaint, 5, "complaint.remedy-proposed.v1", EventContracts.message(
                                "complaint.remedy-proposed.v1", "complaintId", complaint, "remedy", "PARTIAL_REFUND",
                                "amount", money(300_000), "note", "sessions used", "proposedBy", "staff:wang")),
                        counterOffer,
                        counterOffer,
                        complaintEvent(complaint, 7, "complaint.agreement-reached.v1", agreement(complaint,
                                "PARTIAL_REFUND", 450_000, "original card", "2026-03-16", null)))));
            }
        }
        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            for (int step = 0; step < perCase.getFirst().size(); step++) {
                List<Integer> order = new ArrayList<>();
                for (int c = 0; c < perCase.size(); c++) {
                    order.add(c);
                }
                Collections.shuffle(order);
                for (int c : order) {
                    writer.send(perCase.get(c).get(step));
                }
            }
        }

        for (UUID complaint : cases) {
            UUID refundId = RefundService.refundIdFor(complaint);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/refunds/" + refundId).then()
                    .statusCode(200).body("status", equalTo("AGREED")));
            given().get("/refunds/" + refundId).then()
                    .body("offers.party", org.hamcrest.Matchers.contains("CLINIC", "CUSTOMER"))
                    .body("agreedAmount.amount", equalTo("4500.00"));
            given().queryParam("complaintId", complaint.toString()).get("/refunds").then()
                    .statusCode(200).body("items.size()", equalTo(1));
        }
    }

    private static List<ProducerRecord<String, String>> onPartition(int partition,
                                                                     List<ProducerRecord<String, String>> records) {
        return records.stream().map(r -> new ProducerRecord<>(r.topic(), partition, r.key(), r.value(), r.headers()))
                .toList();
    }
}
