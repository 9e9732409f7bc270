package clinic.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run keeps Keycloak's database between runs, and a change to the realm file still reaches it: the import
 * skips a realm that exists, so the database it was imported into has to go.
 */
class IdentityProviderDataTest {

    static final byte[] REALM = "{\"realm\": \"clinic\", \"clients\": []}".getBytes(StandardCharsets.UTF_8);
    static final byte[] CHANGED = "{\"realm\": \"clinic\", \"clients\": [\"branch-GZ001\"]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void the_database_of_the_same_realm_is_kept_between_runs(@TempDir Path dir) throws Exception {
        Path database = IdentityProvider.dropIfRealmChanged(dir, REALM);
        Files.writeString(database.resolve("keycloakdb.mv.db"), "users, sessions");

        Path again = IdentityProvider.dropIfRealmChanged(dir, REALM);

        assertThat(again).isEqualTo(database);
        assertThat(again.resolve("keycloakdb.mv.db")).hasContent("users, sessions");
    }

    @Test
    void a_changed_realm_file_drops_the_database_so_that_it_is_imported_afresh(@TempDir Path dir) throws Exception {
        Path database = IdentityProvider.dropIfRealmChanged(dir, REALM);
        Files.writeString(database.resolve("keycloakdb.mv.db"), "the old realm");

        Path fresh = IdentityProvider.dropIfRealmChanged(dir, CHANGED);

        assertThat(fresh).isEmptyDirectory();
        // and the next run with the changed file keeps what that import made
        Files.writeString(fresh.resolve("keycloakdb.mv.db"), "the new realm");
        assertThat(IdentityProvider.dropIfRealmChanged(dir, CHANGED).resolve("keycloakdb.mv.db")).hasContent("the new realm");
    }

    @Test
    void a_database_from_before_the_realm_was_recorded_is_dropped(@TempDir Path dir) throws Exception {
        Path database = Files.createDirectories(dir.resolve("h2"));
        Files.writeString(database.resolve("keycloakdb.mv.db"), "imported from an unknown realm file");

        assertThat(IdentityProvider.dropIfRealmChanged(dir, REALM)).isEmptyDirectory();
    }
}
