package clinic.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bearer tokens for the services' tests, signed with the test key pair in {@code clinic/devstack/test-tokens} (public
 * in this repository, trusted only by services under test: {@link #serviceConfig()}), shaped like the identity
 * provider's: issuer, audience {@code clinic-api}, roles in {@code groups}, branches in {@code branches}. The system tests
 * use real tokens of the Keycloak dev-stack starts ({@link IdentityProvider}) instead.
 *
 * <p>{@link RestAssuredTokens} puts {@link #defaultToken()} on every RestAssured request that carries no
 * {@code Authorization} of its own ({@link #NONE} sends none), so that a test about something else need not say who
 * calls; a test about access names its caller.
 */
public final class TestTokens {

    public static final String ISSUER = "https://identity.test.clinic.invalid/realms/clinic";
    public static final String AUDIENCE = "clinic-api";
    /** As the Authorization header's value: the request is sent without one. */
    public static final String NONE = "none";

    /** The default caller's branches: every fixed branch the services' tests use. */
    public static final List<String> DEFAULT_BRANCHES = List.of("SH001", "SH002", "SH003", "SH009", "SH010", "SH011",
            "SH012", "SH020", "SH030", "SH040", "SH045", "SH050", "SH060", "SH070", "SH075", "SH080", "SH201", "SH9SLA",
            "SH9RULE", "SH9POL", "BJ001", "BJ002", "HK001", "ZZ999");
    /** The default caller's roles: branch staff of {@link #DEFAULT_BRANCHES}, who may also approve, rebuild and erase. */
    public static final List<String> DEFAULT_ROLES = List.of("branch-staff", "branch-manager", "hq-approver", "operations",
            "privacy-officer");
    public static final String DEFAULT_SUBJECT = "test-staff";

    private static final PrivateKey KEY = privateKey();
    private static final PrivateKey OTHER_KEY = otherKey();
    private static volatile String defaultToken;
    private static final ThreadLocal<String> CALLER = new ThreadLocal<>();

    private TestTokens() {
    }

    /** What a service under test is configured with to trust these tokens (DevStackResource adds it). */
    public static Map<String, String> serviceConfig() {
        return Map.of("mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.publickey.location", "classpath:clinic/devstack/test-tokens/public-key.pem");
    }

    /** A token valid for an hour. */
    public static String of(String subject, List<String> roles, List<String> branches) {
        Instant now = Instant.now();
        return sign(KEY, ISSUER, subject, roles, branches, now, now.plus(Duration.ofHours(1)));
    }

    /** Branch staff of {@code branches}, subject {@code staff-<first branch>}. */
    public static String staffOf(String... branches) {
        return of("staff-" + branches[0], List.of("branch-staff"), List.of(branches));
    }

    /** Someone with {@code role} alone and the given branches (for a branch role), subject the role's name. */
    public static String withRole(String role, String... branches) {
        return of(role, List.of(role), List.of(branches));
    }

    /** A token of this issuer and key that expired ten minutes ago (past the verifier's minute of clock skew). */
    public static String expired(String role, String... branches) {
        Instant now = Instant.now();
        return sign(KEY, ISSUER, role, List.of(role), List.of(branches), now.minus(Duration.ofHours(1)),
                now.minus(Duration.ofMinutes(10)));
    }

    /** A token from another issuer, signed with this issuer's key: only the issuer check refuses it. */
    public static String otherIssuer(String role, String... branches) {
        Instant now = Instant.now();
        return sign(KEY, "https://identity.elsewhere.invalid/realms/clinic", role, List.of(role), List.of(branches),
                now, now.plus(Duration.ofHours(1)));
    }

    /** A token of the right issuer signed with another key (forged): only the signature check refuses it. */
    public static String forged(String role, String... branches) {
        Instant now = Instant.now();
        return sign(OTHER_KEY, ISSUER, role, List.of(role), List.of(branches), now, now.plus(Duration.ofHours(1)));
    }

    /**
     * A token made of exactly this header and payload (JSON as given), signed with the test key when {@code signed}
     * (RS256 whatever the header says), else with an empty signature: for hostile tokens (alg none, claims of the
     * wrong type or missing).
     */
    public static String raw(String headerJson, String payloadJson, boolean signed) {
        String signingInput = base64(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + base64(payloadJson.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + (signed ? base64(rs256(KEY, signingInput)) : "");
    }

    /** An HS256 token whose HMAC key is the test public key's PEM text: the old algorithm-confusion attack. */
    public static String hmacWithThePublicKey(String payloadJson) {
        String signingInput = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64(payloadJson.getBytes(StandardCharsets.UTF_8));
        try (InputStream in = TestTokens.class.getResourceAsStream("/clinic/devstack/test-tokens/public-key.pem")) {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(in.readAllBytes(), "HmacSHA256"));
            return signingInput + "." + base64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a valid token of this issuer for {@code subject}, as JSON, for {@link #raw} to vary. */
    public static String claims(String subject, String groupsJson, String branchesJson) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":" + JsonText.quote(ISSUER) + ",\"sub\":" + JsonText.quote(subject) + ",\"aud\":"
                + JsonText.quote(AUDIENCE) + ",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"groups\":" + groupsJson + ",\"branches\":" + branchesJson + "}";
    }

    /** The default caller ({@link #DEFAULT_SUBJECT}, {@link #DEFAULT_ROLES}, {@link #DEFAULT_BRANCHES}), for 12 hours. */
    public static String defaultToken() {
        String token = defaultToken;
        if (token == null) {
            Instant now = Instant.now();
            token = sign(KEY, ISSUER, DEFAULT_SUBJECT, DEFAULT_ROLES, DEFAULT_BRANCHES, now, now.plus(Duration.ofHours(12)));
            defaultToken = token;
        }
        return token;
    }

    /**
     * Until closed, this thread's RestAssured requests without an Authorization header carry {@code token} instead of
     * the default one: {@code try (var as = TestTokens.callingAs(TestTokens.staffOf(branch))) { ... }} for a test of a
     * branch of its own.
     */
    public static Caller callingAs(String token) {
        String before = CALLER.get();
        CALLER.set(token);
        return new Caller(() -> {
            if (before == null) {
                CALLER.remove();
            } else {
                CALLER.set(before);
            }
        });
    }

    /** As {@link #callingAs}, for staff of a branch the default caller does not cover. */
    public static Caller asStaffOf(String branch) {
        return callingAs(staffOf(branch));
    }

    /** Who this thread's requests call as, until closed (then as before). */
    public static final class Caller implements AutoCloseable {
        private final Runnable restore;

        private Caller(Runnable restore) {
            this.restore = restore;
        }

        @Override
        public void close() {
            restore.run();
        }
    }

    /** The token this thread's requests carry when they name none: {@link #callingAs}'s, else the default one. */
    static String callerToken() {
        String token = CALLER.get();
        return token == null ? defaultToken() : token;
    }

    /** The header value for {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String sign(PrivateKey key, String issuer, String subject, List<String> roles, List<String> branches,
                               Instant issuedAt, Instant expires) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test\"}";
        String payload = "{\"iss\":" + JsonText.quote(issuer) + ",\"sub\":" + JsonText.quote(subject)
                + ",\"aud\":" + JsonText.quote(AUDIENCE)
                + ",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + expires.getEpochSecond()
                + ",\"jti\":" + JsonText.quote(UUID.randomUUID().toString()) + ",\"preferred_username\":" + JsonText.quote(subject)
                + ",\"groups\":" + JsonText.array(roles) + ",\"branches\":" + JsonText.array(branches) + "}";
        String signingInput = base64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + base64(rs256(key, signingInput));
    }

    private static byte[] rs256(PrivateKey key, String signingInput) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey privateKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/clinic/devstack/test-tokens/private-key.pem")) {
            if (in == null) {
                throw new IllegalStateException("the test key clinic/devstack/test-tokens/private-key.pem is missing");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the test key cannot be read", e);
        }
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
