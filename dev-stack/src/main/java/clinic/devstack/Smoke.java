package clinic.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./run-local --smoke}: what a new user does first, checked. Files a complaint that asks for a refund, waits
 * until refund-service shows its refund case, followup-service its intake call and HQ's dashboard the complaint among
 * those received, and says how long each took.
 */
final class Smoke {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private Smoke() {
    }

    /**
     * 0 when a request without a token is refused and a complaint filed with {@code token} (a branch system's, of SH001)
     * reached the three other services within a minute (hq-service read with {@code hqToken}, an HQ analyst's), 1
     * otherwise.
     */
    static int run(String complaints, String refunds, String followups, String hq, String token, String hqToken,
                   double readySeconds) {
        try {
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(complaints + "/complaints")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (anonymous.statusCode() != 401) {
                System.err.println("smoke: GET /complaints without a token answered " + anonymous.statusCode());
                return 1;
            }
            System.out.println("smoke: a request without a token is refused (401)");
            long started = System.nanoTime();
            String body = """
                    {"branchId": "SH001",
                     "customer": {"ref": "smoke-%s", "name": "Smoke Test", "phone": "+86 138 0000 0000"},
                     "channel": "FRONT_DESK", "category": "TREATMENT_RESULT",
                     "description": "Smoke test of ./run-local: filler migrated after the session",
                     "requestedRemedy": "FULL_REFUND", "amountPaid": {"amount": "12800.00", "currency": "CNY"}}"""
                    .formatted(UUID.randomUUID().toString().substring(0, 8));
            HttpResponse<String> filed = HTTP.send(HttpRequest.newBuilder(URI.create(complaints + "/complaints"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(filed.body());
            if (filed.statusCode() != 201 || !id.find()) {
                System.err.println("smoke: POST /complaints answered " + filed.statusCode() + ": " + filed.body());
                return 1;
            }
            String complaint = id.group(1);
            System.out.println("smoke: complaint " + complaint + " filed (201) by branch system SH001 with its token");
            long refund = await(refunds + "/refunds?complaintId=" + complaint, token, started);
            System.out.printf("smoke: its refund case is on GET /refunds after %d ms%n", refund);
            long followUp = await(followups + "/followups?complaintId=" + complaint, token, started);
            System.out.printf("smoke: its follow-up task is on GET /followups after %d ms%n", followUp);
            long dashboard = awaitMentioned(hq + "/insights/cases?measure=received&branch=SH001", hqToken, complaint,
                    started);
            System.out.printf("smoke: HQ's dashboard counts it among the complaints received after %d ms%n", dashboard);
            Benchmarks.record("smoke", "./run-local --smoke: a fresh start and a first complaint", List.of(
                    String.format("PostgreSQL, Kafka, Keycloak and the four services ready %.1f s after the command "
                            + "(initdb included)", readySeconds),
                    "the first complaint's refund case visible " + refund + " ms, its follow-up task " + followUp
                            + " ms and its line on HQ's dashboard " + dashboard
                            + " ms after its POST (the consumer groups join meanwhile)"));
            System.out.println("smoke: OK");
            return 0;
        } catch (Exception e) {
            System.err.println("smoke: failed: " + e);
            return 1;
        }
    }

    /** Milliseconds since {@code started} until {@code url} answers a text with {@code id} in it; throws after a minute. */
    private static long awaitMentioned(String url, String token, String id, long started) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains(id)) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nothing about " + id + " on " + url + " after a minute");
    }

    /** Milliseconds since {@code started} until {@code url} lists an item; throws after a minute. */
    private static long await(String url, String token, long started) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && ID.matcher(r.body()).find()) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nothing on " + url + " after a minute");
    }
}
