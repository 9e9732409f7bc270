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

    /** A run that started Keycloak on a database made from {@code madeFrom}, which now holds {@code content}. */
    static Path startedOn(Path dir, String madeFrom, String content) throws Exception {
        Path database = IdentityProvider.databaseFor(dir, madeFrom);
        Files.writeString(database.resolve("keycloakdb.mv.db"), content);
        IdentityProvider.recordMadeFrom(dir, madeFrom);
        return database;
    }

    @Test
    void the_database_made_from_the_same_realm_is_kept_between_runs(@TempDir Path dir) throws Exception {
        Path database = startedOn(dir, REALM, "users, sessions");

        Path again = IdentityProvider.databaseFor(dir, REALM);

        assertThat(again).isEqualTo(database);
        assertThat(again.resolve("keycloakdb.mv.db")).hasContent("users, sessions");
    }

    @Test
    void a_changed_realm_file_or_version_drops_the_database_so_that_it_is_imported_afresh(@TempDir Path dir) throws Exception {
        startedOn(dir, REALM, "the old realm");

        assertThat(IdentityProvider.databaseFor(dir, CHANGED)).isEmptyDirectory();
        // once Keycloak has started on it, the next run with the changed file keeps what that import made
        startedOn(dir, CHANGED, "the new realm");
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
        startedOn(dir, REALM, "a user a previous test run added");

        assertThat(IdentityProvider.databaseFor(dir, null)).isEmptyDirectory();
    }
}
