package clinic.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Calls the services with the run's bearer token. A 2xx answer is returned; anything else becomes an
 * {@link OpsException} that says it readably: the service, the status, a problem response's title, detail and fields
 * at fault; a service that cannot be reached is named with the URL tried and the option that sets it.
 */
final class ServiceClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** A redrive answers when the broker has taken every event (up to a million): it may take minutes. */
    static final Duration REDRIVE_TIMEOUT = Duration.ofMinutes(30);

    private final ClinicOps ops;
    private final Tokens tokens;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    ServiceClient(ClinicOps ops, Tokens tokens) {
        this.ops = ops;
        this.tokens = tokens;
    }

    /** GET {@code path} (with its query) of {@code service}: the body of a 2xx answer. */
    String get(Service service, String path) throws InterruptedException {
        return send(service, request(service, path).GET().header("Accept", "application/json").build());
    }

    /** POST {@code json} to {@code path} of {@code service}: the body of a 2xx answer. */
    String post(Service service, String path, JsonNode json) throws InterruptedException {
        return send(service, request(service, path)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(json))).build());
    }

    /**
     * POST to {@code path} of {@code service} and read the answer line by line as it arrives (NDJSON). The stream's
     * lines come while the service sends them; reading it throws {@link java.io.UncheckedIOException} when the
     * connection drops.
     */
    Stream<String> postLines(Service service, String path, String accept) throws InterruptedException {
        HttpRequest request = request(service, path).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<Stream<String>> response = exchange(service, request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() / 100 != 2) {
            String body;
            try (Stream<String> lines = response.body()) {
                body = lines.collect(Collectors.joining("\n"));
            } catch (java.io.UncheckedIOException e) {
                body = "";
            }
            throw failure(service, request, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
        }
        return response.body();
    }

    private HttpRequest.Builder request(Service service, String path) throws InterruptedException {
        String url = ops.url(service) + path;
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(path.startsWith("/operations/redrive") ? REDRIVE_TIMEOUT : REQUEST_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new OpsException("error: " + ClinicOps.option(service) + " " + ops.url(service) + " is not a URL: " + e.getMessage());
        }
        String token = tokens.token(http);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private String send(Service service, HttpRequest request) throws InterruptedException {
        HttpResponse<String> response = exchange(service, request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw failure(service, request, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(Service service, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws InterruptedException {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(service, "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw new OpsException("error: " + service.serviceName() + " at " + ops.url(service) + " did not answer "
                    + request.method() + " " + request.uri().getRawPath() + " within "
                    + request.timeout().orElse(REQUEST_TIMEOUT).toSeconds() + " s");
        } catch (IOException e) {
            if (Errors.causedBy(e, ConnectException.class)) {
                throw unreachable(service, "connection refused");
            }
            throw unreachable(service, Errors.describe(e));
        }
    }

    private OpsException unreachable(Service service, String why) {
        return new OpsException("error: cannot reach " + service.serviceName() + " at " + ops.url(service) + " (" + why
                + "): is it running? Its address is set with " + ClinicOps.option(service) + " or "
                + "CLINIC_" + service.name().toUpperCase() + "_SERVICE");
    }

    /** A non-2xx answer in words: the problem response's title, detail and fields, or the body as it is. */
    OpsException failure(Service service, HttpRequest request, int status, String contentType, String body) {
        StringBuilder message = new StringBuilder("error: ").append(service.serviceName()).append(" answered ")
                .append(status);
        JsonNode problem = null;
        if (body != null && !body.isBlank() && (contentType.contains("json") || body.strip().startsWith("{"))) {
            try {
                problem = Json.MAPPER.readTree(body);
            } catch (IOException notJson) {
                problem = null;
            }
        }
        if (problem != null && problem.isObject()) {
            String title = Json.text(problem, "title");
            message.append(title != null ? " " + title : "");
            message.append(" to ").append(request.method()).append(' ').append(request.uri().getRawPath());
            String detail = Json.text(problem, "detail");
            if (detail != null) {
                message.append("\n  ").append(detail);
            }
            JsonNode errors = problem.get("errors");
            if (errors != null && errors.isArray()) {
                for (JsonNode error : errors) {
                    String field = Json.text(error, "field");
                    message.append("\n  - ").append(field == null ? "" : field + ": ").append(Json.text(error, "reason"));
                }
            }
            if (Json.text(problem, "currentState") != null) {
                message.append("\n  current state: ").append(Json.text(problem, "currentState"));
            }
            JsonNode steps = problem.get("allowedSteps");
            if (steps != null && steps.isArray() && !steps.isEmpty()) {
                message.append("\n  allowed steps: ");
                steps.forEach(s -> message.append(s.asText()).append(' '));
            }
        } else {
            message.append(" to ").append(request.method()).append(' ').append(request.uri().getRawPath());
            if (body != null && !body.isBlank()) {
                message.append("\n  ").append(Json.abbreviate(body));
            }
        }
        if (status == 401) {
            message.append("\n  ").append(tokens.signedIn()
                    ? "the token was refused: tokens live five minutes; sign in again (--user/--password) or pass a new --token"
                    : "not signed in: pass --token (or CLINIC_TOKEN), or --user and --password (CLINIC_USER, CLINIC_PASSWORD)");
        } else if (status == 403) {
            message.append("\n  the signed-in user may not do this: operations' commands need the operations role (e.g. ops.zhou)");
        }
        return new OpsException(message.toString().stripTrailing());
    }

    /** {@code value} as one URL path segment or query value. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
