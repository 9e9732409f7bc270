package clinic.complaint.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Evidence files kept by the service, against the real database. */
@QuarkusTest
class EvidenceFilesTest {

    @Inject
    AgroalDataSource dataSource;

    static byte[] photo(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String file(String ref) {
        return given().contentType(ContentType.JSON).body(PersonalDataTest.body(ref)).post("/complaints").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void a_photo_is_kept_with_its_hash_and_comes_back_exactly_as_it_was_uploaded() throws Exception {
        String id = file("cust-" + UUID.randomUUID());
        byte[] photo = photo(3 * 1024 * 1024);

        var uploaded = given().contentType("image/jpeg").header("X-Content-SHA256", sha256(photo))
                .header("X-Actor", "staff:li.na").queryParam("type", "PHOTO").queryParam("suppliedBy", "customer")
                .body(photo).post("/complaints/" + id + "/evidence").then().statusCode(201)
                .body("evidence[0].sha256", equalTo(sha256(photo)))
                .body("evidence[0].sizeBytes", equalTo(photo.length))
                .body("evidence[0].suppliedBy", equalTo("customer"));
        String location = uploaded.extract().header("Location");

        byte[] downloaded = given().get(location).then().statusCode(200).contentType("image/jpeg")
                .header("X-Content-SHA256", sha256(photo)).extract().asByteArray();
        assertThat(downloaded).isEqualTo(photo);
        given().get("/complaints/" + id + "/events").then()
                .body("find { it.type == 'complaint.evidence-added.v1' }.data.sha256", equalTo(sha256(photo)));
    }

    @Test
    void a_damaged_upload_an_oversized_file_or_a_missing_type_is_refused_and_nothing_is_recorded() throws Exception {
        String id = file("cust-" + UUID.randomUUID());
        byte[] photo = photo(1024);

        given().contentType("image/jpeg").header("X-Content-SHA256", "0".repeat(64)).queryParam("type", "PHOTO")
                .queryParam("suppliedBy", "customer").body(photo).post("/complaints/" + id + "/evidence").then()
                .statusCode(400).body("errors[0].field", equalTo("X-Content-SHA256"));
        given().contentType("video/mp4").queryParam("type", "VIDEO").queryParam("suppliedBy", "customer")
                .body(photo(20 * 1024 * 1024 + 1)).post("/complaints/" + id + "/evidence").then().statusCode(400);
        given().contentType("image/jpeg").queryParam("suppliedBy", "customer").body(photo)
                .post("/complaints/" + id + "/evidence").then().statusCode(400).body("errors[0].field", equalTo("type"));

        given().get("/complaints/" + id).then().body("evidence.size()", equalTo(0)).body("version", equalTo(1));
    }

    @Test
    void a_file_altered_where_it_is_kept_is_detected_on_download() throws Exception {
        String id = file("cust-" + UUID.randomUUID());
        String location = given().contentType("application/pdf").queryParam("type", "MEDICAL_CERTIFICATE")
                .queryParam("suppliedBy", "customer").body(photo(2048)).post("/complaints/" + id + "/evidence")
                .then().statusCode(201).extract().header("Location");
        String evidenceId = location.substring(location.lastIndexOf('/') + 1);
        // someone with database access swaps the stored file for another one of the same customer
        byte[] other = given().contentType("application/pdf").queryParam("type", "MEDICAL_CERTIFICATE")
                .queryParam("suppliedBy", "customer").body(photo(4096)).post("/complaints/" + id + "/evidence")
                .then().statusCode(201).extract().header("Location").getBytes();
        String otherId = new String(other).substring(new String(other).lastIndexOf('/') + 1);
        try (var c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("update evidence_files set content_enc = (select content_enc from evidence_files where evidence_id = '"
                    + otherId + "') where evidence_id = '" + evidenceId + "'");
        }

        given().get(location).then().statusCode(500).contentType("application/problem+json")
                .body("type", equalTo("urn:clinic:problem:evidence-corrupted"));
    }

    @Test
    void evidence_of_an_erased_customer_is_gone() {
        String ref = "cust-" + UUID.randomUUID();
        String id = file(ref);
        String location = given().contentType("image/png").queryParam("type", "PHOTO").queryParam("suppliedBy", "customer")
                .body(photo(512)).post("/complaints/" + id + "/evidence").then().statusCode(201).extract().header("Location");

        given().delete("/customers/" + ref + "/personal-data").then().statusCode(204);

        given().get(location).then().statusCode(410);
        given().get("/complaints/" + id).then().body("evidence.size()", equalTo(1));
    }
}
