package clinic.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run keeps Keycloak's database between runs, and a change to the realm file (or to Keycloak's version) still
 * reaches it: the import skips a realm that exists, so the database it was imported into has to go. The tests' starts
 * always begin from the realm file.
 */
class IdentityProviderDataTest {

    static final String REALM = "realm digest 1 keycloak-26.5.6-0a1b2c3d";
    static final String CHANGED = "realm digest 2 keycloak-26.5.6-0a1b2c3d";

    @Test
    void the_database_made_from_the_same_realm_is_kept_between_runs(@TempDir Path dir) throws Exception {
        Path database = IdentityProvider.databaseFor(dir, REALM);
        Files.writeString(database.resolve("keycloakdb.mv.db"), "users, sessions");
        IdentityProvider.recordMadeFrom(dir, REALM);

        Path again = IdentityProvider.databaseFor(dir, REALM);

        assertThat(again).isEqualTo(database);
        assertThat(again.resolve("keycloakdb.mv.db")).hasContent("users, sessions");
    }

    @Test
    void a_changed_realm_file_or_version_drops_the_database_so_that_it_is_imported_afresh(@TempDir Path dir) throws Exception {
        Path database = IdentityProvider.databaseFor(dir, REALM);
        Files.writeString(database.resolve("keycloakdb.mv.db"), "the old realm");
        IdentityProvider.recordMadeFrom(dir, REALM);

        Path fresh = IdentityProvider.databaseFor(dir, CHANGED);

        assertThat(fresh).isEmptyDirectory();
        // once Keycloak has started on it, the next run with the changed file keeps what that import made
        Files.writeString(fresh.resolve("keycloakdb.mv.db"), "the new realm");
        IdentityProvider.recordMadeFrom(dir, CHANGED);
        assertThat(IdentityProvider.databaseFor(dir, CHANGED).resolve("keycloakdb.mv.db")).hasContent("the new realm");
    }

    @Test
    void a_database_whose_start_never_succeeded_is_dropped(@TempDir Path dir) throws Exception {
        Path database = IdentityProvider.databaseFor(dir, REALM);
        Files.writeString(database.resolve("keycloakdb.mv.db"), "half an import");
        // no recordMadeFrom: Keycloak never answered on it

        assertThat(IdentityProvider.databaseFor(dir, REALM)).isEmptyDirectory();
    }

    @Test
    void the_tests_start_from_the_realm_file_whatever_a_previous_run_added(@TempDir Path dir) throws Exception {
        Path database = IdentityProvider.databaseFor(dir, REALM);
        Files.writeString(database.resolve("keycloakdb.mv.db"), "a user a previous test run added");
        IdentityProvider.recordMadeFrom(dir, REALM);

        assertThat(IdentityProvider.databaseFor(dir, null)).isEmptyDirectory();
    }
}
