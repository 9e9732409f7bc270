package clinic.followup;

import clinic.devstack.TestTokens;
import clinic.devstack.TopicReader;
import clinic.eventstore.EventStore;
import clinic.eventstore.StoredEvent;
import clinic.followup.application.DueWorkScheduler;
import clinic.followup.application.FollowUpWindows;
import clinic.followup.domain.FollowUpRules;
import clinic.followup.domain.FollowUpWindow;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A resolution cycle's follow-up window on the real broker and database: the 1-3-7 callbacks made to their end publish
 * {@code followup.window-ended.v1} once; a dissatisfied customer or a reopening interrupts the window; a customer who
 * may not be contacted ends it at once, not reached; a window a refund settled opened before the resolution ends only
 * once the resolution re-opens it. Shanghai branch, resolved (or settled) Wednesday 4 March 15:00: the callbacks are
 * due Thursday 5, Monday 9 and Wednesday 11 March.
 */
@QuarkusTest
class FollowUpWindowTest {

    static final Instant FILED = Instant.parse("2026-03-02T02:15:00Z");
    static final Instant RESOLVED = Instant.parse("2026-03-04T07:00:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DueWorkScheduler scheduler;
    @Inject
    EventStore store;
    @Inject
    FollowUpWindows windows;

    OtherServices others;
    String branch;
    String customer;

    @BeforeEach
    void setUp() {
        others = new OtherServices(bootstrap);
        branch = "W" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        others.close();
        QuarkusMock.installMockForType(Clock.systemUTC(), Clock.class);
    }

    /** The cycle's callbacks, day 1, 3 and 7, once scheduled; the clock after the last is due, the queue filled. */
    List<String> callbacksDue(UUID complaint, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(callbacks(complaint, "SCHEDULED")).hasSize(count));
        List<String> ids = callbacks(complaint, "SCHEDULED");
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-03-11T07:00:30Z"), ZoneOffset.UTC), Clock.class);
        scheduler.fire();
        assertThat(callbacks(complaint, "DUE")).containsExactlyElementsOf(ids);
        return ids;
    }

    static List<String> callbacks(UUID complaint, String status) {
        return given().queryParam("complaintId", complaint.toString()).queryParam("kind", "RESOLUTION_CALLBACK")
                .queryParam("status", status).get("/followups").then().statusCode(200).extract().path("items.id");
    }

