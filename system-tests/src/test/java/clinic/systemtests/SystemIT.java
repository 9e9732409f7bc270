package clinic.systemtests;

import clinic.devstack.DevStack;
import clinic.devstack.IdentityProvider;
import clinic.devstack.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three packaged services, started as processes on one dev-stack, driven over HTTP as a branch system and HQ
 * would. What crosses service boundaries is checked: refund cases and follow-up tasks appear for the complaints that
 * call for them, once each, also when a service is killed and restarted in the middle.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String[] REMEDIES = {"FULL_REFUND", "APOLOGY", "PARTIAL_REFUND", "CORRECTIVE_TREATMENT"};

    /** This run's branches of its own (bursts), so that counts do not mix with an earlier run's on the same stack. */
    static final String RUN = UUID.randomUUID().toString().substring(0, 4).toUpperCase();
    /** Every branch the tests file for: what the test account's token covers. */
    static final List<String> BRANCHES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("SH010", "SH011", "SH012", "SH020", "SH030", "SH040", "SH045", "SH050", "SH060",
                    "SH070", "SH075", "SH080", "SH090", "SH095", "FZ001"),
            java.util.stream.Stream.of("LA", "LB").flatMap(p -> java.util.stream.IntStream.range(0, 8)
                    .mapToObj(b -> p + RUN + b))).toList();

    static DevStack stack;
    static IdentityProvider keycloak;
    /** The tests' own account in the realm (added like an administrator would): branch staff of {@link #BRANCHES}. */
    static java.util.function.Supplier<String> token;
    static ServiceProcess complaints;
    static ServiceProcess refunds;
    static ServiceProcess followups;
    static ServiceProcess hq;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path root = Path.of(System.getProperty("clinic.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("system-tests/target/service-logs"));
        // the identity provider starts beside the rest: the services fetch its keys at their first token
        int idpPort = DevStack.freePort();
        var idp = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() ->
                IdentityProvider.start(root.resolve("system-tests/target/keycloak"), idpPort));
        stack = DevStack.shared();
        String issuer = IdentityProvider.issuer(idpPort);
        complaints = ServiceProcess.of(root, "complaint-service", DevStack.freePort(), "complaints", stack, issuer, logs);
        refunds = ServiceProcess.of(root, "refund-service", DevStack.freePort(), "refunds", stack, issuer, logs);
        // follow-ups open around the clock, surveys out a second after closing, intake calls 3 s after filing
        followups = ServiceProcess.of(root, "followup-service", DevStack.freePort(), "followups", stack, issuer, logs)
                .with(DevStack.freePort(), FOLLOWUP_FAST);
        hq = ServiceProcess.of(root, "hq-service", DevStack.freePort(), "insights", stack, issuer, logs)
                .with(DevStack.freePort(), servicesForHq());
        hqKnows = servicesForHq();
        long started = System.nanoTime();
        for (ServiceProcess s : List.of(complaints, refunds, followups, hq)) {
            s.start();
        }
        for (ServiceProcess s : List.of(complaints, refunds, followups, hq)) {
            s.awaitReady(Duration.ofMinutes(2));
        }
        System.out.printf("system-tests: four services ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        keycloak = idp.get(3, java.util.concurrent.TimeUnit.MINUTES);
        System.out.printf("system-tests: services and Keycloak ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        keycloak.addUser("system-tests", "system-tests-local", List.of("branch-staff", "branch-manager", "hq-approver",
                "operations", "privacy-officer"), BRANCHES);
        token = keycloak.userTokens("system-tests", "system-tests-local");
    }

    /** Where the other services are, for hq-service's case history (it reads their stores). */
    static Map<String, String> servicesForHq() {
        return Map.of("CLINIC_COMPLAINT_SERVICE_URL", complaints.baseUrl(), "CLINIC_REFUND_SERVICE_URL",
                refunds.baseUrl(), "CLINIC_FOLLOWUP_SERVICE_URL", followups.baseUrl());
    }

    /** What hq-service was started with. */
    static Map<String, String> hqKnows;

    /** hq-service told where the services are now (tests before moved some to other ports): restarted if it must be. */
    static void pointHqAtTheServices() throws Exception {
        if (servicesForHq().equals(hqKnows)) {
            return;
        }
        hq.stop();
        hq = hq.with(DevStack.freePort(), servicesForHq());
        hq.start();
        hq.awaitReady(Duration.ofMinutes(2));
        hqKnows = servicesForHq();
    }

    /** A request that carries the tests' account's token. */
    static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token.get());
    }

    @AfterAll
    static void stopTheSystem() {
        for (ServiceProcess s : java.util.Arrays.asList(complaints, refunds, followups, hq)) {
            if (s != null) {
                s.stop();
            }
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    @Order(1)
    void complaints_filed_over_http_open_refund_cases_and_follow_up_tasks_once_each() throws Exception {
        Map<String, String> remedyByComplaint = new LinkedHashMap<>();
        List<Long> toRefund = new ArrayList<>();
        List<Long> toFollowUp = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String remedy = REMEDIES[i % REMEDIES.length];
            long posted = System.nanoTime();
            String id = file("SH0" + (10 + i % 3), remedy);
            remedyByComplaint.put(id, remedy);
            // how long until the other services show what this complaint caused
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> list(followups, "/followups?complaintId=" + id).path("items").size() == 1);
            toFollowUp.add((System.nanoTime() - posted) / 1_000_000);
            if (remedy.endsWith("REFUND")) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> list(refunds, "/refunds?complaintId=" + id).path("items").size() == 1);
                toRefund.add((System.nanoTime() - posted) / 1_000_000);
            }
        }
        System.out.printf("system-tests: POST /complaints -> refund case visible: median %d ms, max %d ms (n=%d)%n",
                median(toRefund), Collections.max(toRefund), toRefund.size());
        System.out.printf("system-tests: POST /complaints -> follow-up task visible: median %d ms, max %d ms (n=%d)%n",
                median(toFollowUp), Collections.max(toFollowUp), toFollowUp.size());

        assertEveryComplaintHasWhatItCalledFor(remedyByComplaint);
        JsonNode refund = list(refunds, "/refunds?complaintId=" + remedyByComplaint.keySet().iterator().next()).path("items").get(0);
        assertThat(refund.path("amountPaid").path("amount").asText()).isEqualTo("12800.00");
    }

    /**
     * The identity provider's own tokens decide: a branch system (client credentials) files for its branch and not for
     * another; its service account is the actor; HQ sees the customer masked and may not act; the branch's staff see
     * the customer whole, and the privacy officer finds that read on the record; only operations rebuild.
     */
    @Test
    @Order(3)
    void tokens_of_the_identity_provider_decide_who_sees_and_does_what() throws Exception {
        String system = keycloak.clientToken("branch-SH001", "branch-SH001-local-secret");
        String liNa = keycloak.userToken("li.na", "li.na-local");
        String analyst = keycloak.userToken("wang.fang", "wang.fang-local");
        String officer = keycloak.userToken("dpo.liu", "dpo.liu-local");
        String operations = keycloak.userToken("ops.zhou", "ops.zhou-local");
        String body = """
                {"branchId": "%s", "customer": {"ref": "cust-idp-%s", "name": "李雷", "phone": "13800001234"},
                 "channel": "FRONT_DESK", "category": "TREATMENT_RESULT", "description": "swelling after filler",
                 "requestedRemedy": "APOLOGY", "amountPaid": {"amount": "800.00", "currency": "CNY"}}""";
        String ref = UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> filed = send("POST", complaints, "/complaints", system, body.formatted("SH001", ref));
        assertThat(filed.statusCode()).isEqualTo(201);
        String id = JSON.readTree(filed.body()).path("id").asText();
        assertThat(send("POST", complaints, "/complaints", system, body.formatted("SH002", ref)).statusCode())
                .as("a branch system files for its own branch only").isEqualTo(403);
        assertThat(send("GET", complaints, "/complaints/" + id, null, null).statusCode()).isEqualTo(401);

        JsonNode events = JSON.readTree(send("GET", complaints, "/complaints/" + id + "/events", liNa, null).body());
        assertThat(events.path(0).path("actor").asText()).as("the actor is the token's subject")
                .isEqualTo(subject(system));

        JsonNode masked = JSON.readTree(send("GET", complaints, "/complaints/" + id, analyst, null).body());
        assertThat(masked.path("customer").path("name").asText()).isEqualTo("李*");
        assertThat(masked.path("customer").path("phone").asText()).isEqualTo("138****1234");
        assertThat(send("POST", complaints, "/complaints/" + id + "/acknowledge", analyst, null).statusCode())
                .isEqualTo(403);

        JsonNode whole = JSON.readTree(send("GET", complaints, "/complaints/" + id, liNa, null).body());
        assertThat(whole.path("customer").path("name").asText()).isEqualTo("李雷");
        JsonNode reads = JSON.readTree(send("GET", complaints, "/personal-data-reads?complaintId=" + id, officer, null).body());
        assertThat(reads.path("items").findValuesAsText("actor")).contains(subject(liNa))
                .doesNotContain(subject(analyst));

        assertThat(send("POST", complaints, "/complaints/read-model/rebuild", liNa, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", complaints, "/complaints/read-model/rebuild", operations, null).statusCode())
                .isEqualTo(200);
    }

    private static HttpResponse<String> send(String method, ServiceProcess service, String path, String bearer,
                                             String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code sub} of a token. */
    private static String subject(String token) throws IOException {
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText();
    }

    /**
     * A benchmark as much as a test: branch systems file a burst of complaints at once (see {@link #burst}); the
     * figures go to BENCHMARKS.md. Tagged {@code benchmark}: only {@code ./mvnw verify -Pbenchmarks} runs it; the
     * default run checks the same on a smaller burst (order 11).
     */
    @Test
    @Order(2)
    @Tag("benchmark")
    void a_burst_of_complaints_from_many_branch_systems_is_taken_and_reaches_the_other_services_once_each()
            throws Exception {
        burst("LA", 16, 400, figures -> clinic.devstack.Benchmarks.record("burst",
                "A burst of complaints right after a start (SystemIT, cold JIT; ./mvnw verify -Pbenchmarks)", figures));
    }

    /** The benchmark's burst, smaller: complaints filed at once, each with its own case number, once each elsewhere. */
    @Test
    @Order(11)
    void complaints_filed_at_once_by_several_branch_systems_get_their_own_case_numbers_and_reach_the_other_services_once()
            throws Exception {
        burst("LB", 8, 48, figures -> figures.forEach(f -> System.out.println("system-tests: burst: " + f)));
    }

    /**
     * {@code clients} branch systems file {@code total} complaints at once. Reports the throughput and the latency of
     * {@code POST /complaints}, and how long after the last one every refund case and follow-up task was visible;
     * asserts that each complaint got its own case number and exactly what it called for.
     */
    private static void burst(String prefix, int clients, int total, java.util.function.Consumer<List<String>> report)
            throws Exception {
        List<String> branches = java.util.stream.IntStream.range(0, 8).mapToObj(b -> prefix + RUN + b).toList();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> caseNumbers = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger refundsExpected = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            String branch = branches.get(i % branches.size());
            String remedy = REMEDIES[i % REMEDIES.length];
            if (remedy.endsWith("REFUND")) {
                refundsExpected.incrementAndGet();
            }
            work.add(pool.submit(() -> {
                long posted = System.nanoTime();
                JsonNode filed = fileReturningCase(branch, remedy);
                latencies.add((System.nanoTime() - posted) / 1_000_000);
                caseNumbers.put(filed.path("caseNumber").asText(), filed.path("id").asText());
                return null;
            }));
        }
        for (var f : work) {
            f.get();
        }
        long lastPost = System.nanoTime();
        pool.shutdown();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                totalOf(refunds, "/refunds", branches) >= refundsExpected.get()
                        && totalOf(followups, "/followups", branches) >= total);
        long allVisible = System.nanoTime();

        report.accept(List.of(String.format("%d complaints from %d clients in %.1f s: %.0f complaints/s; POST /complaints "
                                        + "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms", total, clients, (lastPost - start) / 1e9,
                                total / ((lastPost - start) / 1e9), percentile(latencies, 50), percentile(latencies, 95),
                                percentile(latencies, 99), Collections.max(latencies)),
                        String.format("every refund case (%d) and follow-up task (%d) visible %d ms after the last POST",
                                refundsExpected.get(), total, (allVisible - lastPost) / 1_000_000)));

        assertThat(caseNumbers).as("one case number per complaint").hasSize(total);
        // nothing doubled: exactly the expected numbers, a while after all were visible
        Thread.sleep(1000);
        assertThat(totalOf(refunds, "/refunds", branches)).isEqualTo(refundsExpected.get());
        assertThat(totalOf(followups, "/followups", branches)).isEqualTo(total);
    }

    private static long totalOf(ServiceProcess service, String path, List<String> branches)
            throws IOException, InterruptedException {
        long sum = 0;
        for (String branch : branches) {
            sum += list(service, path + "?branch=" + branch + "&size=1").path("total").asLong();
        }
        return sum;
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    @Test
    @Order(3)
    void a_service_killed_and_restarted_mid_way_loses_nothing_and_doubles_nothing() throws Exception {
        Map<String, String> remedyByComplaint = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            if (i == 10) {
                refunds.kill(); // the consumer dies with events in flight
            }
            if (i == 20) {
                followups.kill();
                refunds.start(); // comes back and catches up from its committed offsets
            }
            String remedy = REMEDIES[i % REMEDIES.length];
            remedyByComplaint.put(file("SH020", remedy), remedy);
        }
        complaints.kill(); // the relay dies, maybe before publishing the last events
        complaints.start();
        followups.start();
        for (ServiceProcess s : List.of(complaints, refunds, followups)) {
            s.awaitReady(Duration.ofMinutes(2));
        }

        assertEveryComplaintHasWhatItCalledFor(remedyByComplaint);
        // and the complaint service still takes new complaints after its restart
        String late = file("SH020", "FULL_REFUND");
        assertEveryComplaintHasWhatItCalledFor(Map.of(late, "FULL_REFUND"));
    }

    @Test
    @Order(4)
    void sla_warnings_are_raised_once_by_the_scheduler_after_a_restart_even_with_two_instances() throws Exception {
        // a safety complaint must be acknowledged within 10 seconds here, so the clock runs out during the test
        Map<String, String> fast = Map.of("COMPLAINT_SLA_ACKNOWLEDGE_BY_CATEGORY_ADVERSE_REACTION", "PT10S", "COMPLAINT_SLA_CHECK_EVERY", "300ms");
        complaints.stop();
        ServiceProcess first = complaints.with(DevStack.freePort(), fast);
        first.start();
        first.awaitReady(Duration.ofMinutes(2));
        complaints = first;
        String id = file("SH030", "FULL_REFUND", "ADVERSE_REACTION");
        long filed = System.nanoTime();
        first.kill(); // down before the warnings are due

        while (System.nanoTime() - filed < Duration.ofSeconds(11).toNanos()) {
            Thread.sleep(200); // both warnings come due while no scheduler runs
        }
        ServiceProcess second = first.with(DevStack.freePort(), fast);
        first.start();
        second.start();
        try {
            first.awaitReady(Duration.ofMinutes(2));
            second.awaitReady(Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(30)).until(() -> eventTypes(id).contains("complaint.sla-breached.v1"));
            Thread.sleep(2000); // both schedulers look several more times
            List<String> types = eventTypes(id);
            assertThat(types).containsOnlyOnce("complaint.sla-at-risk.v1", "complaint.sla-breached.v1");
        } finally {
            second.stop();
        }
    }

    @Test
    @Order(5)
    void a_refund_agreed_and_paid_in_refund_service_shows_on_the_complaint() throws Exception {
        String id = file("SH040", "PARTIAL_REFUND");
        await().atMost(Duration.ofSeconds(30)).until(() -> list(refunds, "/refunds?complaintId=" + id).path("items").size() == 1);
        String refund = list(refunds, "/refunds?complaintId=" + id).path("items").get(0).path("id").asText();
        post(refunds, "/refunds/" + refund + "/start-review", null);
        post(refunds, "/refunds/" + refund + "/offer", "{\"amount\":\"5000.00\"}");
        post(refunds, "/refunds/" + refund + "/agree",
                "{\"amount\":\"5000.00\",\"channels\":[{\"channel\":\"CARD\",\"amount\":\"5000.00\"}]}");
        post(refunds, "/refunds/" + refund + "/record-payment",
                "{\"channel\":\"CARD\",\"amount\":\"5000.00\",\"reference\":\"txn-1\"}");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                eventTypes(id).contains("complaint.refund-settlement-recorded.v1"));
        JsonNode complaint = JSON.readTree(HTTP.send(authorized(URI.create(complaints.baseUrl()
                + "/complaints/" + id)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(complaint.path("refund").path("agreedAmount").path("amount").asText()).isEqualTo("5000.00");
        assertThat(complaint.path("refund").path("settledAmount").path("amount").asText()).isEqualTo("5000.00");
    }

    @Test
    @Order(10)
    void an_escalation_deadline_computed_from_the_norm_warns_once_after_a_restart_even_with_two_instances()
            throws Exception {
        String id = file("SH080", "APOLOGY");
        // a 12315 online dispute: the company has 10 working days, computed since nobody types a deadline
        post(complaints, "/complaints/" + id + "/escalate", """
                {"body":"ONLINE_DISPUTE_12315","referenceNumber":"ODR-2026-0815"}""");
        JsonNode escalation = list(complaints, "/complaints/" + id).path("escalations").get(0);
        assertThat(escalation.path("deadlines").get(0).path("kind").asText()).isEqualTo("NEGOTIATION");
        assertThat(escalation.path("deadlines").get(0).path("dueDate").asText()).isNotBlank();
        assertThat(list(complaints, "/complaints?escalated=EXTERNAL&branch=SH080").path("items")).hasSize(1);
        ServiceProcess usual = complaints;
        usual.kill(); // down when the deadline passes

        // two instances come back thirty days later; both run the scheduler
        Map<String, String> later = Map.of("CLINIC_CLOCK_SHIFT", "P30D", "COMPLAINT_SLA_CHECK_EVERY", "300ms");
        ServiceProcess first = usual.with(DevStack.freePort(), later);
        ServiceProcess second = usual.with(DevStack.freePort(), later);
        first.start();
        second.start();
        try {
            first.awaitReady(Duration.ofMinutes(2));
            second.awaitReady(Duration.ofMinutes(2));
            complaints = first;
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    eventTypes(id).contains("complaint.escalation-deadline-missed.v1"));
            Thread.sleep(2000); // both schedulers look several more times
            assertThat(eventTypes(id)).containsOnlyOnce("complaint.escalation-deadline-at-risk.v1",
                    "complaint.escalation-deadline-missed.v1");
        } finally {
            first.stop();
            second.stop();
            complaints = usual; // back to today's clock for the tests after this one
            usual.start();
            usual.awaitReady(Duration.ofMinutes(2));
        }
    }

    @Test
    @Order(12)
    void a_refund_agreed_on_the_complaint_and_left_unpaid_raises_the_overdue_alarm_after_a_restart_once_and_escalates_the_complaint()
            throws Exception {
        // no refund asked for when filed: the partial refund is proposed and agreed on the complaint, without a due date
        String id = file("SH050", "CORRECTIVE_TREATMENT");
        investigate(id);
        post(complaints, "/complaints/" + id + "/propose-remedy", """
                {"remedy":"PARTIAL_REFUND","amount":{"amount":"5000.00","currency":"CNY"},"note":"half the sessions"}""");
        post(complaints, "/complaints/" + id + "/agree", """
                {"remedy":"PARTIAL_REFUND","amount":{"amount":"5000.00","currency":"CNY"},"paymentMethod":"CARD"}""");

        // refund-service opened the case from the proposal and took the complaint's agreement as its own
        await().atMost(Duration.ofSeconds(30)).until(() -> "AGREED".equals(
                list(refunds, "/refunds?complaintId=" + id).path("items").path(0).path("status").asText()));
        String refund = list(refunds, "/refunds?complaintId=" + id).path("items").get(0).path("id").asText();
        JsonNode agreed = list(refunds, "/refunds/" + refund);
        assertThat(agreed.path("agreedAmount").path("amount").asText()).isEqualTo("5000.00");
        assertThat(agreed.path("channels").get(0).path("channel").asText()).isEqualTo("CARD");
        String due = agreed.path("dueDate").asText(); // the policy's 7 working days for a service
        await().atMost(Duration.ofSeconds(30)).until(() -> due.equals(
                list(complaints, "/complaints/" + id).path("refund").path("dueDate").asText()));
        refunds.kill(); // the money is not paid, and the service is down when the due date passes

        // two instances come back thirty days later; both run the alarm every second
        Map<String, String> later = Map.of("CLINIC_CLOCK_SHIFT", "P30D", "REFUND_OVERDUE_CHECK_EVERY", "1s");
        ServiceProcess first = refunds.with(DevStack.freePort(), later);
        ServiceProcess second = refunds.with(DevStack.freePort(), later);
        long restarted = System.nanoTime();
        first.start();
        second.start();
        try {
            first.awaitReady(Duration.ofMinutes(2));
            second.awaitReady(Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(60)).until(() -> eventTypes(id).contains("complaint.escalated-to-hq.v1"));
            System.out.printf("system-tests: overdue alarm raised and the complaint escalated %.1f s after the restart%n",
                    (System.nanoTime() - restarted) / 1e9);
            Thread.sleep(3000); // both alarms look several more times
            assertThat(eventTypes(id)).containsOnlyOnce("complaint.escalated-to-hq.v1", "complaint.agreement-reached.v1");
            assertThat(list(first, "/refunds/" + refund).path("overdue").asBoolean()).isTrue();
            assertThat(list(first, "/refunds?overdue=true&branch=SH050").path("items")).hasSize(1);
            JsonNode complaint = list(complaints, "/complaints/" + id);
            assertThat(complaint.path("status").asText()).isEqualTo("AGREED");
            assertThat(complaint.path("refund").path("progress").asText()).isEqualTo("OVERDUE");
        } finally {
            second.stop();
            refunds = first; // stopped after the last test (this one is last: its clock is 30 days ahead)
        }
    }

    @Test
    @Order(6)
    void a_third_party_assessment_finding_the_clinic_at_fault_gives_a_full_refund_entitlement() throws Exception {
        JsonNode filed = fileReturningCase("SH045", "FULL_REFUND");
        String id = filed.path("id").asText();
        String customer = list(complaints, "/complaints/" + id).path("customer").path("ref").asText();
        // the customer's order: a package of 10 laser sessions for 12,800.00
        HttpResponse<String> order = HTTP.send(authorized(URI.create(refunds.baseUrl() + "/purchases"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"branchId":"SH045","orderNo":"POS-%s","customerRef":"%s","purchasedAt":"2026-03-02T02:00:00Z",
                         "currency":"CNY","items":[{"lineId":"L1","kind":"PACKAGE","name":"laser package",
                         "paid":"12800.00","sessions":10}],"payments":[{"instrument":"CARD","amount":"12800.00"}]}"""
                        .formatted(UUID.randomUUID(), customer))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        String orderId = JSON.readTree(order.body()).path("id").asText();

        investigate(id);
        post(complaints, "/complaints/" + id + "/request-assessment", "{\"assessor\":\"district medical association\"}");
        post(complaints, "/complaints/" + id + "/record-assessment", "{\"result\":\"AT_FAULT\",\"summary\":\"burn from the device setting\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> list(refunds, "/refunds?complaintId=" + id).path("items").size() == 1);
        String refund = list(refunds, "/refunds?complaintId=" + id).path("items").get(0).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "AT_FAULT".equals(list(refunds, "/refunds/" + refund).path("assessment").path("finding").asText()));
        post(refunds, "/refunds/" + refund + "/start-review", null);
        // no reason given: the assessment gives it, and everything paid comes back
        post(refunds, "/refunds/" + refund + "/entitlement", "{\"orders\":[\"" + orderId + "\"]}");
        JsonNode entitlement = list(refunds, "/refunds/" + refund).path("entitlement");
        assertThat(entitlement.path("reason").asText()).isEqualTo("RESULT_AT_FAULT");
        assertThat(entitlement.path("refund").asText()).isEqualTo("12800.00");
    }

    @Test
    @Order(9)
    void a_product_call_never_lands_on_a_public_holiday_of_the_shipped_calendar() throws Exception {
        // sold on Tuesday 29 September 2026: the day-2 call would fall on 1 October, National Day (1-7 October off)
        HttpResponse<String> order = HTTP.send(authorized(URI.create(refunds.baseUrl() + "/purchases"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"branchId":"SH075","orderNo":"POS-%s","customerRef":"cust-holiday","purchasedAt":"2026-09-29T04:00:00Z",
                         "currency":"CNY","items":[{"lineId":"L1","kind":"PRODUCT","name":"repair serum","productLine":"GENERAL",
                         "paid":"380.00"}],"payments":[{"instrument":"CARD","amount":"380.00"}]}"""
                        .formatted(UUID.randomUUID()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> list(followups, "/followups?branch=SH075").path("items").size() >= 2);
        List<String> due = new ArrayList<>();
        list(followups, "/followups?branch=SH075").path("items").forEach(t -> due.add(t.path("dueAt").asText()));
        assertThat(due).isNotEmpty().allSatisfy(at -> {
            java.time.LocalDate day = java.time.Instant.parse(at).atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
            assertThat(day.isBefore(java.time.LocalDate.of(2026, 10, 1)) || day.isAfter(java.time.LocalDate.of(2026, 10, 7)))
                    .as(at + " is outside National Day, 1-7 October").isTrue();
        });
        assertThat(due).anySatisfy(at -> assertThat(java.time.Instant.parse(at).atZone(java.time.ZoneId.of("Asia/Shanghai"))
                .toLocalDate()).isEqualTo(java.time.LocalDate.of(2026, 10, 8))); // the day-2 call, after the holiday
    }

    /**
     * Hostile input to every operation of every service, generated from each one's OpenAPI document (see
     * {@link ApiFuzzer}): no 5xx, problem details on every refusal, and no event stored by any refused request.
     */
    @Test
    @Order(13)
    void hostile_input_to_every_endpoint_is_refused_with_a_problem_never_a_5xx_and_stores_nothing() throws Exception {
        pointHqAtTheServices(); // its case history reads the others' stores
        JsonNode filed = fileReturningCase("FZ001", "FULL_REFUND");
        String complaint = filed.path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> list(refunds, "/refunds?complaintId=" + complaint).path("items").size() == 1
                && list(followups, "/followups?complaintId=" + complaint).path("items").size() == 1);
        String refund = list(refunds, "/refunds?complaintId=" + complaint).path("items").get(0).path("id").asText();
        String task = list(followups, "/followups?complaintId=" + complaint).path("items").get(0).path("id").asText();
        Map<String, List<String>> ids = Map.of("id", List.of(complaint, refund, task));
        java.util.function.Function<String, JsonNode> hints = name -> switch (name) {
            case "branchId", "branch" -> JSON.getNodeFactory().textNode("FZ001");
            case "ref", "customerRef" -> JSON.getNodeFactory().textNode("cust-fuzz");
            case "phone" -> JSON.getNodeFactory().textNode("+86 138 0000 1234");
            case "idNumber" -> JSON.getNodeFactory().textNode("110101199001011234");
            case "currency" -> JSON.getNodeFactory().textNode("CNY");
            case "amount", "paid", "listPrice", "giftedCredit", "contractFeeCap", "reasonableCosts",
                 "consumedAtListPrice", "instalmentsPaid", "minAmount", "maxAmount" -> JSON.getNodeFactory().textNode("100.00");
            case "fxRate", "rateAtPayment", "rateAtRefund", "fxRateAtRefund" -> JSON.getNodeFactory().textNode("1.0");
            case "sha256" -> JSON.getNodeFactory().textNode("ab".repeat(32));
            case "complaintId" -> JSON.getNodeFactory().textNode(complaint);
            default -> null;
        };
        int total = 0;
        List<String> failures = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        for (ServiceProcess service : List.of(complaints, refunds, followups, hq)) {
            long started = System.nanoTime();
            long maxBody = service == complaints ? 21L * 1024 * 1024 : 10L * 1024 * 1024;
            ApiFuzzer fuzz = new ApiFuzzer(service.baseUrl(), ids, hints, token).run(maxBody);
            total += fuzz.outcomes().size();
            figures.add(String.format("%s: %d requests in %.1f s, statuses %s", service.name(),
                    fuzz.outcomes().size(), (System.nanoTime() - started) / 1e9, fuzz.statusMix()));
            fuzz.failures().forEach(f -> failures.add(service.name() + ": " + f));
            long stored = eventsCorrelatedWith(service, fuzz.refusedCorrelations());
            if (stored > 0) {
                failures.add(service.name() + ": " + stored + " events stored by refused requests");
            }
        }
        if (clinic.devstack.Benchmarks.requested()) { // -Pbenchmarks: a test that reports figures, not a benchmark
            clinic.devstack.Benchmarks.record("fuzz",
                    "Hostile input from each service's OpenAPI (SystemIT, ApiFuzzer; ./mvnw verify -Pbenchmarks)", figures);
        } else {
            figures.forEach(f -> System.out.println("system-tests: fuzz: " + f));
        }
        failures.stream().limit(80).forEach(f -> System.out.println("system-tests: fuzz failure: "
                + (f.length() > 400 ? f.substring(0, 400) : f)));
        assertThat(failures).as("answers that break the rules (the first 80 are printed above)").isEmpty();
        assertThat(total).isGreaterThan(1000);
    }

    private static long eventsCorrelatedWith(ServiceProcess service, List<UUID> correlations) throws Exception {
        String database = Map.of("complaint-service", "complaints", "refund-service", "refunds",
                "followup-service", "followups", "hq-service", "insights").get(service.name());
        try (var c = java.sql.DriverManager.getConnection(stack.jdbcUrl(database), clinic.devstack.PostgresServer.SUPERUSER,
                clinic.devstack.PostgresServer.PASSWORD);
             var ps = c.prepareStatement("select count(*) from events where correlation_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", correlations.toArray()));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * followup-service open around the clock (today and tomorrow working days even if a public holiday of the shipped
     * calendar falls on them: the operator's make-up days win), surveys out a second after closing, intake calls 3 s
     * after filing.
     */
    static final Map<String, String> FOLLOWUP_FAST = Map.of(
            "CLINIC_CALENDAR_OPENS", "00:00", "CLINIC_CALENDAR_CLOSES", "23:59",
            "CLINIC_CALENDAR_WORKING_DAYS", "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY",
            "CLINIC_CALENDAR_MAKE_UP_DAYS", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + ","
                    + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1),
            "FOLLOWUP_SURVEY_AFTER", "PT1S", "FOLLOWUP_INTAKE_CALLBACK_AFTER", "PT3S", "FOLLOWUP_CHECK_EVERY", "300ms");

    @Test
    @Order(7)
    void a_low_survey_score_reopens_the_complaint_in_complaint_service() throws Exception {
        String id = file("SH060", "APOLOGY");
        post(complaints, "/complaints/" + id + "/acknowledge", null);
        post(complaints, "/complaints/" + id + "/assess", """
                {"category":"TREATMENT_RESULT","severity":"LOW","subject":"SERVICE","serviceDate":"%s","owner":"staff:wang"}"""
                .formatted(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))));
        post(complaints, "/complaints/" + id + "/start-investigation", null);
        post(complaints, "/complaints/" + id + "/resolve", "{\"decision\":\"apology given\"}");
        post(complaints, "/complaints/" + id + "/close", null);

        // the survey goes out; the customer answers it with a low score
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "SENT".equals(list(followups, "/surveys?complaintId=" + id).path(0).path("status").asText()));
        String link = list(followups, "/surveys?complaintId=" + id).path(0).path("link").asText();
        long answered = System.nanoTime();
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(followups.baseUrl()
                        + link.substring(link.indexOf("/surveys/")) + "?lang=en"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csat=1&nps=2&comment=still+red")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Thank you!");

        await().atMost(Duration.ofSeconds(30)).until(() -> eventTypes(id).contains("complaint.reopened.v1"));
        System.out.printf("system-tests: low survey score -> complaint reopened in %d ms%n",
                (System.nanoTime() - answered) / 1_000_000);
        JsonNode complaint = JSON.readTree(HTTP.send(authorized(URI.create(complaints.baseUrl()
                + "/complaints/" + id)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(complaint.path("status").asText()).isEqualTo("INVESTIGATING"); // a reopened case is investigated again
        // the 1-3-7 callbacks of the resolved case no longer fit and are cancelled
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> statuses = new ArrayList<>();
            list(followups, "/followups?complaintId=" + id + "&kind=RESOLUTION_CALLBACK").path("items")
                    .forEach(t -> statuses.add(t.path("status").asText()));
            assertThat(statuses).hasSize(3).containsOnly("CANCELLED");
        });
        // the whole story is followup-service's too, under the case's one correlation, the survey among it; the
        // customer's survey link (the key to their page) is not in what operations read of it
        String correlation = list(complaints, "/complaints/" + id + "/events").get(0).path("correlationId").asText();
        JsonNode story = list(followups, "/operations/events?correlationId=" + correlation);
        List<String> types = new ArrayList<>();
        story.forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("followup.survey-scheduled.v1", "followup.survey-answered.v1");
        story.forEach(e -> {
            if (e.path("data").has("token")) {
                assertThat(e.path("data").path("token").asText()).isEqualTo("(withheld)");
            }
        });
    }

    @Test
    @Order(8)
    void due_calls_come_due_after_a_restart_once_even_with_two_instances() throws Exception {
        String id = file("SH070", "APOLOGY");
        await().atMost(Duration.ofSeconds(30)).until(() -> list(followups, "/followups?complaintId=" + id)
                .path("items").size() == 1);
        String task = list(followups, "/followups?complaintId=" + id).path("items").get(0).path("id").asText();
        followups.kill(); // down before the intake call is due (3 s after filing)
        Thread.sleep(4000);

        ServiceProcess second = followups.with(DevStack.freePort(), FOLLOWUP_FAST);
        followups.start();
        second.start();
        try {
            followups.awaitReady(Duration.ofMinutes(2));
            second.awaitReady(Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "DUE".equals(list(followups, "/followups/" + task).path("status").asText()));
            Thread.sleep(2000); // both schedulers look several more times
            var due = clinic.devstack.TopicReader.read(stack.bootstrapServers(), "followup-events",
                    r -> task.equals(r.key()) && "followup.due.v1".equals(clinic.devstack.TopicReader.header(r, "ce_type")),
                    2, Duration.ofSeconds(5));
            assertThat(due).hasSize(1);
            assertThat(list(second, "/followups?branch=SH070&status=DUE").path("items")).hasSize(1);
        } finally {
            second.stop();
        }
    }

    /** Acknowledged, assessed in scope (a service of today), under investigation. */
    private static void investigate(String id) throws IOException, InterruptedException {
        post(complaints, "/complaints/" + id + "/acknowledge", null);
        post(complaints, "/complaints/" + id + "/assess", """
                {"category":"TREATMENT_RESULT","severity":"MEDIUM","subject":"SERVICE","serviceDate":"%s","owner":"staff:wang"}"""
                .formatted(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))));
        post(complaints, "/complaints/" + id + "/start-investigation", null);
    }

    @Test
    @Order(14)
    void complaints_filed_through_complaint_service_show_up_on_hqs_dashboard() throws Exception {
        String branch = "SH090"; // no other test files for it
        List<String> ids = new ArrayList<>();
        for (String category : List.of("TREATMENT_RESULT", "TREATMENT_RESULT", "PRODUCT_QUALITY")) {
            ids.add(file(branch, "APOLOGY", category));
        }
        post(complaints, "/complaints/" + ids.getFirst() + "/acknowledge", null);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String query = "?from=" + today + "&to=" + today + "&branch=" + branch;
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode o = list(hq, "/insights/overview" + query);
            return o.path("received").path("total").asLong() == 3
                    && o.path("timeToAcknowledge").path("count").asLong() == 1;
        });
        System.out.printf("system-tests: filed and acknowledged -> on HQ's dashboard within %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        JsonNode overview = list(hq, "/insights/overview" + query);
        assertThat(overview.path("received").path("byCategory").path("TREATMENT_RESULT").asLong()).isEqualTo(2);
        assertThat(overview.path("received").path("byCategory").path("PRODUCT_QUALITY").asLong()).isEqualTo(1);
        // complaint-service's own reading of the acknowledge clock: well within its target, counted as met
        assertThat(overview.path("timeToAcknowledge").path("withinTarget").asLong()).isEqualTo(1);
        List<String> behind = new ArrayList<>();
        list(hq, "/insights/cases" + query + "&measure=received").path("rows")
                .forEach(r -> behind.add(r.path("complaintId").asText()));
        assertThat(behind).containsExactlyInAnyOrderElementsOf(ids);
        JsonNode timeline = list(hq, "/insights/cases/" + ids.getFirst() + "/timeline");
        List<String> what = new ArrayList<>();
        timeline.path("entries").forEach(e -> what.add(e.path("what").asText()));
        // the case's story across the services: filed, the intake call followup-service scheduled, acknowledged
        assertThat(what).startsWith("case-filed").contains("case-acknowledged", "followup-scheduled");
        // the dashboard's freshness: caught up with the head of the complaint topic
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode topic : list(hq, "/insights/freshness")) {
                if (topic.path("topic").asText().equals("complaint-events")) {
                    return topic.path("behind").asLong(-1) == 0;
                }
            }
            return false;
        });
        // the page itself is served
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(hq.baseUrl() + "/hq/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("echarts");
    }

    /**
     * The operations team's view and tools, on a case that went through all three services: its story across the
     * services complete and in order under the one correlation it began with; the command-line tool's history,
     * rebuild (with its progress), redrive (no second effect anywhere) and dead letters (one replayed after the fix is
     * processed once, and a second replay does nothing); every metric the alert rules use served; JSON log lines with
     * the case's correlation and no personal data.
     */
    @Test
    @Order(15)
    void operations_follow_a_case_across_the_services_and_replay_what_went_missing() throws Exception {
        pointHqAtTheServices();
        String correlation = UUID.randomUUID().toString();
        JsonNode filed = fileReturningCase("SH095", "FULL_REFUND", "TREATMENT_RESULT", correlation);
        String id = filed.path("id").asText();
        // later steps come without the header, or with another one: the case keeps its own. The acknowledgement comes
        // as part of a caller's trace (W3C traceparent): its log line is of that trace and of the case
        String trace = UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> acknowledged = HTTP.send(authorized(URI.create(complaints.baseUrl() + "/complaints/" + id
                + "/acknowledge")).header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.headers().firstValue("traceresponse").orElseThrow()).startsWith("00-" + trace + "-");
        HttpResponse<String> assessed = HTTP.send(authorized(URI.create(complaints.baseUrl() + "/complaints/" + id
                + "/assess")).header("X-Correlation-Id", UUID.randomUUID().toString())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"category":"TREATMENT_RESULT","severity":"MEDIUM","subject":"SERVICE","serviceDate":"%s","owner":"staff:wang"}"""
                        .formatted(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(assessed.statusCode()).as(assessed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> list(refunds, "/refunds?complaintId=" + id).path("items").size() == 1
                && list(followups, "/followups?complaintId=" + id).path("items").size() == 1);
        String refund = list(refunds, "/refunds?complaintId=" + id).path("items").get(0).path("id").asText();
        post(refunds, "/refunds/" + refund + "/start-review", null);

        // every service's own store, by the case's correlation: what the story must hold, exactly
        Map<String, List<String>> stored = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            stored.clear();
            for (ServiceProcess s : List.of(complaints, refunds, followups)) {
                List<String> ids = new ArrayList<>();
                list(s, "/operations/events?correlationId=" + correlation).forEach(e -> ids.add(e.path("eventId").asText()));
                stored.put(s.name(), ids);
            }
            return stored.values().stream().allMatch(l -> !l.isEmpty());
        });
        List<String> complaintEvents = new ArrayList<>();
        list(complaints, "/complaints/" + id + "/events").forEach(e -> {
            complaintEvents.add(e.path("eventId").asText());
            assertThat(e.path("correlationId").asText()).as("every step of the case keeps its correlation").isEqualTo(correlation);
        });
        assertThat(stored.get("complaint-service")).containsAll(complaintEvents);

        JsonNode story = list(hq, "/operations/cases/" + id + "/history");
        assertThat(story.path("unreachable")).isEmpty();
        assertThat(story.path("correlationId").asText()).isEqualTo(correlation);
        List<String> told = new ArrayList<>();
        Map<String, Integer> position = new LinkedHashMap<>();
        story.path("entries").forEach(e -> {
            position.put(e.path("eventId").asText(), told.size());
            told.add(e.path("eventId").asText());
        });
        assertThat(told).as("complete: every event each service stored for the case, once")
                .containsExactlyInAnyOrderElementsOf(stored.values().stream().flatMap(List::stream).toList());
        Map<String, Integer> lastVersion = new LinkedHashMap<>();
        story.path("entries").forEach(e -> {
            String cause = e.path("causationId").asText(null);
            if (cause != null && position.containsKey(cause)) {
                assertThat(position.get(cause)).as("the cause of " + e.path("type").asText() + " comes first")
                        .isLessThan(position.get(e.path("eventId").asText()));
            }
            int version = e.path("version").asInt();
            Integer before = lastVersion.put(e.path("streamId").asText(), version);
            assertThat(before == null ? 0 : before).as("versions of a stream in order").isLessThan(version);
        });
        List<String> services = new ArrayList<>();
        story.path("entries").forEach(e -> services.add(e.path("service").asText()));
        assertThat(services).contains("complaint-service", "refund-service", "followup-service");

        // the operator's tool: the same story on a terminal
        Ops history = ops("history", id);
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).contains("complaint.filed.v1", "refund.requested.v1", "followup.scheduled.v1");

        Map<String, List<String>> causedBefore = new LinkedHashMap<>();
        for (ServiceProcess s : List.of(complaints, refunds, followups)) {
            List<String> caused = new ArrayList<>();
            list(s, "/operations/events?correlationId=" + correlation).forEach(e -> {
                if (complaintEvents.contains(e.path("causationId").asText())) {
                    caused.add(e.path("eventId").asText());
                }
            });
            causedBefore.put(s.name(), caused);
        }
        assertThat(causedBefore.get("refund-service")).as("the refund case opened by the filing").isNotEmpty();
        assertThat(causedBefore.get("followup-service")).as("the intake call scheduled for the filing").isNotEmpty();

        // a rebuild, with its progress as it goes
        Ops rebuild = ops("rebuild", "complaint", "complaint-list", "--restart");
        assertThat(rebuild.exit()).as(rebuild.err()).isZero();
        assertThat(rebuild.err() + rebuild.out()).contains("complaint-list").contains("%").contains("rebuilt");

        // redrive the complaint's events: every consumer has them already, so nothing happens a second time
        Ops redrive = ops("redrive", "complaint", "--stream", id);
        assertThat(redrive.exit()).as(redrive.err()).isZero();
        assertThat(redrive.out()).contains("published " + complaintEvents.size());
        Thread.sleep(3000); // the consumers have read them by now (they read a case's events within ms)
        for (ServiceProcess s : List.of(complaints, refunds, followups)) {
            // what the complaint's events caused in each store: the same events as before the redrive, none twice
            // (the follow-up scheduler may add a step of its own meanwhile: it is not the complaint's effect)
            List<String> caused = new ArrayList<>();
            list(s, "/operations/events?correlationId=" + correlation).forEach(e -> {
                if (complaintEvents.contains(e.path("causationId").asText())) {
                    caused.add(e.path("eventId").asText());
                }
            });
            assertThat(caused).as(s.name() + " did nothing a second time").containsExactlyElementsOf(causedBefore.get(s.name()));
        }
        assertThat(list(refunds, "/refunds?complaintId=" + id).path("items")).hasSize(1);
        assertThat(list(followups, "/followups?complaintId=" + id).path("items")).hasSize(1);

        // a branch system reports usage of an order refund-service has not recorded yet: a dead letter, with why
        String orderNo = "POS-" + UUID.randomUUID().toString().substring(0, 8);
        String messageId = "usage-" + UUID.randomUUID();
        try (var writer = new clinic.devstack.TopicWriter(stack.bootstrapServers())) {
            writer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("branch-purchases", orderNo, """
                    {"messageId":"%s","branchId":"SH095","source":"SH095-pos","type":"USAGE",
                     "usage":{"orderNo":"%s","kind":"SESSIONS_REDEEMED","lineId":"L1","sessions":2}}"""
                    .formatted(messageId, orderNo)));
        }
        String dlq = "branch-purchases.refund-service.dlq";
        await().atMost(Duration.ofSeconds(30)).until(() -> ops("dead-letters", "list", dlq).out().contains(orderNo));
        assertThat(ops("dead-letters", "list", dlq).out()).contains("usage of an order that is not recorded");
        // the fix: the order is recorded; then the dead letter is replayed, and processed once
        HttpResponse<String> order = HTTP.send(authorized(URI.create(refunds.baseUrl() + "/purchases"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"branchId":"SH095","orderNo":"%s","customerRef":"cust-ops","purchasedAt":"2026-03-02T02:00:00Z",
                         "currency":"CNY","items":[{"lineId":"L1","kind":"PACKAGE","name":"laser package",
                         "paid":"12800.00","sessions":10}],"payments":[{"instrument":"CARD","amount":"12800.00"}]}"""
                        .formatted(orderNo))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        String purchase = JSON.readTree(order.body()).path("id").asText();
        Ops replay = ops("dead-letters", "replay", dlq, "--all");
        assertThat(replay.exit()).as(replay.err()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> usageEvents(purchase) == 1);
        assertThat(ops("dead-letters", "replay", dlq, "--all").out()).contains("0"); // nothing left to replay
        Thread.sleep(2000);
        assertThat(usageEvents(purchase)).as("the usage recorded once").isEqualTo(1);

        // what the alert rules watch is served
        String rules = Files.readString(Path.of(System.getProperty("clinic.root", "..")).resolve("deploy/prometheus/alerts.yml"));
        java.util.Set<String> named = new java.util.TreeSet<>();
        var m = java.util.regex.Pattern.compile("\\b(clinic_[a-z_]+|kafka_consumer_[a-z_]+|scheduled_methods_[a-z_]+)").matcher(rules);
        while (m.find()) {
            named.add(m.group(1));
        }
        StringBuilder scraped = new StringBuilder();
        for (ServiceProcess s : List.of(complaints, refunds, followups, hq)) {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            scraped.append(metrics.body());
        }
        assertThat(named).isNotEmpty().allSatisfy(metric -> assertThat(scraped.toString()).as(metric).contains(metric));

        // JSON log lines, the case's correlation on its lines, and nothing personal
        List<String> lines = new ArrayList<>();
        for (ServiceProcess s : List.of(complaints, refunds, followups, hq)) {
            lines.addAll(Files.readAllLines(s.log()));
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                records.add(JSON.readTree(line));
            }
        }
        assertThat(records).as("JSON log lines").isNotEmpty();
        // the filing's access-log line: its trace and the case's correlation (the line's own, in the logging context)
        assertThat(records).anySatisfy(r -> {
            assertThat(r.path("message").asText()).startsWith("POST /complaints 201");
            assertThat(r.path("correlationId").asText()).isEqualTo(correlation);
            assertThat(r.path("traceId").asText()).hasSize(32);
        });
        assertThat(records).anySatisfy(r -> {
            assertThat(r.path("message").asText()).startsWith("POST /complaints/" + id + "/acknowledge 200");
            assertThat(r.path("traceId").asText()).isEqualTo(trace);
            assertThat(r.path("correlationId").asText()).as("the case's, though the request named none").isEqualTo(correlation);
        });
        assertThat(lines).noneMatch(l -> l.contains("李雷") || l.contains("13800001234") || l.contains("Redness"));
        // the customer's survey link is their key: its path is never logged (a_low_survey_score... opened one)
        assertThat(records).noneMatch(r -> r.path("message").asText().matches("(GET|POST) /surveys/[^ ?]+ .*"));
    }

    /** How many usage events the purchase's stream holds. */
    private static long usageEvents(String purchase) throws IOException, InterruptedException {
        long n = 0;
        for (JsonNode e : list(refunds, "/operations/streams/" + purchase + "/events")) {
            n += e.path("type").asText().startsWith("purchase.usage-recorded") ? 1 : 0;
        }
        return n;
    }

    record Ops(int exit, String out, String err) {
    }

    /** The operations team's command-line tool, run as they would, against this system. */
    private static Ops ops(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> all = new ArrayList<>(List.of("--complaint-service", complaints.baseUrl(), "--refund-service",
                refunds.baseUrl(), "--followup-service", followups.baseUrl(), "--hq-service", hq.baseUrl(),
                "--bootstrap-servers", stack.bootstrapServers(), "--token", token.get()));
        all.addAll(List.of(args));
        picocli.CommandLine cli = new picocli.CommandLine(new clinic.ops.ClinicOps());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        System.out.printf("system-tests: clinic-ops %s -> %d%n%s%s", String.join(" ", args), exit, out, err);
        return new Ops(exit, out.toString(), err.toString());
    }

    private static void post(ServiceProcess service, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(authorized(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    }

    private static List<String> eventTypes(String id) throws IOException, InterruptedException {
        List<String> types = new ArrayList<>();
        list(complaints, "/complaints/" + id + "/events").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    private static void assertEveryComplaintHasWhatItCalledFor(Map<String, String> remedyByComplaint) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (var e : remedyByComplaint.entrySet()) {
                int expectedRefunds = e.getValue().endsWith("REFUND") ? 1 : 0;
                assertThat(list(refunds, "/refunds?complaintId=" + e.getKey()).path("items")).as("refund cases of " + e.getKey())
                        .hasSize(expectedRefunds);
                assertThat(list(followups, "/followups?complaintId=" + e.getKey()).path("items")).as("follow-ups of " + e.getKey())
                        .hasSize(1);
            }
        });
    }

    private static String file(String branch, String remedy) throws IOException, InterruptedException {
        return file(branch, remedy, "TREATMENT_RESULT");
    }

    private static String file(String branch, String remedy, String category) throws IOException, InterruptedException {
        return fileReturningCase(branch, remedy, category).path("id").asText();
    }

    private static JsonNode fileReturningCase(String branch, String remedy) throws IOException, InterruptedException {
        return fileReturningCase(branch, remedy, "TREATMENT_RESULT");
    }

    private static JsonNode fileReturningCase(String branch, String remedy, String category)
            throws IOException, InterruptedException {
        return fileReturningCase(branch, remedy, category, UUID.randomUUID().toString());
    }

    private static JsonNode fileReturningCase(String branch, String remedy, String category, String correlation)
            throws IOException, InterruptedException {
        String body = """
                {"branchId": "%s", "customer": {"ref": "cust-%s", "name": "李雷", "phone": "13800001234"},
                 "channel": "PHONE_HOTLINE", "category": "%s",
                 "description": "Redness that has not gone down a week after the laser session.",
                 "requestedRemedy": "%s", "amountPaid": {"amount": "12800.00", "currency": "CNY"}}"""
                .formatted(branch, UUID.randomUUID().toString().substring(0, 8), category, remedy);
        HttpResponse<String> response = HTTP.send(authorized(URI.create(complaints.baseUrl() + "/complaints"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Correlation-Id", correlation)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static JsonNode list(ServiceProcess service, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(authorized(URI.create(service.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static long median(List<Long> values) {
        return percentile(values, 50);
    }
}
