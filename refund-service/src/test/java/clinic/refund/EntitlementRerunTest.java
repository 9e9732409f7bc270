package clinic.refund;

import clinic.refund.domain.entitlement.RefundPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static clinic.refund.RefundLifecycleTest.step;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * A case of a branch with its own policy (test profile: SH9POL caps handling fees at 10 % instead of the chain's 20 %
 * and sends agreements above 1,000.00 to HQ): its calculations keep their parameter set and inputs, and re-run to the
 * same result after the orders they read have changed.
 */
@QuarkusTest
class EntitlementRerunTest {

    static final String BRANCH = "SH9POL";
    static final String BRANCH_HASH = new RefundPolicy("any", 1000, 300, RefundPolicy.PointsTreatment.RESTORE,
            RefundPolicy.CouponTreatment.REISSUE, RefundPolicy.FxDifference.CLINIC).hash();
    static final String CHAIN_HASH = new RefundPolicy("any", 2000, 300, RefundPolicy.PointsTreatment.RESTORE,
            RefundPolicy.CouponTreatment.REISSUE, RefundPolicy.FxDifference.CLINIC).hash();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    UUID openFromComplaint(String branch, String customer) {
        return OpenedRefunds.fromComplaint(bootstrap, branch, customer, "2026-03-02T02:15:00Z");
    }

    /** A treatment of 3,000.00 paid by card, not performed yet. */
    static String recordTreatment(String customer) {
        String order = """
                {"branchId":"%s","orderNo":"POS-%s","customerRef":"%s","purchasedAt":"2026-03-02T02:00:00Z",
                 "currency":"CNY","items":[{"lineId":"L1","kind":"TREATMENT","name":"thread lift","paid":"3000.00"}],
                 "payments":[{"instrument":"CARD","amount":"3000.00"}]}""".formatted(BRANCH, UUID.randomUUID(), customer);
        return given().contentType(ContentType.JSON).body(order).post("/purchases").then().statusCode(201)
                .extract().path("id");
    }

    static final String FEE = "{\"kind\":\"ADMINISTRATION\",\"description\":\"contract administration\",\"amount\":\"500.00\"}";

    @Test
    void a_calculation_under_the_branch_policy_keeps_its_parameters_and_inputs_and_re_runs_to_the_same_result() {
        String customer = "cust-" + UUID.randomUUID();
        UUID refund = openFromComplaint(BRANCH, customer);
        String order = recordTreatment(customer);
        step(refund, "start-review", null).statusCode(200);

        // the branch caps fees at 10 % of 3,000.00: 300.00 of the 500.00 claimed (the chain's 20 % would take all 500)
        step(refund, "entitlement", """
                {"orders":["%s"],"reason":"PERSONAL_CANCELLATION","handlingFees":[%s]}""".formatted(order, FEE))
                .statusCode(200)
                .body("entitlement.total", equalTo("2700.00"))
                .body("entitlement.policyVersion", equalTo("sh9pol-1"))
                .body("entitlement.policy.handlingFeeCapBasisPoints", equalTo(1000))
                .body("entitlement.policy.interestBasisPointsPerYear", equalTo(300))
                .body("entitlement.policyHash", equalTo(BRANCH_HASH));
        // the orders change after the calculation: the treatment is performed
        given().contentType(ContentType.JSON).body("{\"usageId\":\"u1\",\"kind\":\"TREATMENT_PERFORMED\",\"lineId\":\"L1\"}")
                .post("/purchases/" + order + "/usage").then().statusCode(200);
        step(refund, "entitlement", """
                {"orders":["%s"],"reason":"PERSONAL_CANCELLATION"}""".formatted(order))
                .statusCode(200).body("entitlement.total", equalTo("0.00"));

        String history = given().get("/refunds/" + refund + "/entitlements").then().statusCode(200)
                .body("branchId", equalTo(BRANCH))
                .body("calculations.n", org.hamcrest.Matchers.contains(1, 2))
                .body("calculations[0].rerunnable", equalTo(true))
                .body("calculations[0].note", nullValue())
                .body("calculations[0].entitlement.total", equalTo("2700.00"))
                .body("calculations[0].entitlement.lines.rule", org.hamcrest.Matchers.hasItem("handling-fee.cap"))
                .body("calculations[0].entitlement.policyHash", equalTo(BRANCH_HASH))
                .body("calculations[0].inputs.branchId", equalTo(BRANCH))
                .body("calculations[0].inputs.items[0].kind", equalTo("TREATMENT"))
                .body("calculations[0].inputs.items[0].performed", equalTo(false))
                .body("calculations[0].inputs.handlingFees[0].amount", equalTo("500.00"))
                .body("calculations[1].inputs.items[0].performed", equalTo(true))
                .body("calculations[1].entitlement.total", equalTo("0.00"))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(history).doesNotContain(customer);

        // re-run 1 with what it kept: the same 2,700.00 although the treatment has been performed since
        given().get("/refunds/" + refund + "/entitlements/1/explain").then().statusCode(200)
                .body("reproduced", equalTo(true))
                .body("recorded.total", equalTo("2700.00"))
                .body("rerun.total", equalTo("2700.00"))
                .body("rerun.policyHash", equalTo(BRANCH_HASH))
                .body("current.policyHash", equalTo(BRANCH_HASH))
                .body("current.samePolicy", equalTo(true))
                .body("current.parameterDifferences", empty())
                .body("current.lineDifferences", empty())
                .body("current.difference.total", equalTo("0.00"))
                .body("note", nullValue());
    }

