package clinic.devstack;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The role-by-endpoint matrix of a service: every operation of its OpenAPI document called with no token, an expired
 * one, one of another issuer, a forged one (right issuer, another key), a token of each role (of branch
 * {@link #BRANCH}), and a branch role of {@link #OTHER_BRANCH}; each answer compared with the service's table.
 *
 * <p>The table is text, one row per operation, its columns {@link #COLUMNS} in order. A cell is a status
 * ({@code 401}, {@code 403}, {@code 200}...), {@code ok} (let through: any status but 401 and 403, since what a step
 * answers next depends on the case's state) or {@code -} (not called).
 */
public final class AccessMatrix {

    /** The branch every sample request is about. */
    public static final String BRANCH = "SH001";
    /** A branch whose staff must not see or touch {@link #BRANCH}'s data. */
    public static final String OTHER_BRANCH = "BJ001";

    public static final List<String> COLUMNS = List.of("none", "expired", "issuer", "forged", "branch-staff",
            "branch-manager", "hq-analyst", "hq-approver", "operations", "privacy-officer", "other-branch");

    /** One request of an operation: its method and path with the ids filled in (and a query), its body (text or bytes) if any. */
    public record Call(String method, String path, String contentType, Object body) {
        public static Call of(String method, String path) {
            return new Call(method, path, null, null);
        }

        public static Call json(String method, String path, String body) {
            return new Call(method, path, "application/json", body);
        }

        public static Call bytes(String method, String path, String contentType, byte[] body) {
            return new Call(method, path, contentType, body);
        }
    }

    private AccessMatrix() {
    }

    /**
     * The operations endpoints every service has (event-store's {@code /operations}): for operations alone. The sample
     * requests name nothing that exists (a 404 for operations) or redrive at most one event; a service whose relay is
     * off refuses a redrive (422), which is let through too.
     */
    public static final String OPERATIONS_TABLE = """
            listReadModels                401  401     401    401    403   403     403     403      200 403     403
            rebuildReadModel              401  401     401    401    403   403     403     403      404 403     403
            getRelayStatus                401  401     401    401    403   403     403     403      200 403     403
            redriveEvents                 401  401     401    401    403   403     403     403      ok  403     403
            listEventsByCorrelation       401  401     401    401    403   403     403     403      200 403     403
            listStreamEvents              401  401     401    401    403   403     403     403      404 403     403
            """;

    private static final Map<String, Call> OPERATIONS_CALLS = Map.of(
            "listReadModels", Call.of("GET", "/operations/read-models"),
            "rebuildReadModel", Call.of("POST", "/operations/read-models/no-such-model/rebuild"),
            "getRelayStatus", Call.of("GET", "/operations/relay"),
            "redriveEvents", Call.json("POST", "/operations/redrive", "{\"fromPosition\":1,\"toPosition\":1}"),
            "listEventsByCorrelation", Call.of("GET", "/operations/events?correlationId=" + java.util.UUID.randomUUID()),
            "listStreamEvents", Call.of("GET", "/operations/streams/no-such-stream/events"));

    /**
     * Checks the service under test against its own OpenAPI document ({@code /q/openapi}): {@code table} and
     * {@code calls} are the service's own operations; the shared {@link #OPERATIONS_TABLE} rows are added to them.
     */
    public static List<String> check(String table, Function<String, Call> calls) {
        Map<String, ?> paths = RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        return check(OpenApiOperations.byOperationId(paths), table.strip() + "\n" + OPERATIONS_TABLE.strip() + "\n",
                id -> OPERATIONS_CALLS.containsKey(id) ? OPERATIONS_CALLS.get(id) : calls.apply(id));
    }

    /**
     * Checks the service: {@code operations} are its document's ({@link OpenApiOperations#byOperationId}),
     * {@code calls} makes the request of each (called again for every column, so a step may be sent many times).
     * Returns what differs from the table, empty when all holds; an operation without a row, or a row without an
     * operation, differs too.
     */
    public static List<String> check(Map<String, String> operations, String table, Function<String, Call> calls) {
        Map<String, List<String>> rows = parse(table);
        List<String> faults = new ArrayList<>();
        new TreeSet<>(operations.keySet()).stream().filter(id -> !rows.containsKey(id))
                .forEach(id -> faults.add(id + ": in the OpenAPI document, not in the table"));
        rows.keySet().stream().filter(id -> !operations.containsKey(id))
                .forEach(id -> faults.add(id + ": in the table, not in the OpenAPI document"));
        rows.forEach((id, cells) -> {
            if (!operations.containsKey(id)) {
                return;
            }
            for (int i = 0; i < COLUMNS.size(); i++) {
                String expected = cells.get(i);
                if (expected.equals("-")) {
                    continue;
                }
                Call call = calls.apply(id);
                var answer = send(call, authorization(COLUMNS.get(i)));
                int status = answer.statusCode();
                boolean holds = expected.equals("ok") ? letThrough(status) : status == Integer.parseInt(expected);
                if (!holds) {
                    faults.add(id + " (" + call.method() + " " + call.path() + ") as " + COLUMNS.get(i) + ": expected "
                            + expected + ", got " + status + " " + abbreviated(answer.asString()));
                }
            }
        });
        return faults;
    }

    /**
     * Let through: neither refused for who calls (401, 403) nor for an id that names nothing (404: the sample request
     * is wrong), nor failed (5xx); a 409 or 422 is the case's state or rules speaking, after the caller was let in.
     */
    static boolean letThrough(int status) {
        return status < 500 && status != 401 && status != 403 && status != 404;
    }

    /** The Authorization header of a column ({@link TestTokens#NONE}: none at all). */
    static String authorization(String column) {
        return switch (column) {
            case "none" -> TestTokens.NONE;
            case "expired" -> TestTokens.bearer(TestTokens.expired("branch-staff", BRANCH));
            case "issuer" -> TestTokens.bearer(TestTokens.otherIssuer("branch-staff", BRANCH));
            case "forged" -> TestTokens.bearer(TestTokens.forged("branch-staff", BRANCH));
            case "other-branch" -> TestTokens.bearer(TestTokens.of("staff-" + OTHER_BRANCH,
                    List.of("branch-staff", "branch-manager"), List.of(OTHER_BRANCH)));
            default -> TestTokens.bearer(TestTokens.withRole(column, BRANCH));
        };
    }

    private static String abbreviated(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    private static io.restassured.response.Response send(Call call, String authorization) {
        RequestSpecification request = RestAssured.given().header("Authorization", authorization);
        if (call.contentType() != null) {
            request = request.contentType(call.contentType());
        }
        if (call.body() instanceof byte[] bytes) {
            request = request.body(bytes);
        } else if (call.body() instanceof String text) {
            request = request.body(text);
        }
        return request.request(call.method(), call.path());
    }

    private static Map<String, List<String>> parse(String table) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : table.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (line.isBlank() || cells[0].equals("operation") || cells[0].startsWith("#")) {
                continue;
            }
            if (cells.length != COLUMNS.size() + 1) {
                throw new IllegalArgumentException("a row needs the operation and " + COLUMNS.size() + " cells: " + line);
            }
            rows.put(cells[0], List.of(cells).subList(1, cells.length));
        }
        return rows;
    }
}
