package clinic.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files complaints over HTTP as the branch systems do (the body of SystemIT's and the smoke test's complaints): every
 * other one asks for a full refund, so that half of them open a refund case in refund-service; every one of them gets
 * a follow-up task in followup-service.
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

    private final URI complaints;
    private final List<BranchSystems.BranchSystem> branches;
    private final AtomicLong sequence = new AtomicLong();

    ComplaintFiler(String complaintServiceUrl, List<BranchSystems.BranchSystem> branches) {
        this.complaints = URI.create(complaintServiceUrl + "/complaints");
        this.branches = List.copyOf(branches);
    }

    /** An HTTP/1.1 client, as a branch system's integration would hold one. */
    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Files the next complaint: branches in turn, remedies alternating between a full refund and an apology. */
    Filed fileNext(HttpClient http) {
        long n = sequence.getAndIncrement();
        BranchSystems.BranchSystem branch = branches.get((int) (n % branches.size()));
        // over the branches in turn, every other complaint of each branch asks for a refund as well
        boolean refund = (n / branches.size()) % 2 == 0;
        return file(http, branch, refund);
    }

    Filed file(HttpClient http, BranchSystems.BranchSystem branch, boolean refund) {
        String body = BODY.formatted(branch.branch(), UUID.randomUUID().toString().substring(0, 12),
                refund ? "FULL_REFUND" : "APOLOGY");
        HttpRequest request = HttpRequest.newBuilder(complaints)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + branch.token().get())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - started;
            UUID id = response.statusCode() == 201 ? UUID.fromString(JSON.readTree(response.body()).path("id").asText())
                    : null;
            return new Filed(response.statusCode(), id, refund, nanos);
        } catch (IOException e) {
            return new Filed(-1, null, refund, System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Filed(-1, null, refund, System.nanoTime() - started);
        }
    }
}
