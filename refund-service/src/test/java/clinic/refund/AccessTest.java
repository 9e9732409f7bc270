package clinic.refund;

import clinic.devstack.AccessMatrix;
import clinic.devstack.AccessMatrix.Call;
import clinic.devstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Who may call what in refund-service: every operation of its OpenAPI document against every kind of caller. */
@QuarkusTest
class AccessTest {

    /**
     * Columns: no token, expired, another issuer, forged (another key), each role (of SH001), staff of another branch.
     * ok: let through (the case's state decides the rest); a status: exactly that.
     */
    static final String TABLE = """
            operation                     none expired issuer forged staff manager analyst approver ops privacy other-branch
            startRefundReview             401  401     401    401    ok    ok      403     403      403 403     403
            recordRefundEntitlement       401  401     401    401    ok    ok      403     403      403 403     403
            makeRefundOffer               401  401     401    401    ok    ok      403     403      403 403     403
            makeRefundCounterOffer        401  401     401    401    ok    ok      403     403      403 403     403
            agreeRefund                   401  401     401    401    ok    ok      403     403      403 403     403
            escalateRefund                401  401     401    401    ok    ok      403     403      403 403     403
            recordRefundPayment           401  401     401    401    ok    ok      403     403      403 403     403
            rejectRefund                  401  401     401    401    ok    ok      403     403      403 403     403
            withdrawRefund                401  401     401    401    ok    ok      403     403      403 403     403
            overrideRefundAssessment      401  401     401    401    403   403     403     ok       403 403     403
            approveRefund                 401  401     401    401    403   403     403     ok       403 403     403
            listRefunds                   401  401     401    401    200   200     200     200      200 200     403
            getRefund                     401  401     401    401    200   200     200     200      200 200     403
            listRefundEntitlements        401  401     401    401    200   200     200     200      200 200     403
            explainRefundEntitlement      401  401     401    401    200   200     200     200      200 200     403
            previewRefundEntitlement      401  401     401    401    200   200     200     200      403 403     403
            rebuildRefundList             401  401     401    401    403   403     403     403      200 403     403
            recordPurchase                401  401     401    401    ok    ok      403     403      403 403     403
            recordPurchaseUsage           401  401     401    401    200   200     403     403      403 403     403
            listPurchases                 401  401     401    401    200   200     200     200      200 200     403
            getPurchase                   401  401     401    401    200   200     200     200      200 200     403
            rebuildPurchaseList           401  401     401    401    403   403     403     403      200 403     403
            """;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    UUID refund;
    String order;

    /** A refund case of SH001 opened by its complaint, under review, with one entitlement calculated from an order. */
    @BeforeEach
    void aRefundOfSh001WithACalculation() {
        refund = OpenedRefunds.fromComplaint(bootstrap, "SH001", "cust-889", "2026-03-02T02:15:00Z");
        order = RefundLifecycleTest.recordOrder("cust-889", "3000.00");
        RefundLifecycleTest.step(refund, "start-review", null).statusCode(200);
        RefundLifecycleTest.step(refund, "entitlement",
                "{\"orders\":[\"%s\"],\"reason\":\"PERSONAL_CANCELLATION\"}".formatted(order)).statusCode(200);
    }

