package clinic.refund;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** The entitlement preview over HTTP. */
@QuarkusTest
class CalculateTest {

    @Test
    void a_preview_is_itemised_with_rules_and_the_policy_version_and_opens_nothing() {
        given().contentType(ContentType.JSON).body("""
                {"reason": "PERSONAL_CANCELLATION", "currency": "CNY",
                 "items": [{"kind": "PREPAID_BALANCE", "name": "membership card", "paid": "3000.00",
                            "giftedCredit": "1000.00", "consumedAtListPrice": "3594.00"}],
                 "payments": [{"instrument": "CARD", "amount": "3000.00"}]}""")
                .post("/refunds/calculate").then().statusCode(200)
                .body("policyVersion", equalTo("default-1"))
                .body("lines.amount", contains("3000.00", "-2695.50"))
                .body("lines.rule", contains("paid", "consumed.balance-principal-share"))
                .body("total", equalTo("304.50"))
                .body("allocation[0].channel", equalTo("CARD"));
    }

    @Test
    void a_request_the_calculation_cannot_take_is_400_naming_the_field() {
        given().contentType(ContentType.JSON).body("""
                {"reason": "PERSONAL_CANCELLATION", "currency": "CNY",
                 "items": [{"kind": "PACKAGE", "name": "peel x3", "paid": "1000.00", "sessions": 3, "sessionsUsed": 1}],
                 "payments": [{"instrument": "CARD", "amount": "999.99"}]}""")
                .post("/refunds/calculate").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("payments"));
        given().contentType(ContentType.JSON).body("""
                {"reason": "PERSONAL_CANCELLATION", "currency": "CNY",
                 "items": [{"kind": "PACKAGE", "name": "peel x3", "paid": "1000.001", "sessions": 3, "sessionsUsed": 1}],
                 "payments": [{"instrument": "CARD", "amount": "1000.00"}]}""")
                .post("/refunds/calculate").then().statusCode(400).body("errors[0].field", equalTo("items[0].paid"));
        given().contentType(ContentType.JSON).body("""
                {"reason": "PERSONAL_CANCELLATION", "currency": "CNY",
                 "items": [{"kind": "PACKAGE", "name": "peel x3", "paid": "1000.00", "sessions": 3}],
                 "payments": [{"instrument": "CARD", "amount": "1000.00"}]}""")
                .post("/refunds/calculate").then().statusCode(400).body("errors[0].field", equalTo("items[0].sessionsUsed"));
    }
}