    /** A call recorded by staff of the test's branch (the default caller works only for the fixed branches). */
    void call(String task, String outcome) {
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(TestTokens.staffOf(branch)))
                .body("{\"outcome\":\"%s\",\"durationSeconds\":200}".formatted(outcome)).post("/followups/" + task + "/calls")
                .then().statusCode(200);
    }

    List<String> windowTypes(UUID complaint) {
        return store.load(FollowUpRules.windowId(complaint).toString()).stream().map(StoredEvent::type).toList();
    }

    /** The window-ended records of the complaint's window on the topic; waits for one, then a moment for a second. */
    List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> windowEnded(UUID complaint, Duration wait) {
        String key = FollowUpRules.windowId(complaint).toString();
        return TopicReader.read(bootstrap, "followup-events", r -> key.equals(r.key())
                && "followup.window-ended.v1".equals(TopicReader.header(r, "ce_type")), 1, wait);
    }

    /** A marker complaint filed after the others' events: once its callback exists, they were processed. */
    void awaitProcessed() {
        UUID marker = UUID.randomUUID();
        others.filed(marker, branch, "marker", Instant.parse("2026-03-05T07:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("complaintId", marker.toString())
                .get("/followups").then().body("items.size()", equalTo(1)));
    }

    @Test
    void the_three_callbacks_reaching_a_satisfied_customer_end_the_window_once_and_publish_it() {
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, FILED);
        others.step(complaint, "complaint.resolved.v1", RESOLVED);
        List<String> series = callbacksDue(complaint, 3);

        call(series.get(0), "REACHED_SATISFIED");
        call(series.get(1), "NO_ANSWER"); // tried again the next working day: not over yet
        call(series.get(2), "REACHED_SATISFIED");
        assertThat(windowTypes(complaint)).doesNotContain("followup.window-ended.v1");
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-03-12T01:00:30Z"), ZoneOffset.UTC), Clock.class);
        scheduler.fire();
        call(series.get(1), "REACHED_SATISFIED");

        assertThat(windowEnded(complaint, Duration.ofSeconds(30))).singleElement().satisfies(r -> {
            JsonPath json = JsonPath.from(r.value());
            assertThat(json.getMap("")).containsOnlyKeys("complaintId", "cycle", "outcome", "callbacks", "satisfied",
                    "needsHelp", "unreachable", "notMade", "endedAt");
            assertThat(json.getString("complaintId")).isEqualTo(complaint.toString());
            assertThat(json.getString("outcome")).isEqualTo("SATISFIED");
            assertThat(List.of(json.getInt("cycle"), json.getInt("callbacks"), json.getInt("satisfied"),
                    json.getInt("needsHelp"), json.getInt("unreachable"), json.getInt("notMade")))
                    .containsExactly(0, 3, 3, 0, 0, 0);
            assertThat(json.getString("endedAt")).isEqualTo("2026-03-12T01:00:30Z");
            assertThat(r.value()).doesNotContain(customer);
        });

        // the resolution told again (and the refund settled in the same cycle): no second window, no second end
        others.step(complaint, "complaint.resolved.v1", RESOLVED);
        others.refund(UUID.randomUUID(), "refund.settled.v1", RESOLVED.plusSeconds(3600),
                OtherServices.settled(complaint, RESOLVED.plusSeconds(3600)));
        awaitProcessed();
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("complaintId", complaint.toString())
                .get("/followups").then().extract().<Integer>path("total") == 4);
        assertThat(windowTypes(complaint)).containsExactly("followup.window-opened.v1",
                "followup.window-callback-ended.v1", "followup.window-callback-ended.v1",
                "followup.window-callback-ended.v1", "followup.window-ended.v1");
        assertThat(windowEnded(complaint, Duration.ofSeconds(2))).hasSize(1);
        assertThat(windows.get(complaint).status()).isEqualTo(FollowUpWindow.Status.ENDED);
    }

    @Test
    void a_refund_settled_before_the_resolution_opens_the_window_and_the_resolution_ends_it_satisfied() {
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, FILED);
        // another topic than the settlement's: the complaint is known here once its intake callback is scheduled
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("complaintId", complaint.toString())
                .get("/followups").then().extract().<Integer>path("total") == 1);
        String settled = OtherServices.settled(complaint, RESOLVED);
        others.refund(UUID.randomUUID(), "refund.settled.v1", RESOLVED, settled);
        List<String> series = callbacksDue(complaint, 3);
        for (String task : series) {
            call(task, "REACHED_SATISFIED");
        }
        // every callback is over, but the case is not resolved yet: complaint-service would ignore an end now
        assertThat(windowTypes(complaint)).containsExactly("followup.window-opened.v1",
                "followup.window-callback-ended.v1", "followup.window-callback-ended.v1",
                "followup.window-callback-ended.v1");
        assertThat(windows.get(complaint)).satisfies(w -> {
            assertThat(w.open()).isTrue();
            assertThat(w.allOver()).isTrue();
            assertThat(w.resolved()).isFalse();
        });

        Instant resolved = Instant.parse("2026-03-12T02:00:00Z");
        others.step(complaint, "complaint.resolved.v1", resolved);
        assertThat(windowEnded(complaint, Duration.ofSeconds(30))).singleElement().satisfies(r -> {
            JsonPath json = JsonPath.from(r.value());
            assertThat(json.getString("outcome")).isEqualTo("SATISFIED");
            assertThat(List.of(json.getInt("cycle"), json.getInt("callbacks"), json.getInt("satisfied")))
                    .containsExactly(0, 3, 3);
            assertThat(json.getString("endedAt")).isEqualTo(resolved.toString());
        });

        // the resolution and the settlement told again: no second series, no second end
        others.step(complaint, "complaint.resolved.v1", resolved);
        others.refund(UUID.randomUUID(), "refund.settled.v1", RESOLVED, settled);
        awaitProcessed();
        assertThat(windowTypes(complaint)).containsExactly("followup.window-opened.v1",
                "followup.window-callback-ended.v1", "followup.window-callback-ended.v1",
                "followup.window-callback-ended.v1", "followup.window-opened.v1", "followup.window-ended.v1");
        assertThat(store.load(FollowUpRules.windowId(complaint).toString())).filteredOn(e -> e.type()
                .equals("followup.window-opened.v1")).extracting(e -> JsonPath.from(e.payload()).getString("openedBy"))
                .containsExactly("REFUND_SETTLED", "RESOLUTION");
        assertThat(windowEnded(complaint, Duration.ofSeconds(2))).hasSize(1);
        given().queryParam("complaintId", complaint.toString()).get("/followups").then().body("total", equalTo(4));
    }

    @Test
    void a_dissatisfied_customer_interrupts_the_window_and_the_reopened_case_gets_a_new_one_when_resolved_again() {
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, FILED);
        others.step(complaint, "complaint.resolved.v1", RESOLVED);
        List<String> series = callbacksDue(complaint, 3);

        call(series.get(0), "REACHED_SATISFIED");
        call(series.get(1), "REACHED_DISSATISFIED");
        assertThat(windows.get(complaint).status()).isEqualTo(FollowUpWindow.Status.INTERRUPTED);

        // complaint-service reopens the case: the last call is cancelled, which ends nothing
        others.reopened(complaint, 1, Instant.parse("2026-03-11T08:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(callbacks(complaint, "CANCELLED")).containsExactly(series.get(2)));
        assertThat(windowTypes(complaint)).containsExactly("followup.window-opened.v1",
                "followup.window-callback-ended.v1", "followup.window-callback-ended.v1",
                "followup.window-interrupted.v1");

        others.step(complaint, "complaint.resolved.v1", Instant.parse("2026-03-16T03:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(windows.get(complaint))
                .satisfies(w -> {
                    assertThat(w.cycle()).isEqualTo(1);
                    assertThat(w.status()).isEqualTo(FollowUpWindow.Status.OPEN);
                    assertThat(w.callbacks()).hasSize(3).doesNotContainAnyElementsOf(series.stream().map(UUID::fromString).toList());
                }));
        assertThat(windowEnded(complaint, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void a_reopening_interrupts_the_window_before_its_open_calls_are_cancelled() {
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, FILED);
        others.step(complaint, "complaint.resolved.v1", RESOLVED);
        List<String> series = callbacksDue(complaint, 3);
        call(series.get(0), "REACHED_SATISFIED");
        call(series.get(1), "REACHED_SATISFIED");

        // reopened by staff: were the last call's cancellation counted, the window would end as satisfied
        others.reopened(complaint, 1, Instant.parse("2026-03-11T08:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(callbacks(complaint, "CANCELLED")).containsExactly(series.get(2)));
        assertThat(windowTypes(complaint)).containsExactly("followup.window-opened.v1",
                "followup.window-callback-ended.v1", "followup.window-callback-ended.v1",
                "followup.window-interrupted.v1");
        assertThat(windowEnded(complaint, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void a_customer_who_may_not_be_contacted_is_not_reached_and_the_window_ends_at_once() {
        given().contentType(ContentType.JSON).body("{\"doNotContact\":true}")
                .put("/customers/" + customer + "/contact-preference").then().statusCode(200);
        UUID complaint = UUID.randomUUID();
        others.filed(complaint, branch, customer, FILED);
        others.step(complaint, "complaint.resolved.v1", RESOLVED);

        assertThat(windowEnded(complaint, Duration.ofSeconds(30))).singleElement().satisfies(r -> {
            JsonPath json = JsonPath.from(r.value());
            assertThat(json.getString("outcome")).isEqualTo("NOT_REACHED");
            assertThat(List.of(json.getInt("callbacks"), json.getInt("notMade"))).containsExactly(3, 3);
        });
        given().queryParam("complaintId", complaint.toString()).get("/followups").then().body("total", equalTo(0));
    }
}
