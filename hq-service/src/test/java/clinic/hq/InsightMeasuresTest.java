package clinic.hq;

import clinic.devstack.TopicReader;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.relay.CloudEventHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.hq.Streams.sh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every measure of one branch for March 2026, fed as the three services publish it and checked against a hand
 * count. The durations are complaint-service's clock readings (business seconds, pauses excluded: see
 * complaint-service's SlaClocksTest for the readings themselves); here, that HQ counts, ranks and shares them right.
 *
 * <pre>
 * case  filed        channel        category          severity  ack (h)  resolved (h)             other
 * c1    03-02 09:00  FRONT_DESK     TREATMENT_RESULT  HIGH      0.5      10 (met)                  refund 1,200.00 agreed+settled; call DONE; survey 5 / 10
 * c2    03-02 10:00  PHONE_HOTLINE  ADVERSE_REACTION  MEDIUM    1        20 (missed)               refund 5,000.00 agreed, due 03-10, overdue; call NO_ANSWER; survey 2 / 3; CONSUMER_ASSOCIATION
 * c3    03-03 09:00  WEBSITE        SERVICE_ATTITUDE  -         2        5, reopened, 2.5          call cancelled; survey sent, not answered
 * c4    03-04 09:00  PHONE_HOTLINE  TREATMENT_RESULT  -         10 (missed)  -  (resolve at risk)   PEOPLES_MEDIATION
 * c5    03-05 09:00  FRONT_DESK     BILLING_PRICE     -         -  (acknowledge breached)
 * c6    02-27 09:00  FRONT_DESK     PRIVACY           -         4 (on 03-02: counts in March's acknowledgements)
 * </pre>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightMeasuresTest {

    static final String MARCH = "from=2026-03-01&to=2026-03-31";
    static final long TARGET = 9 * 3600;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    Streams streams;
    String branch;
    UUID c1, c2, c3, c4, c5, c6;
    UUID refund2;

    /** Once per class, but after Quarkus has set RestAssured's port (which it does before each test). */
    @BeforeEach
    void publishMarchOnce() {
        if (streams == null) {
            streams = new Streams();
            publishMarch();
        }
    }

    void publishMarch() {
        branch = Streams.newBranch();
        c1 = streams.filed(branch, branch + "-2026-000001", "FRONT_DESK", "TREATMENT_RESULT", sh("2026-03-02T09:00"));
        c2 = streams.filed(branch, branch + "-2026-000002", "PHONE_HOTLINE", "ADVERSE_REACTION", sh("2026-03-02T10:00"));
        c3 = streams.filed(branch, branch + "-2026-000003", "WEBSITE", "SERVICE_ATTITUDE", sh("2026-03-03T09:00"));
        c4 = streams.filed(branch, branch + "-2026-000004", "PHONE_HOTLINE", "TREATMENT_RESULT", sh("2026-03-04T09:00"));
        c5 = streams.filed(branch, branch + "-2026-000005", "FRONT_DESK", "BILLING_PRICE", sh("2026-03-05T09:00"));
        c6 = streams.filed(branch, branch + "-2026-000006", "FRONT_DESK", "PRIVACY", sh("2026-02-27T09:00"));

        streams.acknowledged(c1, branch, sh("2026-03-02T09:30"), 1800, TARGET);
        streams.acknowledged(c2, branch, sh("2026-03-02T11:00"), 3600, TARGET);
        streams.acknowledged(c3, branch, sh("2026-03-03T11:00"), 7200, TARGET);
        streams.acknowledged(c4, branch, sh("2026-03-05T10:00"), 36000, TARGET);
        streams.acknowledged(c6, branch, sh("2026-03-02T09:00"), 14400, TARGET);
        streams.assessed(c1, branch, "TREATMENT_RESULT", "HIGH", sh("2026-03-02T10:00"));
        streams.assessed(c2, branch, "ADVERSE_REACTION", "MEDIUM", sh("2026-03-02T12:00"));
        streams.step(c1, branch, "complaint.investigation-started.v1", sh("2026-03-02T10:30"));

        streams.resolved(c1, branch, sh("2026-03-04T10:00"), 36000, 45 * 3600);
        streams.resolved(c2, branch, sh("2026-03-06T10:00"), 72000, 54000);
        streams.resolved(c3, branch, sh("2026-03-04T14:00"), 18000, 45 * 3600);
        streams.reopened(c3, branch, 1, sh("2026-03-10T10:00"));
        streams.resolved(c3, branch, sh("2026-03-11T11:30"), 9000, 45 * 3600);
        streams.slaWarning(c4, branch, "complaint.sla-at-risk.v1", "RESOLVE", 0, sh("2026-03-10T09:00"));
        streams.slaWarning(c5, branch, "complaint.sla-at-risk.v1", "ACKNOWLEDGE", 0, sh("2026-03-06T08:00"));
        streams.slaWarning(c5, branch, "complaint.sla-breached.v1", "ACKNOWLEDGE", 0, sh("2026-03-06T09:00"));
        streams.escalated(c2, branch, "CONSUMER_ASSOCIATION", sh("2026-03-07T10:00"));
        streams.escalated(c4, branch, "PEOPLES_MEDIATION", sh("2026-03-12T10:00"));

        UUID refund1 = streams.refundRequested(c1, branch, sh("2026-03-02T09:05"));
        streams.refundAgreed(refund1, c1, branch, 120_000, LocalDate.parse("2026-03-09"), sh("2026-03-03T10:00"));
        streams.refundSettled(refund1, c1, branch, 120_000, sh("2026-03-05T10:00"));
        refund2 = streams.refundRequested(c2, branch, sh("2026-03-02T10:05"));
        streams.refundAgreed(refund2, c2, branch, 500_000, LocalDate.parse("2026-03-10"), sh("2026-03-04T10:00"));
        streams.refundOverdue(refund2, c2, branch, 500_000, LocalDate.parse("2026-03-10"), sh("2026-03-11T09:00"));

        UUID t1 = streams.followUpScheduled(c1, branch, "INTAKE_CALLBACK", sh("2026-03-12T10:00"));
        streams.called(t1, c1, branch, "REACHED_SATISFIED", sh("2026-03-12T10:05"));
        UUID t2 = streams.followUpScheduled(c2, branch, "INTAKE_CALLBACK", sh("2026-03-13T10:00"));
        streams.called(t2, c2, branch, "NO_ANSWER", sh("2026-03-13T10:05"));
        UUID t3 = streams.followUpScheduled(c3, branch, "INTAKE_CALLBACK", sh("2026-03-14T10:00"));
        streams.cancelled(t3, c3, branch, sh("2026-03-10T10:00"));
        UUID s1 = streams.surveySent(c1, branch, sh("2026-03-20T10:00"));
        streams.surveyAnswered(s1, c1, branch, 5, 10, sh("2026-03-20T12:00"));
        UUID s2 = streams.surveySent(c2, branch, sh("2026-03-21T10:00"));
        streams.surveyAnswered(s2, c2, branch, 2, 3, sh("2026-03-21T12:00"));
        streams.surveySent(c3, branch, sh("2026-03-22T10:00"));

        // the last events of each topic: once they count, everything before them on their partitions does too
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath o = overview(MARCH);
            assertThat(o.getLong("surveys.sent")).isEqualTo(3);
            assertThat(o.getLong("refunds.overdue.count")).isEqualTo(1);
            assertThat(o.getLong("followUps.due")).isEqualTo(3);
            assertThat(o.getLong("escalations.total")).isEqualTo(2);
            assertThat(o.getLong("timeToResolve.count")).isEqualTo(4);
            assertThat(o.getLong("timeToAcknowledge.count")).isEqualTo(5);
            assertThat(o.getLong("sla.breachedNow")).isEqualTo(1);
        });
    }

    @AfterAll
    void close() {
        streams.close();
    }

    JsonPath overview(String query) {
        return given().get("/insights/overview?" + query + "&branch=" + branch).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void complaints_received_are_counted_by_category_channel_and_severity() {
        JsonPath o = overview(MARCH);
        assertThat(o.getLong("received.total")).isEqualTo(5); // c6 was filed in February
        assertThat(o.getMap("received.byCategory")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "TREATMENT_RESULT", 2, "ADVERSE_REACTION", 1, "SERVICE_ATTITUDE", 1, "BILLING_PRICE", 1));
        assertThat(o.getMap("received.byChannel")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "FRONT_DESK", 2, "PHONE_HOTLINE", 2, "WEBSITE", 1));
        assertThat(o.getMap("received.bySeverity")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "HIGH", 1, "MEDIUM", 1, "UNASSESSED", 3));
        assertThat(overview("from=2026-02-01&to=2026-02-28").getLong("received.total")).isEqualTo(1);
    }

    @Test
    void time_to_acknowledge_median_and_p90_are_the_nearest_ranks_of_the_readings() {
        // March's acknowledgements, in hours: 0.5, 1, 2, 4 (c6, filed in February), 10 (missed)
        // median: rank ceil(0.5 x 5) = 3 -> 2 h; p90: rank ceil(0.9 x 5) = 5 -> 10 h; 4 of 5 within target
        JsonPath o = overview(MARCH);
        assertThat(o.getLong("timeToAcknowledge.count")).isEqualTo(5);
        assertThat(o.getDouble("timeToAcknowledge.medianHours")).isEqualTo(2.0);
        assertThat(o.getDouble("timeToAcknowledge.p90Hours")).isEqualTo(10.0);
        assertThat(o.getLong("timeToAcknowledge.withinTarget")).isEqualTo(4);
        assertThat(o.getDouble("timeToAcknowledge.withinTargetShare")).isEqualTo(0.8);
    }

    @Test
    void time_to_resolve_counts_every_resolution_a_reopened_case_its_second_too() {
        // 2.5 (c3 again), 5 (c3), 10 (c1), 20 (c2, missed): median rank 2 -> 5 h; p90 rank 4 -> 20 h; 3 of 4 met
        JsonPath o = overview(MARCH);
        assertThat(o.getLong("timeToResolve.count")).isEqualTo(4);
        assertThat(o.getDouble("timeToResolve.medianHours")).isEqualTo(5.0);
        assertThat(o.getDouble("timeToResolve.p90Hours")).isEqualTo(20.0);
        assertThat(o.getDouble("timeToResolve.withinTargetShare")).isEqualTo(0.75);
        // a week with only c3's second resolution
        JsonPath week = overview("from=2026-03-09&to=2026-03-15");
        assertThat(week.getLong("timeToResolve.count")).isEqualTo(1);
        assertThat(week.getDouble("timeToResolve.medianHours")).isEqualTo(2.5);
    }

    @Test
    void sla_breaches_of_the_period_and_cases_at_risk_or_breached_now() {
        JsonPath o = overview(MARCH);
        assertThat(o.getMap("sla.breached")).containsExactlyEntriesOf(Map.of("ACKNOWLEDGE", 1));
        assertThat(o.getLong("sla.atRiskNow")).isEqualTo(1);   // c4's resolve clock
        assertThat(o.getLong("sla.breachedNow")).isEqualTo(1); // c5's acknowledge clock (its at-risk came before)
        assertThat(overview("from=2026-04-01&to=2026-04-30").getMap("sla.breached")).isEmpty();
    }

    @Test
    void reopen_rate_is_of_the_cases_first_resolved_in_the_period() {
        JsonPath o = overview(MARCH);
        assertThat(o.getLong("reopens.resolved")).isEqualTo(3);
        assertThat(o.getLong("reopens.reopened")).isEqualTo(1);
        assertThat(o.getDouble("reopens.rate")).isEqualTo(0.333);
    }

    @Test
    void escalations_by_body_open_until_concluded() {
        JsonPath o = overview(MARCH);
        assertThat(o.getLong("escalations.total")).isEqualTo(2);
        assertThat(o.getMap("escalations.byBody")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CONSUMER_ASSOCIATION", 1, "PEOPLES_MEDIATION", 1));
        assertThat(o.getLong("escalations.concluded")).isZero();
    }

    @Test
    void refunds_promised_paid_and_overdue_with_how_long() {
        JsonPath o = overview(MARCH);
        assertThat(o.getLong("refunds.opened")).isEqualTo(2);
        assertThat(o.getLong("refunds.agreed")).isEqualTo(2);
        assertThat(o.getList("refunds.agreedAmount")).containsExactly(Map.of("currency", "CNY", "minorUnits", 620000));
        assertThat(o.getLong("refunds.settled")).isEqualTo(1);
        assertThat(o.getList("refunds.paidAmount")).containsExactly(Map.of("currency", "CNY", "minorUnits", 120000));
        assertThat(o.getLong("refunds.overdue.count")).isEqualTo(1);
        assertThat(o.getList("refunds.overdue.outstanding")).containsExactly(Map.of("currency", "CNY",
                "minorUnits", 500000));
        long days = ChronoUnit.DAYS.between(LocalDate.parse("2026-03-10"), LocalDate.now(ZoneId.of("Asia/Shanghai")));
        assertThat(o.getLong("refunds.overdue.oldestDays")).isEqualTo(days);
    }

    @Test
    void follow_up_completion_leaves_out_the_cancelled_calls() {
        JsonPath o = overview(MARCH);
        assertThat(o.getLong("followUps.due")).isEqualTo(3);
        assertThat(o.getLong("followUps.done")).isEqualTo(1);
        assertThat(o.getLong("followUps.cancelled")).isEqualTo(1);
        assertThat(o.getLong("followUps.open")).isEqualTo(1); // no answer yet: still to be called again
        assertThat(o.getDouble("followUps.completion")).isEqualTo(0.5);
    }

    @Test
    void csat_and_nps_with_the_response_rate() {
        JsonPath o = overview(MARCH);
        assertThat(o.getLong("surveys.sent")).isEqualTo(3);
        assertThat(o.getLong("surveys.answered")).isEqualTo(2);
        assertThat(o.getDouble("surveys.responseRate")).isEqualTo(0.667);
        assertThat(o.getDouble("surveys.csatAverage")).isEqualTo(3.5);
        assertThat(o.getDouble("surveys.csatSatisfiedShare")).isEqualTo(0.5);
        assertThat(o.getLong("surveys.promoters")).isEqualTo(1);
        assertThat(o.getLong("surveys.detractors")).isEqualTo(1);
        assertThat(o.getDouble("surveys.nps")).isEqualTo(0.0);
    }

    @Test
    void the_league_table_line_of_the_branch_says_the_same() {
        List<Map<String, Object>> lines = given().get("/insights/branches?" + MARCH).then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.branchId == '" + branch + "' }");
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line).containsEntry("received", 5).containsEntry("ackMedianHours", 2.0f)
                    .containsEntry("resolveMedianHours", 5.0f).containsEntry("resolveP90Hours", 20.0f)
                    .containsEntry("slaBreached", 1).containsEntry("atRiskNow", 1).containsEntry("escalations", 2)
                    .containsEntry("refundsOverdue", 1).containsEntry("followUpCompletion", 0.5f)
                    .containsEntry("csatAverage", 3.5f).containsEntry("nps", 0.0f);
        });
        String csv = given().get("/insights/branches.csv?" + MARCH).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.lines().filter(l -> l.startsWith(branch + ","))).singleElement().asString()
                .startsWith(branch + ",5,2.0,0.8,5.0,20.0,0.75,1,1,");
    }

    @Test
    void each_number_drills_down_to_the_cases_behind_it() {
        assertThat(drill("received", "")).containsExactlyInAnyOrder(c1, c2, c3, c4, c5);
        assertThat(drill("received", "&category=TREATMENT_RESULT")).containsExactlyInAnyOrder(c1, c4);
        assertThat(drill("received", "&severity=UNASSESSED")).containsExactlyInAnyOrder(c3, c4, c5);
        assertThat(drill("acknowledged", "&late=true")).containsExactly(c4);
        assertThat(drill("resolved", "&late=true")).containsExactly(c2);
        assertThat(drill("sla-breached", "")).containsExactly(c5);
        assertThat(drill("at-risk", "")).containsExactly(c4);
        assertThat(drill("reopened", "")).containsExactly(c3);
        assertThat(drill("escalated", "&body=PEOPLES_MEDIATION")).containsExactly(c4);
        assertThat(drill("refunds-overdue", "")).containsExactly(c2);
        assertThat(drill("followups", "&status=DONE")).containsExactly(c1);
        assertThat(drill("surveys", "&answered=false")).containsExactly(c3);
        assertThat(drill("surveys", "&nps=DETRACTOR")).containsExactly(c2);
        // a refund's money in integer minor units with its currency, never a floating-point value
        given().get("/insights/cases?measure=refunds-agreed&" + MARCH + "&branch=" + branch).then().statusCode(200)
                .body("rows.amount.minorUnits", org.hamcrest.Matchers.containsInAnyOrder(120000, 500000))
                .body("rows.amount.currency", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("CNY")))
                .body("rows.value", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
        given().get("/insights/cases?measure=refunds-overdue&" + MARCH + "&branch=" + branch).then().statusCode(200)
                .body("rows[0].amount.minorUnits", org.hamcrest.Matchers.equalTo(500000));
        String csv = given().get("/insights/cases.csv?measure=received&" + MARCH + "&branch=" + branch).then()
                .statusCode(200).extract().asString();
        assertThat(csv.lines().count()).isEqualTo(6); // the header and five cases
    }

    List<UUID> drill(String measure, String filters) {
        return given().get("/insights/cases?measure=" + measure + "&" + MARCH + "&branch=" + branch + filters).then()
                .statusCode(200).extract().jsonPath().getList("rows.complaintId", String.class).stream()
                .map(UUID::fromString).toList();
    }

    @Test
    void a_case_timeline_puts_the_services_events_in_order() {
        JsonPath t = given().get("/insights/cases/" + c2 + "/timeline").then().statusCode(200).extract().jsonPath();
        assertThat(t.getString("caseNumber")).isEqualTo(branch + "-2026-000002");
        assertThat(t.getList("entries.what", String.class)).containsExactly("case-filed", "refund-requested",
                "case-acknowledged", "case-assessed", "refund-agreed", "case-resolved", "case-escalated-externally",
                "refund-overdue", "followup-scheduled", "followup-call-recorded", "survey-scheduled", "survey-sent",
                "survey-answered");
        assertThat(t.getList("entries.correlationId", String.class)).containsOnly(
                t.getString("entries[0].correlationId"));
        given().get("/insights/cases/" + UUID.randomUUID() + "/timeline").then().statusCode(404);
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    @Test
    void a_rebuild_from_hqs_store_gives_the_same_measures_and_rewrites_what_the_fold_says() throws Exception {
        String before = given().get("/insights/branches?" + MARCH).then().statusCode(200).extract().asString();
        // a row as an older fold had written it: the rebuild writes what the fold says now, at the same version
        try (var c = db.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update hq_cases set category = 'PRIVACY', reopen_count = 0 where complaint_id = '" + c3 + "'");
        }
        assertThat(given().get("/insights/branches?" + MARCH).then().extract().asString()).isNotEqualTo(before);
        given().post("/insights/read-models/rebuild?restart=true").then().statusCode(200);
        String after = given().get("/insights/branches?" + MARCH).then().statusCode(200).extract().asString();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void a_second_delivery_counts_once_and_an_unreadable_message_goes_to_the_dead_letter_topic() {
        String b = Streams.newBranch();
        UUID id = UUID.randomUUID();
        String payload = clinic.contracts.EventContracts.message("complaint.filed.v1", "complaintId", id,
                "caseNumber", b + "-2026-000001", "branchId", b, "channel", "WEBSITE", "category", "PRIVACY",
                "filedAt", sh("2026-03-02T09:00"));
        StoredEvent e = new StoredEvent(1, UUID.randomUUID(), id.toString(), 1, "complaint.filed.v1", payload,
                sh("2026-03-02T09:00"), Instant.now(), b, "test", UUID.randomUUID(), null);
        var record = new ProducerRecord<>("complaint-events", null, id.toString(), payload,
                CloudEventHeaders.of(e, "/clinic/complaint-service"));
        streams.raw(record);
        streams.raw(record);
        UUID broken = UUID.randomUUID();
        StoredEvent bad = new StoredEvent(1, UUID.randomUUID(), broken.toString(), 1, "complaint.filed.v1",
                payload.replace("\"PRIVACY\"", "\"x'; drop table hq_cases; --\""), sh("2026-03-02T09:00"),
                Instant.now(), b, "test", UUID.randomUUID(), null);
        streams.raw(new ProducerRecord<>("complaint-events", null, broken.toString(), bad.payload(),
                CloudEventHeaders.of(bad, "/clinic/complaint-service")));
        streams.filed(b, b + "-2026-000002", "WEBSITE", "PRIVACY", sh("2026-03-03T09:00"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given()
                .get("/insights/overview?" + MARCH + "&branch=" + b).then().statusCode(200).extract().jsonPath()
                .getLong("received.total")).isEqualTo(2));
        var dead = TopicReader.read(bootstrap, "complaint-events.hq-service.dlq", r -> broken.toString().equals(r.key()),
                1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r -> assertThat(TopicReader.header(r, "dead-letter-reason"))
                .contains("category must be an upper-case code"));
        // the repeated and the refused message were read: the dashboard is not behind for them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/insights/freshness")
                .then().statusCode(200).extract().jsonPath()
                .getLong("find { it.topic == 'complaint-events' }.behind")).isZero());
    }

    @Test
    void a_withdrawn_refund_is_no_longer_agreed_and_a_resolution_without_a_reading_counts_but_not_its_duration() {
        String b = Streams.newBranch();
        UUID id = streams.filed(b, b + "-2026-000001", "WEBSITE", "PRIVACY", sh("2026-03-02T09:00"));
        UUID refund = streams.refundRequested(id, b, sh("2026-03-02T09:05"));
        streams.refundAgreed(refund, id, b, 9_000_000, LocalDate.parse("2026-03-20"), sh("2026-03-03T10:00"));
        streams.refund(refund, id, b, "refund.withdrawn.v1", sh("2026-03-04T10:00"), "refundId", refund,
                "complaintId", id, "reason", "the customer took the corrective treatment", "withdrawnAt",
                sh("2026-03-04T10:00"));
        // as complaint-service recorded resolutions before it kept the clock's reading
        streams.complaint(id, b, "complaint.resolved.v1", sh("2026-03-05T10:00"), "complaintId", id,
                "resolvedAt", sh("2026-03-05T10:00"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath o = given().get("/insights/overview?" + MARCH + "&branch=" + b).then().statusCode(200).extract()
                    .jsonPath();
            assertThat(o.getLong("reopens.resolved")).isEqualTo(1);
            assertThat(o.getLong("refunds.opened")).isEqualTo(1);
            assertThat(o.getLong("refunds.agreed")).isZero();
            assertThat(o.getList("refunds.agreedAmount")).isEmpty();
            assertThat(o.getLong("timeToResolve.count")).isZero();
        });
    }

    @Test
    void bad_periods_and_filters_are_refused_with_the_field() {
        given().get("/insights/overview?from=2026-03-31&to=2026-03-01").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        given().get("/insights/overview?from=1990-01-01&to=2026-03-01").then().statusCode(400);
        given().get("/insights/overview?from=yesterday").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        given().get("/insights/overview?branch=" + "x".repeat(300)).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("branch"));
        given().get("/insights/cases?measure=nothing").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("measure"));
        given().get("/insights/cases?measure=received&late=true").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("late"));
        given().get("/insights/cases?measure=acknowledged&late=maybe").then().statusCode(400);
        given().get("/insights/cases?measure=received&category=a'b").then().statusCode(400);
        given().get("/insights/cases/not-a-uuid/timeline").then().statusCode(400);
        given().post("/insights/read-models/rebuild?name=complaints").then().statusCode(400);
    }
}