    @Test
    void every_operation_answers_each_kind_of_caller_as_the_table_says() {
        String r = "/refunds/" + refund;
        String orderJson = """
                {"branchId":"SH001","orderNo":"POS-%s","customerRef":"cust-889","purchasedAt":"2026-03-02T02:00:00Z",
                 "currency":"CNY","items":[{"lineId":"L1","kind":"PREPAID_BALANCE","name":"membership card",
                 "paid":"100.00"}],"payments":[{"instrument":"CARD","amount":"100.00"}]}""".formatted(UUID.randomUUID());
        Map<String, Call> calls = Map.ofEntries(
                Map.entry("startRefundReview", Call.of("POST", r + "/start-review")),
                Map.entry("recordRefundEntitlement", Call.json("POST", r + "/entitlement",
                        "{\"orders\":[\"%s\"],\"reason\":\"PERSONAL_CANCELLATION\"}".formatted(order))),
                Map.entry("makeRefundOffer", Call.json("POST", r + "/offer", "{\"amount\":\"304.50\"}")),
                Map.entry("makeRefundCounterOffer", Call.json("POST", r + "/counter-offer",
                        "{\"party\":\"CUSTOMER\",\"amount\":\"1000.00\",\"reason\":\"unused\"}")),
                Map.entry("agreeRefund", Call.json("POST", r + "/agree",
                        "{\"amount\":\"500.00\",\"channels\":[{\"channel\":\"CARD\",\"amount\":\"500.00\"}]}")),
                Map.entry("escalateRefund", Call.json("POST", r + "/escalate", "{\"body\":\"12315\"}")),
                Map.entry("recordRefundPayment", Call.json("POST", r + "/record-payment",
                        "{\"channel\":\"CARD\",\"amount\":\"500.00\",\"reference\":\"txn-1\"}")),
                Map.entry("rejectRefund", Call.json("POST", r + "/reject", "{\"reason\":\"outside the contract\"}")),
                Map.entry("withdrawRefund", Call.json("POST", r + "/withdraw", "{\"reason\":\"settled\"}")),
                Map.entry("overrideRefundAssessment", Call.json("POST", r + "/override-assessment",
                        "{\"reason\":\"goodwill\"}")),
                Map.entry("approveRefund", Call.of("POST", r + "/approve")),
                Map.entry("listRefunds", Call.of("GET", "/refunds?branch=SH001")),
                Map.entry("getRefund", Call.of("GET", r)),
                Map.entry("listRefundEntitlements", Call.of("GET", r + "/entitlements")),
                Map.entry("explainRefundEntitlement", Call.of("GET", r + "/entitlements/1/explain")),
                Map.entry("previewRefundEntitlement", Call.json("POST", "/refunds/calculate", """
                        {"branchId":"SH001","reason":"PERSONAL_CANCELLATION","currency":"CNY",
                         "items":[{"kind":"PREPAID_BALANCE","name":"card","paid":"3000.00","consumedAtListPrice":"0.00"}],
                         "payments":[{"instrument":"CARD","amount":"3000.00"}]}""")),
                Map.entry("rebuildRefundList", Call.of("POST", "/refunds/read-model/rebuild")),
                Map.entry("recordPurchase", Call.json("POST", "/purchases", orderJson)),
                Map.entry("recordPurchaseUsage", Call.json("POST", "/purchases/" + order + "/usage",
                        "{\"usageId\":\"u-matrix\",\"kind\":\"BALANCE_USED\",\"lineId\":\"L1\",\"amount\":\"10.00\"}")),
                Map.entry("listPurchases", Call.of("GET", "/purchases?customerRef=cust-889&branch=SH001")),
                Map.entry("getPurchase", Call.of("GET", "/purchases/" + order)),
                Map.entry("rebuildPurchaseList", Call.of("POST", "/purchases/read-model/rebuild")));

        assertThat(AccessMatrix.check(TABLE, calls::get)).isEmpty();
    }

    @Test
    void staff_of_another_branch_see_none_of_this_branchs_refunds_or_orders() {
        String otherBranch = TestTokens.bearer(TestTokens.staffOf("BJ001"));
        given().header("Authorization", otherBranch).get("/refunds").then().statusCode(200)
                .body("items.branchId", everyItem(equalTo("BJ001")))
                .body("items.id", not(hasItem(refund.toString())));
        String theirs = given().header("Authorization", otherBranch).contentType(ContentType.JSON).body("""
                {"branchId":"BJ001","orderNo":"POS-%s","customerRef":"cust-889","purchasedAt":"2026-03-02T02:00:00Z",
                 "currency":"CNY","items":[{"lineId":"L1","kind":"PREPAID_BALANCE","name":"membership card",
                 "paid":"100.00"}],"payments":[{"instrument":"CARD","amount":"100.00"}]}""".formatted(UUID.randomUUID()))
                .post("/purchases").then().statusCode(201).extract().path("id");
        given().header("Authorization", otherBranch).queryParam("customerRef", "cust-889").get("/purchases").then()
                .statusCode(200).body("branchId", everyItem(equalTo("BJ001")))
                .body("id", hasItem(theirs)).body("id", not(hasItem(order)));
        // nor through a refund: an order of another branch is answered like one that does not exist
        RefundLifecycleTest.step(refund, "entitlement", "{\"orders\":[\"%s\"],\"reason\":\"PERSONAL_CANCELLATION\"}"
                .formatted(theirs)).statusCode(422).body("errors[0].field", equalTo("orders[0]"))
                .body("errors[0].reason", equalTo("no order " + theirs + " of this customer is recorded at branch SH001"));
        given().header("Authorization", otherBranch).contentType(ContentType.JSON).body("{\"amount\":\"1.00\"}")
                .post("/refunds/" + refund + "/offer").then().statusCode(403)
                .body("type", equalTo("urn:clinic:problem:other-branch"));
        given().get("/refunds/" + refund).then().body("status", equalTo("UNDER_REVIEW"));
    }
}
