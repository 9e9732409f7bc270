package clinic.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files complaints over HTTP as the branch systems do (the body of SystemIT's and the smoke test's complaints): every
 * other one asks for a full refund, so that half of them open a refund case in refund-service; every one of them gets
 * a follow-up task in followup-service.
 *
 * <p>The client is the JDK's blocking {@link HttpURLConnection} over kept-alive connections: the load generator shares
 * the two cores with the system it measures, and {@code java.net.http.HttpClient}, with its selector thread and
 * asynchronous hand-offs, cost about as much CPU per request as complaint-service itself and added some 18 ms to every
 * answer at one client (measured against the same services: 85/s and p50 39 ms with it, 148/s and p50 25 ms with this).
 * The benchmark's pom raises {@code http.maxConnections} so that every client keeps its connection.
 */
final class ComplaintFiler {

    /** One POST's outcome: the new complaint's id when it was filed (201), and how long the answer took. */
    record Filed(int status, UUID complaintId, boolean refund, long nanos) {
        boolean ok() {
            return status == 201 && complaintId != null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = """
            {"branchId": "%s", "customer": {"ref": "bench-%s", "name": "李雷", "phone": "13800001234"},
             "channel": "PHONE_HOTLINE", "category": "TREATMENT_RESULT",
             "description": "Redness that has not gone down a week after the laser session.",
             "requestedRemedy": "%s", "amountPaid": {"amount": "12800.00", "currency": "CNY"}}""";

    private final URL complaints;
    private final List<BranchSystems.BranchSystem> branches;
    private final AtomicLong sequence = new AtomicLong();

    ComplaintFiler(String complaintServiceUrl, List<BranchSystems.BranchSystem> branches) {
        try {
            this.complaints = URI.create(complaintServiceUrl + "/complaints").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        this.branches = List.copyOf(branches);
    }

    /** Files the next complaint: branches in turn, remedies alternating between a full refund and an apology. */
    Filed fileNext() {
        long n = sequence.getAndIncrement();
        BranchSystems.BranchSystem branch = branches.get((int) (n % branches.size()));
        // over the branches in turn, every other complaint of each branch asks for a refund as well
        boolean refund = (n / branches.size()) % 2 == 0;
        return file(branch, refund);
    }

    Filed file(BranchSystems.BranchSystem branch, boolean refund) {
        byte[] body = BODY.formatted(branch.branch(), UUID.randomUUID().toString().substring(0, 12),
                refund ? "FULL_REFUND" : "APOLOGY").getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) complaints.openConnection();
            http.setConnectTimeout(5_000);
            http.setReadTimeout(60_000);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setFixedLengthStreamingMode(body.length);
            http.setRequestProperty("Authorization", "Bearer " + branch.token().get());
            http.setRequestProperty("Content-Type", "application/json");
            http.setRequestProperty("Idempotency-Key", UUID.randomUUID().toString());
            try (OutputStream out = http.getOutputStream()) {
                out.write(body);
            }
            int status = http.getResponseCode();
            // read to the end (and close), so that the connection goes back to the keep-alive cache
            byte[] answer;
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            long nanos = System.nanoTime() - started;
            UUID id = status == 201 ? UUID.fromString(JSON.readTree(answer).path("id").asText()) : null;
            return new Filed(status, id, refund, nanos);
        } catch (IOException | RuntimeException e) {
            // a failed exchange (or a 201 without an id, or no token) counts as failed; its connection is not reused
            if (http != null) {
                http.disconnect();
            }
            return new Filed(-1, null, refund, System.nanoTime() - started);
        }
    }
}
