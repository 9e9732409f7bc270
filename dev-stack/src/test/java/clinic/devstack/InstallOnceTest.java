package clinic.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The machine's cache of PostgreSQL's binaries and Keycloak's build: filled once, never half, nothing left behind. */
class InstallOnceTest {

    @Test
    void a_folder_is_filled_once_and_then_reused(@TempDir Path tmp) throws Exception {
        AtomicInteger fills = new AtomicInteger();
        Path cache = tmp.resolve("tool-1.0");

        for (int run = 0; run < 2; run++) {
            assertThat(DevStack.installOnce(cache, folder -> {
                fills.incrementAndGet();
                Files.writeString(folder.resolve("bin"), "built");
            })).isEqualTo(cache);
        }

        assertThat(fills).hasValue(1);
        assertThat(cache.resolve("bin")).hasContent("built");
    }

    @Test
    void a_failed_fill_leaves_neither_the_folder_nor_its_staging_and_the_next_run_fills_it(@TempDir Path tmp)
            throws Exception {
        Path cache = tmp.resolve("tool-1.0");

        assertThatThrownBy(() -> DevStack.installOnce(cache, folder -> {
            Files.writeString(folder.resolve("half"), "unpacked");
            throw new IOException("the build failed");
        })).hasMessage("the build failed");

        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsOnly("tool-1.0.lock");
        }
        DevStack.installOnce(cache, folder -> Files.writeString(folder.resolve("bin"), "built"));
        assertThat(cache.resolve("bin")).hasContent("built");
        assertThat(cache.resolve("half")).doesNotExist();
    }
}
