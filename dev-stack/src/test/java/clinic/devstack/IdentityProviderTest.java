package clinic.devstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The identity provider starts from the repository's realm and issues the tokens the services will check. */
class IdentityProviderTest {

    static IdentityProvider keycloak;

    @BeforeAll
    static void start() throws Exception {
        long started = System.nanoTime();
        keycloak = IdentityProvider.start(Files.createTempDirectory("clinic-idp-"), DevStack.freePort());
        System.out.printf("dev-stack: Keycloak on %d, started in %d ms%n", keycloak.port(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void a_branch_system_gets_a_token_bound_to_its_branch_for_the_services() {
        String claims = claims(keycloak.clientToken("branch-SH001", "branch-SH001-local-secret"));

        assertThat(claims).contains("\"iss\":\"" + keycloak.issuer() + "\"")
                .contains("\"branches\":[\"SH001\"]")
                .contains("clinic-api")
                .contains("branch-staff");
    }

    @Test
    void a_person_gets_a_token_with_their_role_and_branches() {
        String staff = claims(keycloak.userToken("zhao.lei", "zhao.lei-local"));
        String hq = claims(keycloak.userToken("wang.fang", "wang.fang-local"));

        assertThat(staff).contains("branch-manager").contains("SH001").contains("SH002").contains("\"preferred_username\":\"zhao.lei\"");
        assertThat(hq).contains("hq-analyst").doesNotContain("\"branches\"");
    }

    @Test
    void every_demo_user_and_branch_system_run_local_lists_gets_a_token_with_its_role() {
        for (IdentityProvider.DemoUser u : IdentityProvider.DEMO_USERS) {
            assertThat(claims(keycloak.userToken(u.username(), u.password()))).as(u.username()).contains(u.role());
        }
        for (String branch : IdentityProvider.BRANCH_CLIENTS) {
            assertThat(claims(keycloak.clientToken("branch-" + branch, "branch-" + branch + "-local-secret")))
                    .contains("\"branches\":[\"" + branch + "\"]");
        }
        assertThat(keycloak.describe()).contains("li.na", "branch-<id>", "SH001, SH002, BJ001, HK001", keycloak.tokenEndpoint());
    }

    @Test
    void a_wrong_secret_or_password_gets_no_token() {
        assertThatThrownBy(() -> keycloak.clientToken("branch-SH001", "guess")).hasMessageContaining("401");
        assertThatThrownBy(() -> keycloak.userToken("li.na", "guess")).hasMessageContaining("401");
        // a form value is a value, never more form: no second client or user smuggled in
        assertThatThrownBy(() -> keycloak.userToken("li.na", "li.na-local&username=dpo.liu"))
                .hasMessageContaining("401");
    }
}
