package clinic.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Sends a service hostile input generated from its own {@code /q/openapi}: for every operation, a request that the
 * document says is valid, then the same request with one parameter, header or body field at a time replaced by a
 * broken, oversized, mistyped or out-of-range value, then broken bodies and requests the HTTP layer must refuse.
 *
 * <p>What it checks of every answer: no 5xx; every 4xx is {@code application/problem+json} with its status; a request
 * holding an oversized string, an impossible date or a negative count is not accepted. Every request carries its own
 * {@code X-Correlation-Id}, so the caller can check that no refused request stored an event.
 */
final class ApiFuzzer {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final ObjectMapper JSON = new ObjectMapper();
    static final int OVERSIZED = 20_000;

    /** The hostile values every string, number, boolean, date and id is replaced with in turn. */
    static final List<JsonNode> HOSTILE = List.of(
            NODES.nullNode(), NODES.textNode(""), NODES.textNode("   "), NODES.textNode("\u0000"),
            NODES.textNode("a\u0000b"), NODES.textNode("x".repeat(OVERSIZED)), NODES.textNode("١٢٣"),
            NODES.textNode("+294277-01-01"), NODES.textNode("-1000000000-01-01T00:00:00Z"), NODES.textNode("1700000000"),
            NODES.textNode("2026-02-30"), NODES.textNode("99999999999999999999999999.99"), NODES.textNode("-1"),
            NODES.textNode("1e400"), NODES.textNode("NaN"), NODES.textNode("<svg onload=alert(1)>"),
            NODES.textNode("' or 1=1 --"), NODES.textNode("\uD83D\uDE00\u202E"),
            NODES.numberNode(-1), NODES.numberNode(0), NODES.numberNode(1.5), NODES.numberNode(5),
            NODES.numberNode(2147483648L), NODES.numberNode(new java.math.BigInteger("99999999999999999999999")),
            NODES.numberNode(1e308), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode());

    /** Query, path and header values, as text. */
    static final List<String> HOSTILE_TEXT = List.of("", " ", "\u0000", "a\u0000b", "x".repeat(3000), "١٢٣", "-1",
            "2147483647", "99999999999999999999", "1.5", "NaN", "+294277-01-01", "+294277-01-01T00:00:00Z",
            "-1000000000-01-01T00:00:00Z", "2026-02-30", "1700000000", "not-a-uuid", "true", "<script>", "' or 1=1 --",
            "%", "../..", "now");

