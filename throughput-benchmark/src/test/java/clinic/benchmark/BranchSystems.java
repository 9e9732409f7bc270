package clinic.benchmark;

import clinic.devstack.IdentityProvider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The branch systems that file complaints: one Keycloak client per branch (client credentials), each of which may file
 * for its own branch only. Spreading the load over all of them is the nearest to a chain's many branches the realm has.
 */
final class BranchSystems {

    /** A branch system: its branch and its tokens as it keeps them. */
    record BranchSystem(String branch, Supplier<String> token) {
    }

    private BranchSystems() {
    }

    /** Every branch client of the realm, each with a token that is renewed before it expires. */
    static List<BranchSystem> of(IdentityProvider keycloak) {
        return IdentityProvider.BRANCH_CLIENTS.stream()
                .map(branch -> new BranchSystem(branch, renewing(keycloak, "branch-" + branch, "branch-" + branch + "-local-secret")))
                .toList();
    }

    /**
     * The same token until a minute before it expires (the realm's tokens live 5 minutes and the run is longer), then a
     * new one: the load must not die of an expired token halfway.
     */
    static Supplier<String> renewing(IdentityProvider keycloak, String clientId, String secret) {
        return new Supplier<>() {
            private String token;
            private long expires;

            @Override
            public synchronized String get() {
                if (token == null || System.currentTimeMillis() / 1000 > expires - 60) {
                    token = keycloak.clientToken(clientId, secret);
                    expires = expiry(token);
                }
                return token;
            }
        };
    }

    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    /** The token's {@code exp} claim, in epoch seconds. */
    static long expiry(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher exp = EXP.matcher(payload);
        if (!exp.find()) {
            throw new IllegalStateException("a token without an expiry");
        }
        return Long.parseLong(exp.group(1));
    }
}
