package clinic.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak, the identity provider of the local run and the system tests, started from its server distribution (which
 * the build resolves from Maven Central) with the realm kept in the repository ({@code clinic-realm.json}: the roles,
 * the demo users, a client per branch system).
 *
 * <p>The distribution is built once when it is unpacked ({@code kc.sh build}: Keycloak's own Quarkus augmentation, about
 * 10 s) and every start is {@code start --optimized}; {@code start-dev} did that augmentation again on each start. Its
 * database is an H2 file in the data folder it is given: the local run keeps it between runs (a start on existing data
 * takes about 10 s instead of some 40 s of creating the schema and importing the realms), tests give a fresh folder. When
 * {@code clinic-realm.json} changes, the local run's Keycloak database is dropped and the realm imported afresh.
 */
public final class IdentityProvider implements AutoCloseable {

    /** The realm every service trusts. */
    public static final String REALM = "clinic";

    /** A person of the realm's demo (password: the username followed by {@code -local}). */
    public record DemoUser(String username, String role, String branches) {
        public String password() {
            return username + "-local";
        }
    }

    /** The realm's demo users (clinic-realm.json), as ./run-local lists them. */
    public static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("li.na", "branch-staff", "SH001"),
            new DemoUser("zhao.lei", "branch-manager", "SH001,SH002"),
            new DemoUser("chen.jie", "branch-staff", "BJ001"),
            new DemoUser("wang.fang", "hq-analyst", "all"),
            new DemoUser("sun.min", "hq-approver", "all"),
            new DemoUser("ops.zhou", "operations", "all"),
            new DemoUser("dpo.liu", "privacy-officer", "all"));

    /** The branch systems' clients ({@code branch-<id>}, secret {@code branch-<id>-local-secret}). */
    public static final List<String> BRANCH_CLIENTS = List.of("SH001", "SH002", "BJ001", "HK001");

    private final Process process;
    private final int port;
    private final Path log;

    private IdentityProvider(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Keycloak on {@code port} with a fresh database and its log in {@code dir}, and waits until the realm answers
     * (about 20 s: the schema is created and the realms imported). What the tests use: each run starts from the realm
     * file, whatever a previous run added (users, sessions).
     */
    public static IdentityProvider start(Path dir, int port) throws Exception {
        return start(dir, port, false);
    }

    /**
     * Starts Keycloak on {@code port} with the database it kept in {@code dir} (the local run's), and waits until the
     * realm answers: about 10 s on its own, longer while the services start beside it. A new database, imported from the
     * realm file, when there is none or when the realm file or Keycloak's version changed since it was made.
     */
    public static IdentityProvider startKeepingData(Path dir, int port) throws Exception {
        return start(dir, port, true);
    }

    private static IdentityProvider start(Path dir, int port, boolean keep) throws Exception {
        Path home = install();
        byte[] realm;
        try (InputStream in = IdentityProvider.class.getResourceAsStream("clinic-realm.json")) {
            realm = in.readAllBytes();
        }
        writeAtomically(Files.createDirectories(home.resolve("data").resolve("import")).resolve("clinic-realm.json"), realm);
        String madeFrom = sha256(realm) + " " + home.getFileName();
        Path database = databaseFor(Files.createDirectories(dir), keep ? madeFrom : null);
        Path log = dir.resolve("keycloak.log");
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("kc.sh").toString(), "start",
                "--optimized", "--http-enabled=true", "--http-port=" + port, "--hostname-strict=false",
                "--import-realm", "--cache=local",
                "--db-url=jdbc:h2:file:" + database.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-local");
        IdentityProvider started = new IdentityProvider(builder.start(), port, log);
        try {
            started.awaitRealm(Duration.ofSeconds(180));
            recordMadeFrom(dir, madeFrom);
            return started;
        } catch (Exception e) {
            started.close();
            throw e;
        }
    }

    /**
     * The folder of Keycloak's H2 database in {@code dir}. Emptied first unless it was made from {@code madeFrom} (the
     * realm file's digest and Keycloak's version, as {@link #recordMadeFrom} noted after a start that worked); a null
     * {@code madeFrom} always empties it. The import skips a realm that exists, so a changed realm (a new client, a new
     * role) would otherwise never reach a kept database; and an older Keycloak refuses a newer one's. What is lost is
     * that Keycloak's own state (sessions, changed passwords).
     */
    static Path databaseFor(Path dir, String madeFrom) throws IOException {
        Path database = dir.resolve("h2");
        Path recorded = dir.resolve("h2-made-from");
        boolean same = madeFrom != null && Files.exists(recorded) && Files.readString(recorded).equals(madeFrom);
        if (!same) {
            Files.deleteIfExists(recorded);
            if (Files.isDirectory(database)) {
                try (var files = Files.list(database)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
        return Files.createDirectories(database);
    }

    /** Notes what the database in {@code dir} was made from, once Keycloak has started on it and answered. */
    static void recordMadeFrom(Path dir, String madeFrom) throws IOException {
        writeAtomically(dir.resolve("h2-made-from"), madeFrom.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the file whole or not at all: another Keycloak starting at the same moment never reads half of it. */
    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer of the realm's tokens. */
    public String issuer() {
        return issuer(port);
    }

    /** The issuer of the realm's tokens when Keycloak listens on {@code port} (what the services are told to trust). */
    public static String issuer(int port) {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    /** The token endpoint (client credentials for branch systems, password grant for people on the local run). */
    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** The realm's public keys, for the services to check token signatures. */
    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public int port() {
        return port;
    }

    /** An access token for a branch system's client ({@code branch-SH001}, its secret). */
    public String clientToken(String clientId, String secret) {
        return token("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret);
    }

    /**
     * A person's access tokens as a caller keeps them: the same one until a minute before it expires (the realm's tokens
     * live 5 minutes), then a new one.
     */
    public java.util.function.Supplier<String> userTokens(String username, String password) {
        return new java.util.function.Supplier<>() {
            private String token;
            private long expires;

            @Override
            public synchronized String get() {
                if (token == null || System.currentTimeMillis() / 1000 > expires - 60) {
                    token = userToken(username, password);
                    expires = expiry(token);
                }
                return token;
            }
        };
    }

    /** The {@code exp} of a token, in epoch seconds. */
    static long expiry(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        java.util.regex.Matcher exp = java.util.regex.Pattern.compile("\"exp\"\\s*:\\s*(\\d+)").matcher(payload);
        if (!exp.find()) {
            throw new IllegalStateException("a token without an expiry");
        }
        return Long.parseLong(exp.group(1));
    }

    /** An access token for a person (demo users, local runs and tests only). */
    public String userToken(String username, String password) {
        return token("grant_type", "password", "client_id", "clinic-cli", "username", username, "password", password);
    }

    /**
     * Adds a person to the realm through Keycloak's admin API, as an administrator would: {@code roles} (realm roles)
     * over {@code branches}, password {@code password}. For tests that need an account the demo users do not cover (a
     * branch of their own); {@link #userToken} then gets their token.
     */
    public void addUser(String username, String password, List<String> roles, List<String> branches) {
        String admin = token(URI.create("http://localhost:" + port + "/realms/master/protocol/openid-connect/token"),
                "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin-local");
        String users = "http://localhost:" + port + "/admin/realms/" + REALM + "/users";
        String user = "{\"username\":" + JsonText.quote(username) + ",\"enabled\":true,\"emailVerified\":true,"
                + "\"firstName\":\"Test\",\"lastName\":\"User\",\"email\":" + JsonText.quote(username + "@clinic.example")
                + ",\"credentials\":[{\"type\":\"password\",\"value\":" + JsonText.quote(password) + ",\"temporary\":false}],"
                + "\"attributes\":{\"branches\":" + JsonText.array(branches) + "}}";
        HttpResponse<String> created = admin(admin, "POST", users, user);
        String location = created.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("Keycloak did not create " + username + ": " + created.body()));
        StringBuilder mappings = new StringBuilder("[");
        for (String role : roles) {
            String representation = admin(admin, "GET", "http://localhost:" + port + "/admin/realms/" + REALM + "/roles/"
                    + role, null).body();
            mappings.append(mappings.length() > 1 ? "," : "").append(representation);
        }
        admin(admin, "POST", location + "/role-mappings/realm", mappings.append(']').toString());
    }

    private HttpResponse<String> admin(String token, String method, String url, String json) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token of the demo HQ analyst (wang.fang): what the smoke check reads the dashboard's measures with. */
    public String hqToken() {
        return userToken("wang.fang", "wang.fang-local");
    }

    /** What ./run-local prints: the users, the branch clients and a curl line that gets a token. */
    public String describe() {
        StringBuilder out = new StringBuilder(String.format("Keycloak    %s (admin console: admin / admin-local)%n",
                "http://localhost:" + port + "/admin/master/console/"));
        out.append(String.format("  demo users (password: <username>-local):%n"));
        for (DemoUser u : DEMO_USERS) {
            out.append(String.format("    %-10s %-16s branches %s%n", u.username(), u.role(), u.branches()));
        }
        out.append(String.format("  branch systems: client branch-<id>, secret branch-<id>-local-secret, for %s%n",
                String.join(", ", BRANCH_CLIENTS)));
        out.append(String.format("  HQ's dashboard: http://localhost:8084/hq/ (sign in as wang.fang, or zhao.lei for SH001-2)%n"));
        out.append(String.format("  a token: curl -s %s -d grant_type=password -d client_id=clinic-cli "
                + "-d username=li.na -d password=li.na-local | jq -r .access_token%n", tokenEndpoint()));
        return out.toString();
    }

    /** The access token the realm's token endpoint answers for a form of {@code name, value, ...}. */
    private String token(String... form) {
        return token(URI.create(tokenEndpoint()), form);
    }

    /** The access token {@code endpoint} answers for a form of {@code name, value, ...} (each value URL-encoded). */
    private static String token(URI endpoint, String... form) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(form[i]).append('=')
                    .append(java.net.URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token (" + response.statusCode() + "): " + response.body());
            }
            // a JWT holds no quote or backslash, so it ends at the next quote; no JSON library on the launcher's path
            String answer = response.body();
            String key = "\"access_token\":\"";
            int start = answer.indexOf(key);
            if (start < 0) {
                throw new IllegalStateException("the token endpoint answered without an access token");
            }
            start += key.length();
            return answer.substring(start, answer.indexOf('"', start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitRealm(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak stopped while starting; its log: " + log + "\n"
                            + DevStack.logTail(log, 30));
                }
                try {
                    var response = http.send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within " + timeout + "; its log: "
                + log + "\n" + DevStack.logTail(log, 30));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The options of Keycloak's build step, which {@code start --optimized} relies on: an H2 file database, no health. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=false");

    /**
     * Unpacks the distribution once per version and build options into a cache folder shared by every run on this
     * machine, and builds it there ({@code kc.sh build}) before it is moved into place ({@link DevStack#installOnce}).
     */
    static synchronized Path install() throws IOException {
        Properties build = new Properties();
        try (InputStream in = IdentityProvider.class.getResourceAsStream("keycloak.properties")) {
            build.load(in);
        }
        String version = build.getProperty("version");
        Path zip = Path.of(build.getProperty("zip"));
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "clinic-dev-stack", "keycloak-" + version + "-"
                + sha256(String.join(" ", BUILD_OPTIONS).getBytes(StandardCharsets.UTF_8)).substring(0, 8));
        if (!Files.exists(cache.resolve(".installed")) && !Files.exists(zip)) {
            throw new IllegalStateException("Keycloak's distribution is not at " + zip + ": build dev-stack first "
                    + "(./mvnw install -pl dev-stack) so that Maven fetches it");
        }
        return DevStack.installOnce(cache, staging -> {
            unpack(zip, "keycloak-" + version + "/", staging);
            build(staging);
        });
    }

    private static void unpack(Path zip, String top, Path staging) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName().startsWith(top) ? entry.getName().substring(top.length()) : entry.getName();
                Path target = staging.resolve(name).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("archive entry escapes its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (name.startsWith("bin/") && name.endsWith(".sh")) {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }

    /** Keycloak's build step, with {@link #BUILD_OPTIONS}. */
    private static void build(Path home) throws IOException {
        Path log = home.resolve("build.log");
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process process = builder.start();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("Keycloak's build did not end within 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException("Keycloak's build failed (exit " + process.exitValue() + "): "
                        + DevStack.logTail(log, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Keycloak was built", e);
        }
    }
}
