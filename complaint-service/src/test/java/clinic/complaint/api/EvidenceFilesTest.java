package clinic.complaint.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Evidence files kept by the service, against the real database. */
@QuarkusTest
class EvidenceFilesTest {

    static final String CSP = "default-src 'none'; sandbox";

    @Inject
    AgroalDataSource dataSource;

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A JPEG as far as its first bytes go (SOI, a JFIF APP0 segment), then {@code size} bytes of noise. */
    static byte[] photo(int size) {
        byte[] jfif = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01,
                0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00};
        return concat(jfif, random(size), new byte[]{(byte) 0xFF, (byte) 0xD9});
    }

    /** A real, decodable JPEG: a small picture written by ImageIO. */
    static byte[] realJpeg() throws Exception {
        BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xCC3366);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "jpg", out)).isTrue();
        return out.toByteArray();
    }

    /** A minimal PDF, with {@code size} bytes of noise in a stream to tell one from another. */
    static byte[] pdf(int size) {
        return concat(ascii("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                        + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj << /Length " + size + " >>\nstream\n"),
                random(size), ascii("\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));
    }

    static byte[] png(int size) {
        return concat(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, random(size));
    }

    /** A Windows executable: the DOS header ("MZ") pointing at a PE header. */
    static byte[] executable() {
        byte[] dos = new byte[64];
        dos[0] = 'M';
        dos[1] = 'Z';
        dos[60] = 64; // e_lfanew: where the PE header starts
        return concat(dos, ascii("PE\0\0"), random(256));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String file(String ref) {
        return given().contentType(ContentType.JSON).body(PersonalDataTest.body(ref)).post("/complaints").then()
                .statusCode(201).extract().path("id");
    }

    static String evidenceId(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    long filesKept(String complaintId) throws Exception {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("select count(*) from evidence_files where complaint_id = ?")) {
            s.setObject(1, UUID.fromString(complaintId));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void a_photo_is_kept_with_its_hash_and_comes_back_exactly_as_it_was_uploaded() throws Exception {
        String id = file("cust-" + UUID.randomUUID());
        byte[] photo = photo(3 * 1024 * 1024);

        var uploaded = given().contentType("image/jpeg").header("X-Content-SHA256", sha256(photo))
                .queryParam("type", "PHOTO").queryParam("suppliedBy", "customer")
                .body(photo).post("/complaints/" + id + "/evidence").then().statusCode(201)
                .body("evidence[0].sha256", equalTo(sha256(photo)))
                .body("evidence[0].sizeBytes", equalTo(photo.length))
                .body("evidence[0].suppliedBy", equalTo("customer"));
        String location = uploaded.extract().header("Location");

        byte[] downloaded = given().get(location).then().statusCode(200).contentType("image/jpeg")
                .header("X-Content-SHA256", sha256(photo))
                .header("Content-Disposition", equalTo("attachment; filename=\"" + evidenceId(location) + ".jpg\""))
                .extract().asByteArray();
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
        given().contentType("image/jpeg").queryParam("type", "PHOTO").queryParam("suppliedBy", "customer")
                .body(photo(20 * 1024 * 1024)).post("/complaints/" + id + "/evidence").then().statusCode(400);
        given().contentType("image/jpeg").queryParam("suppliedBy", "customer").body(photo)
                .post("/complaints/" + id + "/evidence").then().statusCode(400).body("errors[0].field", equalTo("type"));

        given().get("/complaints/" + id).then().body("evidence.size()", equalTo(0)).body("version", equalTo(1));
    }

    @Test
    void a_file_altered_where_it_is_kept_is_detected_on_download() throws Exception {
        String id = file("cust-" + UUID.randomUUID());
        String location = given().contentType("application/pdf").queryParam("type", "MEDICAL_CERTIFICATE")
                .queryParam("suppliedBy", "customer").body(pdf(2048)).post("/complaints/" + id + "/evidence")
                .then().statusCode(201).extract().header("Location");
        String evidenceId = evidenceId(location);
        // someone with database access swaps the stored file for another one of the same customer
        String otherId = evidenceId(given().contentType("application/pdf").queryParam("type", "MEDICAL_CERTIFICATE")
                .queryParam("suppliedBy", "customer").body(pdf(4096)).post("/complaints/" + id + "/evidence")
                .then().statusCode(201).extract().header("Location"));
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
                .body(png(512)).post("/complaints/" + id + "/evidence").then().statusCode(201).extract().header("Location");

        given().delete("/customers/" + ref + "/personal-data").then().statusCode(204);

        given().get(location).then().statusCode(410);
        given().get("/complaints/" + id).then().body("evidence.size()", equalTo(1));
    }

    @Test
    void an_html_page_or_an_svg_image_is_refused_whatever_it_is_declared_as_and_nothing_is_kept() throws Exception {
        String id = file("cust-" + UUID.randomUUID());
        byte[] html = ascii("<!DOCTYPE html><html><body><script>fetch('/complaints')</script></body></html>");
        byte[] svg = ascii("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>");

        for (String declared : new String[]{"text/html", "image/jpeg"}) {
            given().contentType(declared).queryParam("type", "PHOTO").queryParam("suppliedBy", "customer").body(html)
                    .post("/complaints/" + id + "/evidence").then().statusCode(415)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:clinic:problem:unsupported-media-type"))
                    .body("errors[0].field", equalTo("(body)"))
                    .body("errors[0].reason", allOf(containsString("text/html"), containsString("image/jpeg"),
                            containsString("application/pdf")));
        }
        given().contentType("image/svg+xml").queryParam("type", "PHOTO").queryParam("suppliedBy", "customer").body(svg)
                .post("/complaints/" + id + "/evidence").then().statusCode(415)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("(body)"))
                .body("errors[0].reason", containsString("image/svg+xml"));

        given().get("/complaints/" + id).then().body("evidence.size()", equalTo(0)).body("version", equalTo(1));
        assertThat(filesKept(id)).isZero();
    }

    @Test
    void an_executable_or_a_document_declared_as_a_photo_is_refused() throws Exception {
        String id = file("cust-" + UUID.randomUUID());

        given().contentType("image/jpeg").queryParam("type", "PHOTO").queryParam("suppliedBy", "customer")
                .body(executable()).post("/complaints/" + id + "/evidence").then().statusCode(415)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("(body)"))
                .body("errors[0].reason", containsString("application/x-msdownload"));
        // an allowed type, but not the one declared
        given().contentType("image/jpeg").queryParam("type", "PHOTO").queryParam("suppliedBy", "customer")
                .body(pdf(256)).post("/complaints/" + id + "/evidence").then().statusCode(415)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("(body)"))
                .body("errors[0].reason", allOf(containsString("declares image/jpeg"), containsString("application/pdf")));

        given().get("/complaints/" + id).then().body("evidence.size()", equalTo(0)).body("version", equalTo(1));
        assertThat(filesKept(id)).isZero();
    }

    @Test
    void a_photo_and_a_pdf_are_downloaded_as_attachments_of_the_type_read_from_their_content() throws Exception {
        String id = file("cust-" + UUID.randomUUID());
        byte[] jpeg = realJpeg();
        byte[] pdf = pdf(64);

        String photo = given().contentType("image/jpeg").queryParam("type", "PHOTO").queryParam("suppliedBy", "customer")
                .body(jpeg).post("/complaints/" + id + "/evidence").then().statusCode(201).extract().header("Location");
        // declared as nothing in particular: kept as what it is
        String certificate = given().contentType("application/octet-stream").queryParam("type", "MEDICAL_CERTIFICATE")
                .queryParam("suppliedBy", "clinic").body(pdf).post("/complaints/" + id + "/evidence").then()
                .statusCode(201).extract().header("Location");

        byte[] downloaded = given().get(photo).then().statusCode(200).contentType("image/jpeg")
                .header("Content-Disposition", equalTo("attachment; filename=\"" + evidenceId(photo) + ".jpg\""))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", equalTo(CSP))
                .header("Cache-Control", equalTo("private, no-store"))
                .extract().asByteArray();
        assertThat(downloaded).isEqualTo(jpeg);
        downloaded = given().get(certificate).then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", equalTo("attachment; filename=\"" + evidenceId(certificate) + ".pdf\""))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", equalTo(CSP))
                .header("Cache-Control", equalTo("private, no-store"))
                .extract().asByteArray();
        assertThat(downloaded).isEqualTo(pdf);
    }

    @Test
    void a_type_kept_before_the_content_was_checked_is_served_only_if_it_is_allowed() throws Exception {
        String id = file("cust-" + UUID.randomUUID());
        String location = given().contentType("image/png").queryParam("type", "PHOTO").queryParam("suppliedBy", "customer")
                .body(png(128)).post("/complaints/" + id + "/evidence").then().statusCode(201).extract().header("Location");
        // a row of the time the uploader's Content-Type was kept as sent
        try (var c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("update evidence_files set content_type = 'text/html' where evidence_id = '"
                    + evidenceId(location) + "'");
        }

        given().get(location).then().statusCode(200).contentType("application/octet-stream")
                .header("Content-Disposition", equalTo("attachment; filename=\"" + evidenceId(location) + ".bin\""))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", equalTo(CSP));
    }
}
