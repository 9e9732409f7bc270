package clinic.complaint.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Personal data is stored encrypted per customer, never in events, and erased by deleting the customer's key. */
@QuarkusTest
class PersonalDataTest {

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    static String body(String ref) {
        return """
                {"branchId": "SH001",
                 "customer": {"ref": "%s", "name": "赵敏", "phone": "13912345678", "idNumber": "310101199001011234"},
                 "channel": "PHONE_HOTLINE", "category": "ADVERSE_REACTION",
                 "description": "Allergic swelling after the hyaluronic acid injection",
                 "requestedRemedy": "COMPENSATION",
                 "amountPaid": {"amount": "6800.00", "currency": "CNY"}}""".formatted(ref);
    }

    static String file(String ref) {
        return given().contentType(ContentType.JSON).body(body(ref)).post("/complaints").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void personal_data_is_stored_encrypted_and_shown_to_the_api() throws Exception {
        String ref = "cust-" + UUID.randomUUID();
        String id = file(ref);

        given().get("/complaints/" + id).then().statusCode(200)
                .body("customer.name", equalTo("赵敏"))
                .body("customer.idNumber", equalTo("310101199001011234"))
                .body("customer.erased", equalTo(false))
                .body("description", equalTo("Allergic swelling after the hyaluronic acid injection"));
        try (var c = dataSource.getConnection();
             var rs = c.createStatement().executeQuery(
                     "select name_enc, phone_enc, id_number_enc, description_enc from complaint_personal_details where complaint_id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            for (int column = 1; column <= 4; column++) {
                String stored = new String(rs.getBytes(column), StandardCharsets.UTF_8);
                assertThat(stored).doesNotContain("赵敏", "13912345678", "310101199001011234", "Allergic");
            }
        }
    }

    @Test
    void erasing_a_customer_makes_their_data_unreadable_and_keeps_every_case_and_its_history() {
        String ref = "cust-" + UUID.randomUUID();
        String first = file(ref);
        String second = file(ref);
        given().post("/complaints/" + first + "/acknowledge").then().statusCode(200);

        given().delete("/customers/" + ref + "/personal-data").then().statusCode(204);

        for (String id : new String[]{first, second}) {
            given().get("/complaints/" + id).then().statusCode(200)
                    .body("customer.ref", equalTo(ref))
                    .body("customer.erased", equalTo(true))
                    .body("customer.name", nullValue())
                    .body("customer.phone", nullValue())
                    .body("description", nullValue())
                    .body("caseNumber", org.hamcrest.Matchers.startsWith("SH001-"));
        }
        given().get("/complaints/" + first + "/events").then().body("$", hasSize(2));
        given().queryParam("version", 1).get("/complaints/" + first).then().statusCode(200)
                .body("status", equalTo("RECEIVED")).body("customer.erased", equalTo(true));
        // the case goes on after erasure
        given().post("/complaints/" + second + "/acknowledge").then().statusCode(200);
        // erasing again is harmless; a new filing under the erased reference is refused
        given().delete("/customers/" + ref + "/personal-data").then().statusCode(204);
        given().contentType(ContentType.JSON).body(body(ref)).post("/complaints").then().statusCode(422)
                .body("errors[0].field", equalTo("customer.ref"));

        // the other services hear of it once, through the event store and complaint-events: the reference, nothing else
        var erased = clinic.devstack.TopicReader.read(bootstrap, "complaint-events",
                r -> ("customer-erasure:" + ref).equals(r.key()), 2, java.time.Duration.ofSeconds(10));
        assertThat(erased).singleElement().satisfies(r -> {
            assertThat(clinic.devstack.TopicReader.header(r, "ce_type")).isEqualTo("customer.personal-data-erased.v1");
            assertThat(r.value()).contains(ref).doesNotContain("赵敏", "王丽");
        });
        // and a rebuild of the case list reads the cases, not the erasure
        given().post("/complaints/read-model/rebuild").then().statusCode(200);
        given().get("/complaints/" + first).then().statusCode(200);
    }

    @Test
    void erasing_a_customer_the_service_never_knew_is_404() {
        given().delete("/customers/nobody-" + UUID.randomUUID() + "/personal-data").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