    @Test
    void an_unknown_case_or_calculation_number_is_a_404_problem() {
        given().get("/refunds/" + UUID.randomUUID() + "/entitlements").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:clinic:problem:refund-not-found"));
        given().get("/refunds/" + UUID.randomUUID() + "/entitlements/1/explain").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:clinic:problem:refund-not-found"));

        UUID refund = openFromComplaint(BRANCH, "cust-" + UUID.randomUUID());
        given().get("/refunds/" + refund + "/entitlements").then().statusCode(200).body("calculations", empty());
        for (String n : new String[]{"1", "0", "-1"}) {
            given().get("/refunds/" + refund + "/entitlements/" + n + "/explain").then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:clinic:problem:entitlement-calculation-not-found"));
        }
        given().get("/refunds/" + refund + "/entitlements/one/explain").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void the_operations_are_documented_with_their_problems() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/refunds/{id}/entitlements'.get.operationId", equalTo("listRefundEntitlements"))
                .body("paths.'/refunds/{id}/entitlements'.get.responses.'404'.content", org.hamcrest.Matchers.hasKey("application/problem+json"))
                .body("paths.'/refunds/{id}/entitlements/{n}/explain'.get.operationId", equalTo("explainRefundEntitlement"))
                .body("paths.'/refunds/{id}/entitlements/{n}/explain'.get.responses", org.hamcrest.Matchers.hasKey("422"));
    }

    @Test
    void the_preview_takes_a_branch_and_an_unknown_or_no_branch_gets_the_chains_policy() {
        String body = """
                {"reason":"PERSONAL_CANCELLATION","currency":"CNY",%s
                 "items":[{"kind":"TREATMENT","name":"thread lift","paid":"3000.00","performed":false}],
                 "payments":[{"instrument":"CARD","amount":"3000.00"}],"handlingFees":[%s]}""";
        given().contentType(ContentType.JSON).body(body.formatted("\"branchId\":\"" + BRANCH + "\",", FEE))
                .post("/refunds/calculate").then().statusCode(200)
                .body("total", equalTo("2700.00")).body("policyHash", equalTo(BRANCH_HASH))
                .body("policy.version", equalTo("sh9pol-1"));
        given().contentType(ContentType.JSON).body(body.formatted("\"branchId\":\"ZZ999\",", FEE))
                .post("/refunds/calculate").then().statusCode(200)
                .body("total", equalTo("2500.00")).body("policyHash", equalTo(CHAIN_HASH))
                .body("policyHash", not(equalTo(BRANCH_HASH))).body("policy.handlingFeeCapBasisPoints", equalTo(2000));
        given().contentType(ContentType.JSON).body(body.formatted("", FEE))
                .post("/refunds/calculate").then().statusCode(200)
                .body("total", equalTo("2500.00")).body("policyHash", equalTo(CHAIN_HASH))
                .body("policyVersion", equalTo("default-1"));
        given().contentType(ContentType.JSON).body(body.formatted("\"branchId\":\"sh 1\",", FEE))
                .post("/refunds/calculate").then().statusCode(400).body("errors[0].field", equalTo("branchId"));
    }

    @Test
    void an_agreement_of_the_branch_waits_for_hq_above_the_branchs_own_threshold() {
        UUID refund = openFromComplaint(BRANCH, "cust-" + UUID.randomUUID());
        step(refund, "start-review", null).statusCode(200);
        step(refund, "offer", "{\"amount\":\"2000.00\"}").statusCode(200);
        // the chain's threshold is 50,000.00; the branch's 1,000.00
        step(refund, "agree", "{\"amount\":\"2000.00\",\"channels\":[{\"channel\":\"CARD\",\"amount\":\"2000.00\"}]}")
                .statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));
    }
}
