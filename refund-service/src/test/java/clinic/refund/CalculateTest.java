package clinic.refund;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
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
    void a_malformed_request_is_400_and_one_the_rules_refuse_is_422_naming_the_field() {
        given().contentType(ContentType.JSON).body("""
                {"reason": "PERSONAL_CANCELLATION", "currency": "CNY",
                 "items": [{"kind": "PACKAGE", "name": "peel x3", "paid": "1000.00", "sessions": 3, "sessionsUsed": 1}],
                 "payments": [{"instrument": "CARD", "amount": "999.99"}]}""")
                .post("/refunds/calculate").then().statusCode(422).contentType("application/problem+json")
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

    @Test
    void absurd_rates_amounts_and_counts_are_refused_naming_the_field_not_a_500() {
        given().contentType(ContentType.JSON).body("""
                {"reason": "CLINIC_FAULT_NOT_STARTED", "currency": "USD",
                 "items": [{"kind": "TREATMENT", "name": "thread lift", "paid": "1000.00", "performed": false}],
                 "payments": [{"instrument": "CARD", "amount": "1000.00"}],
                 "fx": {"rateAtPayment": "7.20", "rateAtRefund": "1e300"}}""")
                .post("/refunds/calculate").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("fx.rateAtRefund"));
        // Long.MAX_VALUE fen: above the ceiling of 100 billion yuan
        given().contentType(ContentType.JSON).body("""
                {"reason": "PERSONAL_CANCELLATION", "currency": "CNY",
                 "items": [{"kind": "TREATMENT", "name": "t", "paid": "92233720368547758.07", "performed": false}],
                 "payments": [{"instrument": "CARD", "amount": "92233720368547758.07"}]}""")
                .post("/refunds/calculate").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("items[0].paid"));
        given().contentType(ContentType.JSON).body("""
                {"reason": "CLINIC_FAULT_NOT_STARTED", "currency": "CNY", "paidOn": "1950-01-01", "refundOn": "2199-12-31",
                 "items": [{"kind": "TREATMENT", "name": "t", "paid": "1000.00", "performed": false}],
                 "payments": [{"instrument": "CARD", "amount": "1000.00"}]}""")
                .post("/refunds/calculate").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("refundOn"))
                .body("detail", containsString("30 years"));
        given().contentType(ContentType.JSON).body("""
                {"reason": "PERSONAL_CANCELLATION", "currency": "CNY",
                 "items": [{"kind": "PACKAGE", "name": "p", "paid": "1000.00", "sessions": 2147483647, "sessionsUsed": 1}],
                 "payments": [{"instrument": "CARD", "amount": "1000.00"}]}""")
                .post("/refunds/calculate").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("sessions"));
    }
}
