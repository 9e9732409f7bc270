package clinic.ops;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bearer token the services are called with: {@code --token} as it is, or one asked of the identity provider with
 * the password grant of the public client {@code clinic-cli} for {@code --user} and {@code --password}, once per run.
 * Neither: no token (the services answer 401, and the message says how to sign in).
 */
final class Tokens {

    static final String CLIENT_ID = "clinic-cli";

    private final String token;
    private final String user;
    private final String password;
    private final String issuer;
    private String obtained;

    Tokens(String token, String user, String password, String issuer) {
        this.token = blankToNull(token);
        this.user = blankToNull(user);
        this.password = password;
        this.issuer = issuer == null ? null : issuer.replaceAll("/+$", "");
        if (this.token == null && this.user == null && password != null && !password.isEmpty()) {
            throw new OpsException("error: --password without --user: say who signs in with --user (or CLINIC_USER)");
        }
    }

    /** The token to send, or null when no way of signing in was given. */
    synchronized String token(HttpClient http) throws InterruptedException {
        if (token != null) {
            return token;
        }
        if (user == null) {
            return null;
        }
        if (obtained == null) {
            obtained = signIn(http);
        }
        return obtained;
    }

    boolean signedIn() {
        return token != null || user != null;
    }

    String tokenEndpoint() {
        return issuer + "/protocol/openid-connect/token";
    }

    private String signIn(HttpClient http) throws InterruptedException {
        if (password == null) {
            throw new OpsException("error: --user " + user + " needs a password: --password (or CLINIC_PASSWORD)");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", CLIENT_ID);
        form.put("username", user);
        form.put("password", password);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IllegalArgumentException e) {
            throw new OpsException("error: --issuer " + issuer + " is not a URL: " + e.getMessage());
        } catch (IOException e) {
            String why = Errors.causedBy(e, ConnectException.class) ? "connection refused" : Errors.describe(e);
            throw new OpsException("error: cannot reach the identity provider at " + issuer + " (" + why
                    + "); set --issuer (or CLINIC_ISSUER), or pass a token with --token");
        }
        var answer = response.body() == null || response.body().isBlank() ? null : safeRead(response.body());
        if (response.statusCode() / 100 == 2 && answer != null && Json.text(answer, "access_token") != null) {
            return Json.text(answer, "access_token");
        }
        String reason = answer == null ? null : Json.text(answer, "error_description");
        String code = answer == null ? null : Json.text(answer, "error");
        throw new OpsException("error: signing in as " + user + " at " + issuer + " failed (HTTP " + response.statusCode() + "): "
                + (reason != null ? reason : Json.abbreviate(response.body())) + (code != null ? " [" + code + "]" : ""));
    }

    private static com.fasterxml.jackson.databind.JsonNode safeRead(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
