package clinic.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that call the services (history, state-at, rebuild, redrive) and signing in, against fakes that answer
 * in the shapes of the services' operations endpoints.
 */
class HttpCommandsTest {

    static final String COMPLAINT = "6f1c2d4e-0000-4000-8000-000000000001";

    FakeService service;

    @BeforeEach
    void start() throws Exception {
        service = new FakeService();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    /** Every service at the fake, so that any command reaches it. */
    String[] at(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--complaint-service=" + service.url();
        all[args.length + 1] = "--refund-service=" + service.url();
        all[args.length + 2] = "--followup-service=" + service.url();
        all[args.length + 3] = "--hq-service=" + service.url();
        return all;
    }

    static final String HISTORY = """
            {"complaintId":"%1$s","caseNumber":"SH001-2026-000001","branchId":"SH001","correlationId":"c0rre1at-0000-4000-8000-000000000009",
             "entries":[
              {"service":"complaint-service","streamId":"%1$s","streamKind":"complaint","version":1,"type":"ComplaintFiled",
               "eventId":"e0000001-0000-4000-8000-000000000001","occurredAt":"2026-11-20T02:00:00Z","recordedAt":"2026-11-20T02:00:00.120Z",
               "actor":"branch:SH001","correlationId":"c0rre1at-0000-4000-8000-000000000009","causationId":null,"payload":{}},
              {"service":"refund-service","streamId":"7a7a7a7a-0000-4000-8000-000000000002","streamKind":"refund","version":1,"type":"RefundCaseOpened",
               "eventId":"e0000002-0000-4000-8000-000000000002","occurredAt":"2026-11-20T02:00:01Z","recordedAt":"2026-11-20T02:00:01.500Z",
               "actor":"system","correlationId":"c0rre1at-0000-4000-8000-000000000009","causationId":"e0000001-0000-4000-8000-000000000001","payload":{}},
              {"service":"complaint-service","streamId":"%1$s","streamKind":"complaint","version":2,"type":"ComplaintAcknowledged",
               "eventId":"e0000003-0000-4000-8000-000000000003","occurredAt":"2026-11-20T03:15:00Z","recordedAt":"2026-11-20T03:15:00.010Z",
               "actor":"staff:li.na","correlationId":"c0rre1at-0000-4000-8000-000000000009","causationId":null,"payload":{}}
             ],
             "unreachable":["followup-service"]}
            """.formatted(COMPLAINT);

    @Test
    void history_prints_the_events_in_order_and_warns_about_services_it_could_not_reach() {
        service.json("GET", "/operations/cases/" + COMPLAINT + "/history", HISTORY);

        var result = Cli.run(at("history", COMPLAINT));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("case SH001-2026-000001  complaint " + COMPLAINT + "  branch SH001");
        assertThat(result.out().lines().filter(l -> l.startsWith("2026-")).toList()).containsExactly(
                "2026-11-20T02:00:00.120Z  complaint-service  complaint 6f1c2d4e  1        ComplaintFiled         branch:SH001  -",
                "2026-11-20T02:00:01.500Z  refund-service     refund 7a7a7a7a     1        RefundCaseOpened       system        e0000001",
                "2026-11-20T03:15:00.010Z  complaint-service  complaint 6f1c2d4e  2        ComplaintAcknowledged  staff:li.na   -");
        assertThat(result.out()).contains("RECORDED", "SERVICE", "STREAM", "VERSION", "TYPE", "ACTOR", "CAUSED BY", "3 events");
        assertThat(result.err()).contains("warning: hq-service could not reach followup-service: its events are missing");
    }

    @Test
    void history_json_prints_the_answer_as_it_is() throws Exception {
        service.json("GET", "/operations/cases/" + COMPLAINT + "/history", HISTORY);

        var result = Cli.run(at("history", COMPLAINT, "--json"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode printed = Json.MAPPER.readTree(result.out());
        assertThat(printed).isEqualTo(Json.MAPPER.readTree(HISTORY));
    }

    @Test
    void the_global_options_are_taken_before_the_command_too() {
        service.json("GET", "/operations/cases/" + COMPLAINT + "/history", HISTORY);

        var result = Cli.run("--hq-service", service.url(), "--json", "history", COMPLAINT);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"caseNumber\":\"SH001-2026-000001\"");
    }

    @Test
    void state_at_asks_the_service_that_owns_the_kind_and_pretty_prints_it() {
        service.json("GET", "/complaints/c-1", "{\"id\":\"c-1\",\"status\":\"ACKNOWLEDGED\",\"version\":2}");
        service.json("GET", "/refunds/r-1", "{\"id\":\"r-1\"}");
        service.json("GET", "/purchases/p-1", "{\"id\":\"p-1\"}");
        service.json("GET", "/followups/t-1", "{\"id\":\"t-1\"}");
        service.json("GET", "/surveys", "{\"complaintId\":\"c-1\"}");

        var complaint = Cli.run(at("state-at", "complaint", "c-1", "--version", "2"));
        assertThat(complaint.exitCode()).as(complaint.toString()).isZero();
        assertThat(service.last().query()).isEqualTo("version=2");
        assertThat(complaint.out()).isEqualTo(String.format("{%n  \"id\" : \"c-1\",%n  \"status\" : \"ACKNOWLEDGED\",%n  \"version\" : 2%n}%n"));

        assertThat(Cli.run(at("state-at", "refund", "r-1", "--at", "2026-11-22T08:00:00Z")).exitCode()).isZero();
        assertThat(service.last().path()).isEqualTo("/refunds/r-1");
        assertThat(decode(service.last().query())).isEqualTo("asOf=2026-11-22T08:00:00Z");

        assertThat(Cli.run(at("state-at", "purchase", "p-1", "--at", "2026-11-22T16:00:00+08:00")).exitCode()).isZero();
        assertThat(service.last().path()).isEqualTo("/purchases/p-1");
        assertThat(decode(service.last().query())).isEqualTo("asOf=2026-11-22T08:00:00Z");

        assertThat(Cli.run(at("state-at", "task", "t-1", "--version", "3")).exitCode()).isZero();
        assertThat(service.last().path()).isEqualTo("/followups/t-1");
        assertThat(service.last().query()).isEqualTo("version=3");

        assertThat(Cli.run(at("state-at", "survey", "c-1", "--version", "1")).exitCode()).isZero();
        assertThat(service.last().path()).isEqualTo("/surveys");
        assertThat(service.last().query()).isEqualTo("complaintId=c-1&version=1");
    }

    @Test
    void state_at_takes_exactly_one_of_at_and_version() {
        var both = Cli.run(at("state-at", "complaint", "c-1", "--version", "2", "--at", "2026-11-22T08:00:00Z"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");

        var neither = Cli.run(at("state-at", "complaint", "c-1"));
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("Missing required argument").contains("--at=INSTANT", "--version=N");

        var badKind = Cli.run(at("state-at", "invoice", "c-1", "--version", "1"));
        assertThat(badKind.exitCode()).isEqualTo(2);
        assertThat(badKind.err()).contains("complaint, refund, purchase, task, survey");

        var badMoment = Cli.run(at("state-at", "complaint", "c-1", "--at", "yesterday"));
        assertThat(badMoment.exitCode()).isEqualTo(2);
        assertThat(badMoment.err()).contains("'yesterday' is not a moment");
        assertThat(service.requests).isEmpty();
    }

    @Test
    void a_problem_response_is_printed_readably_on_stderr_with_exit_code_1() {
        service.on("GET", "/complaints/c-404", 404, "application/problem+json", """
                {"type":"urn:clinic:problem:not-found","title":"Not Found","status":404,
                 "detail":"No complaint c-404"}""");
        service.on("POST", "/operations/redrive", 422, "application/problem+json", """
                {"type":"urn:clinic:problem:invalid-request","title":"Unprocessable Content","status":422,
                 "detail":"2 fields are invalid",
                 "errors":[{"field":"fromPosition","reason":"must be 1 or more"},{"field":"toPosition","reason":"is past the last position, 812"}]}""");

        var notFound = Cli.run(at("state-at", "complaint", "c-404", "--version", "1"));
        assertThat(notFound.exitCode()).isEqualTo(1);
        assertThat(notFound.out()).isEmpty();
        assertThat(notFound.err()).isEqualTo(String.format(
                "error: complaint-service answered 404 Not Found to GET /complaints/c-404%n  No complaint c-404%n"));

        var invalid = Cli.run(at("redrive", "refund", "--from", "0", "--to", "9000"));
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).isEqualTo(String.format(
                "error: refund-service answered 422 Unprocessable Content to POST /operations/redrive%n"
                        + "  2 fields are invalid%n"
                        + "  - fromPosition: must be 1 or more%n"
                        + "  - toPosition: is past the last position, 812%n"));
    }

    @Test
    void a_service_that_cannot_be_reached_is_named_with_its_url() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        var result = Cli.run("history", COMPLAINT, "--hq-service", "http://localhost:" + closed);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot reach hq-service at http://localhost:" + closed
                + " (connection refused)").contains("--hq-service").contains("CLINIC_HQ_SERVICE");
    }

    @Test
    void rebuild_without_a_read_model_lists_them() {
        service.json("GET", "/operations/read-models", """
                [{"name":"complaint-list","latest":{"readModel":"complaint-list","streamsDone":1200,"streamsTotal":1200,
                  "eventsDone":200000,"eventsTotal":200000,"eventsPerSecond":5210.4,"timeLeft":null,
                  "startedAt":"2026-11-29T01:00:00Z","finishedAt":"2026-11-29T01:00:38.400Z"}},
                 {"name":"sla-watch","latest":null}]""");

        var result = Cli.run(at("rebuild", "complaint"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().lines().toList()).containsExactly(
                "READ MODEL      LAST REBUILD                                 EVENTS           STREAMS",
                "complaint-list  finished 2026-11-29T01:00:38.400Z in 38.4 s  200,000/200,000  1,200/1,200",
                "sla-watch       never                                        -                -");
    }

    static String progress(long done, String timeLeft, String finishedAt) {
        return ("{\"readModel\":\"complaint-list\",\"streamsDone\":%d,\"streamsTotal\":1200,\"eventsDone\":%d,"
                + "\"eventsTotal\":200000,\"eventsPerSecond\":5210.4,\"timeLeft\":%s,\"startedAt\":\"2026-11-30T09:00:00Z\","
                + "\"finishedAt\":%s}").formatted(done / 200, done, timeLeft == null ? "null" : "\"" + timeLeft + "\"",
                finishedAt == null ? "null" : "\"" + finishedAt + "\"");
    }

    @Test
    void rebuild_shows_the_progress_as_it_streams_and_says_what_it_rebuilt() {
        service.on("POST", "/operations/read-models/complaint-list/rebuild", FakeService.ndjson(30,
                progress(104_000, "PT17.5S", null),
                progress(150_000, "PT9S", null),
                progress(190_000, "PT2S", null),
                progress(200_000, null, "2026-11-30T09:00:38.400Z")));

        var result = Cli.run(at("rebuild", "refund", "complaint-list"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(service.last().query()).isEqualTo("restart=false");
        assertThat(service.last().accept()).isEqualTo("application/x-ndjson");
        // not a terminal: the first line, then at most one a second, and the last one
        assertThat(result.err().lines().toList()).containsExactly(
                "complaint-list [##########----------] 52% 104,000/200,000 events  5,210/s  about 18s left",
                "complaint-list [####################] 100% 200,000/200,000 events  5,210/s  done");
        assertThat(result.out()).isEqualTo(String.format("rebuilt complaint-list: 200,000 events in 38.4 s%n"));
    }

    @Test
    void rebuild_restart_asks_the_service_to_start_over() {
        service.on("POST", "/operations/read-models/complaint-list/rebuild",
                FakeService.ndjson(0, progress(200_000, null, "2026-11-30T09:00:38.400Z")));

        var result = Cli.run(at("rebuild", "complaint", "complaint-list", "--restart"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(service.last().query()).isEqualTo("restart=true");
    }

    @Test
    void a_rebuild_cut_off_before_its_last_line_says_it_goes_on_when_run_again() {
        service.on("POST", "/operations/read-models/complaint-list/rebuild", FakeService.ndjson(10,
                progress(104_000, "PT17.5S", null), progress(150_000, "PT9S", null)));

        var result = Cli.run(at("rebuild", "complaint", "complaint-list"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("complaint-list [##########----------] 52%")
                .contains("error: the connection to complaint-service dropped at 150,000/200,000 events of the rebuild of complaint-list")
                .contains("The rebuild goes on from its last batch when run again: clinic-ops rebuild complaint complaint-list");
    }

    @Test
    void rebuild_json_prints_the_progress_lines_as_they_come() {
        service.on("POST", "/operations/read-models/complaint-list/rebuild", FakeService.ndjson(0,
                progress(104_000, "PT17.5S", null), progress(200_000, null, "2026-11-30T09:00:38.400Z")));

        var result = Cli.run(at("rebuild", "hq", "complaint-list", "--json"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().lines().toList()).containsExactly(progress(104_000, "PT17.5S", null),
                progress(200_000, null, "2026-11-30T09:00:38.400Z"));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void redrive_a_stream_or_a_range_of_positions() throws Exception {
        service.json("POST", "/operations/redrive",
                "{\"topic\":\"complaint-events\",\"published\":4,\"fromPosition\":118,\"toPosition\":342}");

        var stream = Cli.run(at("redrive", "complaint", "--stream", COMPLAINT));
        assertThat(stream.exitCode()).as(stream.toString()).isZero();
        assertThat(Json.MAPPER.readTree(service.last().body())).isEqualTo(Json.MAPPER.readTree("{\"streamId\":\"" + COMPLAINT + "\"}"));
        assertThat(service.last().contentType()).isEqualTo("application/json");
        assertThat(stream.out()).isEqualTo(String.format("published 4 events of stream %s to "
                + "complaint-events again; consumers' inboxes make a second delivery harmless%n", COMPLAINT));

        var range = Cli.run(at("redrive", "followup", "--from", "118", "--to", "342"));
        assertThat(range.exitCode()).as(range.toString()).isZero();
        assertThat(Json.MAPPER.readTree(service.last().body())).isEqualTo(Json.MAPPER.readTree("{\"fromPosition\":118,\"toPosition\":342}"));
        assertThat(range.out()).startsWith("published 4 events of positions 118 to 342 to complaint-events again");
    }

    @Test
    void redrive_is_refused_without_a_selection_for_hq_and_for_a_half_range() {
        assertThat(Cli.run(at("redrive", "complaint")).exitCode()).isEqualTo(2);
        var hq = Cli.run(at("redrive", "hq", "--stream", "s"));
        assertThat(hq.exitCode()).isEqualTo(2);
        assertThat(hq.err()).contains("complaint, refund, followup");
        var half = Cli.run(at("redrive", "refund", "--from", "3"));
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).contains("--to");
        var both = Cli.run(at("redrive", "refund", "--stream", "s", "--from", "3", "--to", "4"));
        assertThat(both.exitCode()).isEqualTo(2);
        var backwards = Cli.run(at("redrive", "refund", "--from", "9", "--to", "4"));
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).contains("--from 9 is after --to 4");
        assertThat(service.requests).isEmpty();
    }

    @Test
    void user_and_password_sign_in_with_the_password_grant_once_and_send_the_token() {
        service.json("POST", "/realms/clinic/protocol/openid-connect/token",
                "{\"access_token\":\"tok-ops-123\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        service.json("GET", "/operations/read-models", "[]");

        var result = Cli.run(at("rebuild", "refund", "--issuer", service.url() + "/realms/clinic",
                "--user", "ops.zhou", "--password", "ops.zhou-local"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(service.requests).hasSize(2);
        var grant = service.requests.getFirst();
        assertThat(grant.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form(grant.body())).containsEntry("grant_type", "password").containsEntry("client_id", "clinic-cli")
                .containsEntry("username", "ops.zhou").containsEntry("password", "ops.zhou-local");
        assertThat(service.last().authorization()).isEqualTo("Bearer tok-ops-123");
        assertThat(result.out()).contains("refund-service has no read models to rebuild");
    }

    @Test
    void a_refused_sign_in_says_why() {
        service.on("POST", "/realms/clinic/protocol/openid-connect/token", 401, "application/json",
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");

        var result = Cli.run(at("rebuild", "refund", "--issuer", service.url() + "/realms/clinic",
                "--user", "ops.zhou", "--password", "wrong"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(String.format("error: signing in as ops.zhou at %s/realms/clinic failed "
                + "(HTTP 401): Invalid user credentials [invalid_grant]%n", service.url()));
        assertThat(service.requests).hasSize(1);
    }

    @Test
    void a_token_is_sent_as_it_is_and_a_401_says_how_to_sign_in() {
        service.json("GET", "/operations/read-models", "[]");
        assertThat(Cli.run(at("rebuild", "followup", "--token", "tok-given")).exitCode()).isZero();
        assertThat(service.last().authorization()).isEqualTo("Bearer tok-given");

        service.on("GET", "/operations/read-models", 401, "text/plain", "");
        var unsigned = Cli.run(at("rebuild", "followup"));
        assertThat(unsigned.exitCode()).isEqualTo(1);
        assertThat(unsigned.err()).contains("followup-service answered 401").contains("not signed in: pass --token");
    }

    @Test
    void usage_errors_exit_2_and_help_exits_0() {
        var none = Cli.run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Say which command to run").contains("Usage: clinic-ops");

        var unknown = Cli.run("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);

        var help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("history", "state-at", "rebuild", "redrive", "dead-letters", "lag");

        var sub = Cli.run("dead-letters", "replay", "--help");
        assertThat(sub.exitCode()).isZero();
        assertThat(sub.out()).contains("Usage: clinic-ops dead-letters replay", "--offset=N", "--all");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String body) {
        return java.util.Arrays.stream(body.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> decode(p[0]), p -> decode(p[1])));
    }
}