    record Outcome(String method, String path, String what, int status, String contentType, String body,
                   UUID correlation) {
        boolean refused() {
            return status >= 400;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, List<String>> pathValues;
    private final Function<String, JsonNode> hint;
    private final java.util.function.Supplier<String> token;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private JsonNode openapi;

    /**
     * @param pathValues values of path parameters by name that name real things (a case id), tried before made-up ones
     * @param hint       a valid value for a body field or query parameter by name, where the schema cannot say one
     *                   (a branch code, an amount as text); null when the schema's own sample will do
     * @param token      the bearer token every request carries (one the service accepts, so that the hostile input
     *                   reaches what it attacks), unless a probe sends an Authorization of its own
     */
    ApiFuzzer(String baseUrl, Map<String, List<String>> pathValues, Function<String, JsonNode> hint,
              java.util.function.Supplier<String> token) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.pathValues = pathValues;
        this.hint = hint;
    }

    List<Outcome> outcomes() {
        return outcomes;
    }

    List<String> failures() {
        return failures;
    }

    /** How many answers had each status. */
    Map<Integer, Integer> statusMix() {
        Map<Integer, Integer> mix = new TreeMap<>();
        outcomes.forEach(o -> mix.merge(o.status(), 1, Integer::sum));
        return mix;
    }

    List<UUID> refusedCorrelations() {
        return outcomes.stream().filter(Outcome::refused).map(Outcome::correlation).toList();
    }

    ApiFuzzer run(long maxBodyBytes) throws IOException, InterruptedException {
        openapi = JSON.readTree(send("GET", "/q/openapi?format=json", Map.of(), null, null, "openapi").body());
        Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                var op = operations.next();
                // a stream of server-sent events never ends: its refusals are the access tests', not the fuzzer's
                boolean stream = op.getValue().path("responses").path("200").path("content").has("text/event-stream");
                if (List.of("get", "post", "put", "delete", "patch").contains(op.getKey()) && !stream) {
                    operation(op.getKey().toUpperCase(), path.getKey(), op.getValue());
                }
            }
        }
        httpLayer(maxBodyBytes);
        return this;
    }

    private void operation(String method, String template, JsonNode op) throws IOException, InterruptedException {
        List<JsonNode> params = new ArrayList<>();
        op.path("parameters").forEach(params::add);
        Map<String, String> validPath = new LinkedHashMap<>();
        Map<String, String> validQuery = new LinkedHashMap<>();
        Map<String, String> validHeaders = new LinkedHashMap<>();
        for (JsonNode p : params) {
            String name = p.path("name").asText();
            switch (p.path("in").asText()) {
                case "path" -> validPath.put(name, pathValues.getOrDefault(name, List.of(UUID.randomUUID().toString())).getFirst());
                case "query" -> {
                    JsonNode sample = hint.apply(name);
                    if (sample != null) {
                        validQuery.put(name, sample.asText());
                    }
                }
                default -> {
                    // headers are only sent when fuzzed
                }
            }
        }
        JsonNode schema = bodySchema(op);
        JsonNode body = schema == null ? null : sample(schema, "", 0);
        String json = body == null ? null : JSON.writeValueAsString(body);

        request(method, template, validPath, validQuery, Map.of(), json, "as documented");
        for (JsonNode p : params) {
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            List<String> values = new ArrayList<>(HOSTILE_TEXT);
            if (in.equals("path")) {
                values.addAll(pathValues.getOrDefault(name, List.of()));
                values.add(UUID.randomUUID().toString());
            }
            for (String value : values) {
                switch (in) {
                    case "path" -> {
                        var changed = new LinkedHashMap<>(validPath);
                        changed.put(name, value);
                        request(method, template, changed, validQuery, Map.of(), json, "path " + name);
                    }
                    case "query" -> {
                        var changed = new LinkedHashMap<>(validQuery);
                        changed.put(name, value);
                        request(method, template, validPath, changed, Map.of(), json, "query " + name);
                    }
                    case "header" -> {
                        if (!value.contains("\u0000") && !name.equalsIgnoreCase("Content-Type")) {
                            request(method, template, validPath, validQuery, Map.of(name, value), json, "header " + name);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (method.equals("GET") && params.stream().anyMatch(p -> p.path("name").asText().equals("page"))) {
            var deep = new LinkedHashMap<>(validQuery);
            deep.put("page", "2147483647");
            deep.put("size", "500");
            request(method, template, validPath, deep, Map.of(), null, "paging overflow");
            deep.put("page", "0");
            deep.put("size", "100000");
            request(method, template, validPath, deep, Map.of(), null, "page too large");
        }
        if (body != null) {
            for (String field : leaves(body, "")) {
                for (JsonNode value : HOSTILE) {
                    JsonNode changed = body.deepCopy();
                    JsonNode original = set(changed, field, value);
                    request(method, template, validPath, validQuery, Map.of(), JSON.writeValueAsString(changed),
                            "body " + field + "=" + describe(value), mustRefuse(original, value));
                }
            }
            for (String field : leaves(body, "")) {
                JsonNode list = get(body, field);
                if (list != null && list.isArray() && !list.isEmpty()) {
                    ArrayNode huge = NODES.arrayNode();
                    for (int i = 0; i < 5_000; i++) {
                        huge.add(list.get(0).deepCopy());
                    }
                    JsonNode changed = body.deepCopy();
                    set(changed, field, huge);
                    request(method, template, validPath, validQuery, Map.of(), JSON.writeValueAsString(changed),
                            "body " + field + "=5000 items", true);
                }
            }
            String raw = json;
            String firstKey = body.fieldNames().hasNext() ? body.fieldNames().next() : "x";
            request(method, template, validPath, validQuery, Map.of(),
                    raw.replaceFirst("\\{", "{\"" + firstKey + "\":null,"), "body duplicate key", true);
            request(method, template, validPath, validQuery, Map.of(), raw + " {}", "body trailing document", true);
            request(method, template, validPath, validQuery, Map.of(), raw.substring(0, raw.length() / 2), "body truncated");
            for (String other : List.of("null", "[]", "\"text\"", "42", "{", "")) {
                request(method, template, validPath, validQuery, Map.of(), other, "body " + other);
            }
            request(method, template, validPath, validQuery, Map.of("Content-Type", "text/plain"), raw, "text/plain body", true);
            request(method, template, validPath, validQuery, Map.of("Content-Type", ""), raw, "body without content type",
                    true);
            request(method, template, validPath, validQuery, Map.of("Accept", "text/csv"), raw, "Accept text/csv");
        }
    }

    /** Requests only the HTTP layer sees: too long, too large, the wrong method. */
    private void httpLayer(long maxBodyBytes) throws IOException, InterruptedException {
        String anyPath = openapi.path("paths").fieldNames().next();
        String concrete = fill(anyPath, Map.of());
        probe("GET", concrete + "?q=" + "a".repeat(9000), Map.of(), null, "URI of 9000 characters");
        probe("GET", concrete, Map.of("X-Padding", "a".repeat(20_000)), null, "20 KB of headers");
        probe("PATCH", concrete, Map.of("Content-Type", "application/json"), "{}", "unsupported method");
        probe("GET", "/no-such-thing", Map.of(), null, "unknown path");
        probe("GET", concrete, Map.of("Authorization", "Bearer not.a.token"), null, "a bearer token that is not one");
        probe("GET", concrete, Map.of("Authorization", "Basic " + "x".repeat(5000)), null, "another scheme, oversized");
        probe("GET", concrete, Map.of("Authorization", ""), null, "an empty Authorization");
        String post = postPath();
        if (post != null) {
            byte[] big = new byte[(int) Math.min(maxBodyBytes + 1024, Integer.MAX_VALUE - 16)];
            java.util.Arrays.fill(big, (byte) ' ');
            big[0] = '{';
            big[big.length - 1] = '}';
            UUID correlation = UUID.randomUUID();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + post))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token.get())
                        .header("X-Correlation-Id", correlation.toString())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
                check("POST", post, "body larger than the service takes", r, correlation, true);
            } catch (IOException e) {
                dropped("POST", post, "body larger than the service takes", e);
            }
        }
    }

    private void probe(String method, String uri, Map<String, String> headers, String body, String what)
            throws InterruptedException {
        try {
            check(method, uri.length() > 80 ? uri.substring(0, 80) + "..." : uri, what,
                    send(method, uri, headers, body, UUID.randomUUID(), what));
        } catch (IOException e) {
            dropped(method, uri, what, e);
        }
    }

    private String postPath() {
        Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields();
        while (paths.hasNext()) {
            var p = paths.next();
            if (p.getValue().has("post") && bodySchema(p.getValue().path("post")) != null) {
                return fill(p.getKey(), Map.of());
            }
        }
        return null;
    }

    private void request(String method, String template, Map<String, String> path, Map<String, String> query,
                         Map<String, String> headers, String body, String what) throws IOException, InterruptedException {
        request(method, template, path, query, headers, body, what, false);
    }

    /** @param mustRefuse a value no endpoint may take (it must never be stored): a 2xx is a failure */
    private void request(String method, String template, Map<String, String> path, Map<String, String> query,
                         Map<String, String> headers, String body, String what, boolean mustRefuse)
            throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder(fill(template, path));
        String sep = "?";
        for (var q : query.entrySet()) {
            uri.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            sep = "&";
        }
        UUID correlation = UUID.randomUUID();
        HttpResponse<String> response;
        try {
            response = send(method, uri.toString(), headers, body, correlation, what);
        } catch (IllegalArgumentException unsendable) {
            return; // a header value HTTP cannot carry (the client refuses to send it, so no server will see it)
        } catch (IOException e) {
            dropped(method, template, what, e);
            return;
        }
        check(method, template, what, response, correlation, mustRefuse);
    }

    private void check(String method, String path, String what, HttpResponse<String> r) {
        check(method, path, what, r, null, false);
    }

    /** A request the service answered with a dropped connection instead of a status. */
    private void dropped(String method, String path, String what, IOException e) {
        failures.add("no answer: " + method + " " + path + " [" + what + "]: " + e.getMessage());
    }

    private void check(String method, String path, String what, HttpResponse<String> r, UUID correlation,
                       boolean mustRefuse) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        String body = r.body() == null ? "" : r.body();
        Outcome outcome = new Outcome(method, path, what, r.statusCode(), type, body.length() > 300 ? body.substring(0, 300) : body,
                correlation);
        outcomes.add(outcome);
        String where = method + " " + path + " [" + what + "] -> " + r.statusCode() + " " + type + " " + outcome.body();
        if (r.statusCode() >= 500) {
            failures.add("5xx: " + where);
        } else if (r.statusCode() >= 400) {
            if (type.startsWith("text/html") && path.startsWith("/surveys/{token}")) {
                return; // the customer's survey page answers a browser in HTML, errors included
            }
            if (!type.startsWith("application/problem+json")) {
                failures.add("not problem+json: " + where);
            } else {
                try {
                    if (JSON.readTree(body).path("status").asInt() != r.statusCode()) {
                        failures.add("problem status differs: " + where);
                    }
                } catch (IOException e) {
                    failures.add("unreadable problem: " + where);
                }
            }
        } else if (r.statusCode() < 300 && mustRefuse) {
            failures.add("accepted: " + where);
        }
    }

    /**
     * Whether {@code value} in place of {@code original} must be refused whatever the endpoint: an oversized or NUL
     * string anywhere, an impossible date in a date field, a negative number in a count.
     */
    private static boolean mustRefuse(JsonNode original, JsonNode value) {
        String text = value.isTextual() ? value.asText() : "";
        boolean dateField = original != null && original.isTextual() && original.asText().matches("\\d{4}-\\d{2}-\\d{2}.*");
        return text.length() >= OVERSIZED || text.contains("\u0000")
                || dateField && (text.startsWith("+") || text.startsWith("-") || text.equals("2026-02-30") || text.equals("1700000000"))
                || original != null && original.isIntegralNumber() && value.isNumber() && value.asDouble() < 0;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual() && value.asText().length() >= OVERSIZED) {
            return "oversized string";
        }
        if (value.isTextual() && value.asText().contains("\u0000")) {
            return "NUL string";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    private HttpResponse<String> send(String method, String uri, Map<String, String> headers, String body,
                                      UUID correlation, String what) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + uri)).timeout(Duration.ofSeconds(30));
        if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Authorization"))) {
            b.header("Authorization", "Bearer " + token.get());
        }
        boolean typed = false;
        for (var h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Type")) {
                typed = true;
                if (h.getValue().isEmpty()) {
                    continue;
                }
            }
            b.header(h.getKey(), h.getValue());
        }
        if (body != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        if (correlation != null && headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("X-Correlation-Id"))) {
            b.header("X-Correlation-Id", correlation.toString());
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException(method + " " + uri + " [" + what + "] failed: " + e, e);
        }
    }

    private JsonNode bodySchema(JsonNode op) {
        JsonNode content = op.path("requestBody").path("content");
        JsonNode schema = content.path("application/json").path("schema");
        return schema.isMissingNode() ? null : resolve(schema);
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            schema = openapi.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (schema.has("allOf")) {
            return resolve(schema.path("allOf").get(0));
        }
        return schema;
    }

    /** A value the schema calls valid; {@code hint} first for fields whose pattern the schema cannot show. */
    private JsonNode sample(JsonNode schema, String name, int depth) {
        JsonNode hinted = name.isEmpty() ? null : hint.apply(name);
        if (hinted != null) {
            return hinted;
        }
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String format = schema.path("format").asText();
        return switch (schema.path("type").asText()) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                if (depth < 5) {
                    schema.path("properties").fields().forEachRemaining(p -> o.set(p.getKey(), sample(p.getValue(), p.getKey(), depth + 1)));
                }
                yield o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                a.add(sample(schema.path("items"), name + "[]", depth + 1));
                yield a;
            }
            case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            default -> switch (format) {
                case "date" -> NODES.textNode("2026-11-20");
                case "date-time" -> NODES.textNode("2026-11-20T08:00:00Z");
                case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                default -> NODES.textNode("fuzz");
            };
        };
    }

    /** The paths of a body's scalar leaves and of its arrays and objects: {@code customer.name}, {@code items[0].paid}. */
    private static List<String> leaves(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            if (!prefix.isEmpty()) {
                out.add(prefix);
            }
            node.fields().forEachRemaining(f -> out.addAll(leaves(f.getValue(), prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey())));
        } else if (node.isArray()) {
            out.add(prefix);
            if (!node.isEmpty()) {
                out.addAll(leaves(node.get(0), prefix + "[0]"));
            }
        } else {
            out.add(prefix);
        }
        return out;
    }

    /** What is at {@code path}, or null. */
    private static JsonNode get(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            boolean indexed = part.endsWith("[0]");
            node = node.path(indexed ? part.substring(0, part.length() - 3) : part);
            if (indexed) {
                node = node.path(0);
            }
        }
        return node.isMissingNode() ? null : node;
    }

    /** Puts {@code value} at {@code path}; returns what was there. */
    private static JsonNode set(JsonNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            String key = part.endsWith("[0]") ? part.substring(0, part.length() - 3) : part;
            if (part.endsWith("[0]")) {
                ArrayNode array = (ArrayNode) node.path(key);
                if (last) {
                    JsonNode before = array.get(0);
                    array.set(0, value);
                    return before;
                }
                node = array.get(0);
            } else if (last) {
                return ((ObjectNode) node).replace(key, value);
            } else {
                node = node.path(key);
            }
        }
        return null;
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (var v : values.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", encode(v.getValue()));
        }
        return out.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
