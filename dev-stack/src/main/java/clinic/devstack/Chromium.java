package clinic.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds Debian's {@code chromium} and {@code chromium-driver}, installing them with apt-get when they are missing and
 * the test runs as root (as on the CI machines). Empty when no browser can be had; a browser test then says so and
 * is skipped.
 */
public final class Chromium {

    /** The browser's binary and its WebDriver. */
    public record Browser(Path binary, Path driver) {

        /**
         * A headless browser (no sandbox: CI runs as root), with {@code options} added; quit it when done.
         * Selenium is the calling test's dependency.
         */
        public org.openqa.selenium.chrome.ChromeDriver start(
                java.util.function.Consumer<org.openqa.selenium.chrome.ChromeOptions> options) {
            var chrome = new org.openqa.selenium.chrome.ChromeOptions();
            chrome.setBinary(binary.toFile());
            chrome.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--lang=en-US");
            options.accept(chrome);
            var service = new org.openqa.selenium.chrome.ChromeDriverService.Builder()
                    .usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
            var browser = new org.openqa.selenium.chrome.ChromeDriver(service, chrome);
            browser.manage().timeouts().pageLoadTimeout(java.time.Duration.ofSeconds(30));
            return browser;
        }
    }

    private static final List<Path> BINARIES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final List<Path> DRIVERS = List.of(Path.of("/usr/bin/chromedriver"),
            Path.of("/usr/lib/chromium/chromedriver"));

    private Chromium() {
    }

    public static Optional<Browser> findOrInstall() {
        Optional<Browser> found = find();
        if (found.isPresent() || !canInstall()) {
            return found;
        }
        System.out.println("browser test: installing Debian's chromium and chromium-driver with apt-get");
        try {
            Process update = new ProcessBuilder("apt-get", "update", "-q").inheritIO().start();
            update.waitFor(5, TimeUnit.MINUTES);
            ProcessBuilder installing = new ProcessBuilder("apt-get", "install", "-y", "-q", "--no-install-recommends",
                    "chromium", "chromium-driver").inheritIO();
            installing.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process install = installing.start();
            if (!install.waitFor(10, TimeUnit.MINUTES)) {
                install.destroyForcibly();
            }
        } catch (IOException e) {
            System.out.println("browser test: apt-get failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return find();
    }

    private static Optional<Browser> find() {
        Optional<Path> binary = BINARIES.stream().filter(Files::isExecutable).findFirst();
        Optional<Path> driver = DRIVERS.stream().filter(Files::isExecutable).findFirst();
        return binary.isPresent() && driver.isPresent()
                ? Optional.of(new Browser(binary.get(), driver.get())) : Optional.empty();
    }

    private static boolean canInstall() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"));
    }
}
