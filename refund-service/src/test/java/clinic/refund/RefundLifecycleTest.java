package clinic.refund;

import clinic.devstack.TopicReader;
import clinic.refund.application.OverdueAlarm;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A refund case from the complaint that opened it to settlement, and the overdue alarm, on the real broker and database. */
@QuarkusTest
class RefundLifecycleTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    OverdueAlarm alarm;

    UUID openFromComplaint() {
        return OpenedRefunds.fromComplaint(bootstrap, "SH001", "cust-889", "2026-03-02T02:15:00Z");
    }

    @AfterEach
    void realClock() {
        QuarkusMock.installMockForType(Clock.systemUTC(), Clock.class);
    }

    static ValidatableResponse step(UUID refund, String step, String json) {
        var request = given();
        if (json != null) {
            request = request.contentType(ContentType.JSON).body(json);
        }
        return request.post("/refunds/" + refund + "/" + step).then();
    }

    @Test
    void a_negotiated_refund_is_agreed_approved_paid_in_parts_and_settled() {
        UUID refund = openFromComplaint();
        step(refund, "start-review", null).statusCode(200).body("status", equalTo("UNDER_REVIEW"));
        step(refund, "offer", "{\"amount\":\"8000.00\",\"remedy\":\"CORRECTIVE_TREATMENT_AND_REFUND\",\"reason\":\"3 sessions used\",\"calculationPolicy\":\"default-1\"}")
                .statusCode(200).body("status", equalTo("OFFERED"))
                .body("offers[0].remedy", equalTo("CORRECTIVE_TREATMENT_AND_REFUND"));
        step(refund, "offer", "{\"amount\":\"8000.00\",\"remedy\":\"FULL_REFUND\"}").statusCode(422)
                .body("errors[0].field", equalTo("remedy"));
        step(refund, "counter-offer", "{\"party\":\"CUSTOMER\",\"amount\":\"12800.00\",\"reason\":\"no session helped\"}")
                .statusCode(200).body("status", equalTo("COUNTER_OFFERED"));
        step(refund, "agree", """
                {"amount":"60000.00","channels":[{"channel":"CARD","amount":"60000.00"}]}""")
                .statusCode(422).body("errors[0].field", equalTo("amount"));
        step(refund, "agree", """
                {"amount":"10000.00","channels":[{"channel":"CARD","amount":"9000.00"},{"channel":"CASH","amount":"1000.00"}]}""")
                .statusCode(200).body("status", equalTo("AGREED"))
                .body("agreedAmount.amount", equalTo("10000.00"))
                .body("agreedRemedy", equalTo("PARTIAL_REFUND"))
                .body("dueDate", org.hamcrest.Matchers.notNullValue());
        step(refund, "record-payment", "{\"channel\":\"CARD\",\"amount\":\"9000.00\",\"reference\":\"txn-81\"}")
                .statusCode(200).body("status", equalTo("SETTLING")).body("paid.amount", equalTo("9000.00"));
        step(refund, "record-payment", "{\"channel\":\"CASH\",\"amount\":\"1000.00\",\"reference\":\"receipt-7\"}")
                .statusCode(200).body("status", equalTo("SETTLED"));
        step(refund, "withdraw", "{\"reason\":\"too late\"}").statusCode(409).body("currentState", equalTo("SETTLED"));

        var published = TopicReader.read(bootstrap, "refund-events", r -> refund.toString().equals(r.key())
                && "refund.agreed.v1".equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertThat(published).singleElement().satisfies(r -> assertThat(r.value())
                .contains("\"complaintId\"", "\"minorUnits\": 1000000", "\"dueDate\""));
    }

    @Test
    void each_channel_is_paid_what_is_left_on_it_and_the_refund_settles_only_when_the_cash_is_paid_too() {
        UUID refund = openFromComplaint();
        step(refund, "start-review", null).statusCode(200);
        step(refund, "offer", "{\"amount\":\"9000.00\"}").statusCode(200);
        step(refund, "agree", """
                {"amount":"9000.00","channels":[{"channel":"CARD","amount":"8000.00"},{"channel":"CASH","amount":"1000.00"}]}""")
                .statusCode(200).body("status", equalTo("AGREED"));
        int version = step(refund, "record-payment", "{\"channel\":\"CARD\",\"amount\":\"8000.00\",\"reference\":\"txn-card-1\"}")
                .statusCode(200).body("status", equalTo("SETTLING")).body("paid.amount", equalTo("8000.00"))
                .extract().path("version");

        // the card's 8,000 is paid in full: another 1,000 on it is not the cash
        step(refund, "record-payment", "{\"channel\":\"CARD\",\"amount\":\"1000.00\",\"reference\":\"txn-card-2\"}")
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("amount"));
        // the same payment again is answered with the case as it stands, nothing counted twice
        step(refund, "record-payment", "{\"channel\":\"CARD\",\"amount\":\"8000.00\",\"reference\":\"txn-card-1\"}")
                .statusCode(200).body("status", equalTo("SETTLING")).body("paid.amount", equalTo("8000.00"))
                .body("version", equalTo(version));
        // its reference for another amount is not
        step(refund, "record-payment", "{\"channel\":\"CASH\",\"amount\":\"1000.00\",\"reference\":\"txn-card-1\"}")
                .statusCode(422).body("errors[0].field", equalTo("reference"));
        given().get("/refunds/" + refund).then().body("status", equalTo("SETTLING")).body("paid.amount", equalTo("8000.00"));

        step(refund, "record-payment", "{\"channel\":\"CASH\",\"amount\":\"1000.00\",\"reference\":\"receipt-1\"}")
                .statusCode(200).body("status", equalTo("SETTLED")).body("paid.amount", equalTo("9000.00"))
                .body("version", equalTo(version + 2)); // the cash payment and the settlement: nothing else was appended
    }

    @Test
    void an_agreement_unpaid_past_its_due_date_raises_the_overdue_alarm_once() {
        UUID refund = openFromComplaint();
        step(refund, "start-review", null).statusCode(200);
        step(refund, "offer", "{\"amount\":\"12800.00\"}").statusCode(200);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        step(refund, "agree", """
                {"amount":"12800.00","channels":[{"channel":"CARD","amount":"12800.00"}],"dueDate":"%s"}"""
                .formatted(today.plusDays(1))).statusCode(200);

        alarm.check();
        given().get("/refunds/" + refund).then().body("overdue", equalTo(false));

        // three days later the money has still not come
        QuarkusMock.installMockForType(Clock.fixed(today.plusDays(3).atTime(10, 0).toInstant(ZoneOffset.ofHours(8)),
                ZoneOffset.UTC), Clock.class);
        alarm.check();
        alarm.check();

        given().get("/refunds/" + refund).then().body("overdue", equalTo(true));
        given().queryParam("complaintId", given().get("/refunds/" + refund).then().extract().path("complaintId").toString())
                .get("/refunds").then().body("items[0].overdue", equalTo(true));
        var alarms = TopicReader.read(bootstrap, "refund-events", r -> refund.toString().equals(r.key())
                && "refund.overdue.v1".equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertThat(alarms).hasSize(1);

        // paying late settles it and clears the alarm
        step(refund, "record-payment", "{\"channel\":\"CARD\",\"amount\":\"12800.00\",\"reference\":\"txn-late\"}")
                .statusCode(200).body("status", equalTo("SETTLED")).body("overdue", equalTo(false));
    }

    static String recordOrder(String customer, String cardPaid) {
        String orderNo = "POS-" + UUID.randomUUID();
        String order = """
                {"branchId":"SH001","orderNo":"%s","customerRef":"%s","purchasedAt":"2026-03-02T02:00:00Z",
                 "currency":"CNY","items":[{"lineId":"L1","kind":"PREPAID_BALANCE","name":"membership card",
                 "paid":"%s","giftedCredit":"1000.00"}],"payments":[{"instrument":"CARD","amount":"%s"}]}"""
                .formatted(orderNo, customer, cardPaid, cardPaid);
        return given().contentType(ContentType.JSON).body(order).post("/purchases").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void the_review_calculates_the_entitlement_from_the_recorded_orders_and_the_negotiation_settles_on_it() {
        UUID refund = openFromComplaint();
        String order = recordOrder("cust-889", "3000.00");
        given().contentType(ContentType.JSON).body("{\"usageId\":\"u1\",\"kind\":\"BALANCE_USED\",\"lineId\":\"L1\",\"amount\":\"3594.00\"}")
                .post("/purchases/" + order + "/usage").then().statusCode(200);
        String someoneElses = recordOrder("cust-other", "3000.00");

        step(refund, "entitlement", "{\"orders\":[\"%s\"],\"reason\":\"PERSONAL_CANCELLATION\"}".formatted(order))
                .statusCode(409).body("allowedSteps", org.hamcrest.Matchers.hasItem("start-review"));
        step(refund, "start-review", null).statusCode(200);
        step(refund, "entitlement", "{\"orders\":[\"%s\"],\"reason\":\"PERSONAL_CANCELLATION\"}".formatted(someoneElses))
                .statusCode(422).body("errors[0].field", equalTo("orders[0]"));
        // the same order twice would count it twice
        step(refund, "entitlement", "{\"orders\":[\"%s\",\"%s\"],\"reason\":\"PERSONAL_CANCELLATION\"}"
                .formatted(order, order)).statusCode(422).body("errors[0].field", equalTo("orders"))
                .body("errors[0].reason", equalTo("name each order once"));
        // docs/business.md: 3,000 paid + 1,000 gifted, 3,594 used at list price deducts 2,695.50
        step(refund, "entitlement", "{\"orders\":[\"%s\"],\"reason\":\"PERSONAL_CANCELLATION\"}".formatted(order))
                .statusCode(200)
                .body("entitlement.total", equalTo("304.50"))
                .body("entitlement.lines[1].amount", equalTo("-2695.50"))
                .body("entitlement.lines[1].rule", equalTo("consumed.balance-principal-share"))
                .body("entitlement.policyVersion", equalTo("default-1"))
                .body("orders[0]", equalTo(order));
        step(refund, "offer", "{\"amount\":\"304.50\",\"reason\":\"per the calculation\"}").statusCode(200);
        step(refund, "counter-offer", "{\"party\":\"CUSTOMER\",\"amount\":\"1000.00\",\"reason\":\"the card expired unused\"}").statusCode(200);
        step(refund, "offer", "{\"amount\":\"500.00\",\"reason\":\"goodwill\"}").statusCode(200);
        step(refund, "agree", "{\"amount\":\"500.00\",\"channels\":[{\"channel\":\"CARD\",\"amount\":\"500.00\"}]}")
                .statusCode(200).body("status", equalTo("AGREED"));
        step(refund, "record-payment", "{\"channel\":\"CARD\",\"amount\":\"500.00\",\"reference\":\"txn-9\"}")
                .statusCode(200).body("status", equalTo("SETTLED"));

        given().get("/refunds/" + refund).then().statusCode(200)
                .body("offers.size()", equalTo(3))
                .body("offers[1].party", equalTo("CUSTOMER"))
                .body("entitlement.total", equalTo("304.50"));
        var calculated = TopicReader.read(bootstrap, "refund-events", r -> refund.toString().equals(r.key())
                && "refund.entitlement-calculated.v1".equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertThat(calculated).singleElement().satisfies(r -> assertThat(r.value())
                .contains("\"rule\": \"consumed.balance-principal-share\"", "\"policyVersion\": \"default-1\"")
                .doesNotContain("王", "phone"));
    }

    @Test
    void hq_lists_refunds_by_branch_state_overdue_amount_and_date() {
        UUID refund = openFromComplaint();
        step(refund, "start-review", null).statusCode(200);
        step(refund, "offer", "{\"amount\":\"777.77\"}").statusCode(200);

        java.util.function.Function<java.util.Map<String, Object>, java.util.List<String>> ids = query ->
                given().queryParams(query).get("/refunds").then().statusCode(200).extract().path("items.id");
        assertThat(ids.apply(java.util.Map.of("branch", "SH001", "status", "OFFERED", "currency", "CNY",
                "minAmount", "777.77", "maxAmount", "777.77"))).containsExactly(refund.toString());
        assertThat(ids.apply(java.util.Map.of("status", "OFFERED", "currency", "CNY", "minAmount", "777.78")))
                .doesNotContain(refund.toString());
        assertThat(ids.apply(java.util.Map.of("branch", "BJ002", "status", "OFFERED"))).doesNotContain(refund.toString());
        assertThat(ids.apply(java.util.Map.of("overdue", "true"))).doesNotContain(refund.toString());
        // requested when the complaint was filed: 2026-03-02T02:15Z
        assertThat(ids.apply(java.util.Map.of("status", "OFFERED", "requestedFrom", "2026-03-02T00:00:00Z",
                "requestedTo", "2026-03-03T00:00:00Z", "size", "500"))).contains(refund.toString());
        assertThat(ids.apply(java.util.Map.of("status", "OFFERED", "requestedFrom", "2026-03-02T02:15:01Z", "size", "500")))
                .doesNotContain(refund.toString());
        given().queryParam("status", "PAID_MAYBE").get("/refunds").then().statusCode(400);
        given().queryParam("minAmount", "1.00").get("/refunds").then().statusCode(400)
                .body("errors[0].field", equalTo("currency"));
        given().queryParam("currency", "CNY").queryParam("minAmount", "1.001").get("/refunds").then().statusCode(400)
                .body("errors[0].field", equalTo("minAmount"));
    }
}
