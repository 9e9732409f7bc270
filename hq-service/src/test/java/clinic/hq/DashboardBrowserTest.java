package clinic.hq;

import clinic.devstack.Chromium;
import clinic.devstack.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static clinic.hq.Streams.sh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HQ dashboard (/hq/) in a real headless Chromium (Debian's) at 1280x900: signed in with an hq-analyst's token, it
 * shows the API's numbers for a period and a branch, lists the cases behind a number and a case's timeline, updates
 * itself when a new event arrives, and speaks English and Chinese.
 */
@QuarkusTest
class DashboardBrowserTest {

    static WebDriver browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void openBrowser() {
        var found = Chromium.findOrInstall();
        Assumptions.assumeTrue(found.isPresent(), "SKIPPED: no Chromium here (install Debian's chromium and "
                + "chromium-driver, or run as root with apt-get reachable); the HQ dashboard was not tested in a browser");
        browser = found.get().start(options -> {
            options.addArguments("--window-size=1280,900");
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        });
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void the_dashboard_shows_the_apis_numbers_drills_down_and_updates_itself() {
        String branch = Streams.newBranch();
        UUID first;
        UUID second;
        UUID third;
        try (Streams streams = new Streams()) {
            // three cases in March 2026: acknowledged after 1, 1.5 and 2.5 business hours (target 2), one resolved in 10
            first = streams.filed(branch, branch + "-0001", "FRONT_DESK", "TREATMENT_RESULT", sh("2026-03-02T09:00"));
            second = streams.filed(branch, branch + "-0002", "PHONE_HOTLINE", "SERVICE_ATTITUDE", sh("2026-03-03T10:00"));
            third = streams.filed(branch, branch + "-0003", "WEBSITE", "TREATMENT_RESULT", sh("2026-03-04T11:00"));
            streams.acknowledged(first, branch, sh("2026-03-02T10:00"), 3600, 7200);
            streams.acknowledged(second, branch, sh("2026-03-03T11:30"), 5400, 7200);
            streams.acknowledged(third, branch, sh("2026-03-04T13:30"), 9000, 7200);
            streams.assessed(first, branch, "TREATMENT_RESULT", "MEDIUM", sh("2026-03-02T11:00"));
            streams.resolved(first, branch, sh("2026-03-03T10:00"), 36_000, 72_000);
            UUID survey = streams.surveySent(first, branch, sh("2026-03-05T10:00"));
            streams.surveyAnswered(survey, first, branch, 4, 9, sh("2026-03-05T12:00"));
        }
        String period = "from=2026-03-01&to=2026-03-31&branch=" + branch;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath o = overview(branch);
            assertThat(o.getLong("received.total")).isEqualTo(3);
            assertThat(o.getLong("timeToAcknowledge.count")).isEqualTo(3);
            assertThat(o.getLong("timeToResolve.count")).isEqualTo(1);
            assertThat(o.getLong("surveys.answered")).isEqualTo(1);
        });
        JsonPath api = overview(branch);

        // the browser signs in with an analyst's token: put into the page origin's session storage first
        browser.get(url("insights/sign-in"));
        js("sessionStorage.setItem('clinic.hq.token', arguments[0]); localStorage.removeItem('clinic.hq.lang');",
                TestTokens.withRole("hq-analyst"));
        browser.get(url("hq/#" + period));
        long loaded = waitLoaded(0);

        // (a) the numbers are the API's, as the page formats them
        assertThat(kpi("received")).isEqualTo(String.valueOf(api.getLong("received.total")));
        assertThat(kpi("ack-median")).isEqualTo(hours(api.getDouble("timeToAcknowledge.medianHours"))).isEqualTo("1.5 h");
        assertThat(kpi("ack-p90")).isEqualTo(hours(api.getDouble("timeToAcknowledge.p90Hours"))).isEqualTo("2.5 h");
        assertThat(kpi("resolve-median")).isEqualTo(hours(api.getDouble("timeToResolve.medianHours"))).isEqualTo("10.0 h");
        assertThat(kpi("resolve-p90")).isEqualTo(hours(api.getDouble("timeToResolve.p90Hours")));
        long breached = api.getMap("sla.breached", String.class, Integer.class).values().stream()
                .mapToLong(Integer::longValue).sum();
        assertThat(kpi("sla-breached")).isEqualTo(String.valueOf(breached));
        assertThat(kpi("at-risk")).isEqualTo(String.valueOf(api.getLong("sla.atRiskNow")));
        assertThat(kpi("reopen-rate")).isEqualTo(percent(api.get("reopens.rate"))).isEqualTo("0.0%");
        assertThat(kpi("refunds-overdue")).isEqualTo(String.valueOf(api.getLong("refunds.overdue.count")));
        assertThat(kpi("followup-completion")).isEqualTo(percent(api.get("followUps.completion"))).isEqualTo("—");
        assertThat(kpi("csat")).isEqualTo(String.format(Locale.ROOT, "%.2f", api.getDouble("surveys.csatAverage")))
                .isEqualTo("4.00");
        assertThat(kpi("nps")).isEqualTo(String.format(Locale.ROOT, "%.1f", api.getDouble("surveys.nps")))
                .isEqualTo("100.0");
        assertThat(browser.findElements(By.cssSelector("[data-testid=league-row][data-branch='" + branch + "']")))
                .as("the branch's line in the league table").hasSize(1);
        assertThat(browser.findElement(By.cssSelector("[data-testid=freshness]")).getText()).contains("complaint");
        screenshot("overview");
        js("document.querySelector('[data-testid=league]').scrollIntoView()");
        screenshot("league");
        js("window.scrollTo(0, 0)");

        // (b) the received number lists exactly the cases filed
        browser.findElement(By.cssSelector("[data-testid=kpi-received]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> drillRows().size() == 3);
        assertThat(drillRows().stream().map(r -> r.getAttribute("data-complaint-id")).collect(Collectors.toSet()))
                .isEqualTo(Set.of(first.toString(), second.toString(), third.toString()));

        // (c) a row's timeline lists the case's events, as the API tells them
        int entries = given().get("/insights/cases/" + first + "/timeline").then().statusCode(200)
                .extract().path("entries.size()");
        assertThat(entries).isGreaterThanOrEqualTo(4);
        drillRows().stream().filter(r -> first.toString().equals(r.getAttribute("data-complaint-id"))).findFirst()
                .orElseThrow().findElement(By.cssSelector("[data-testid=open-timeline]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                browser.findElements(By.cssSelector("[data-testid=timeline-entry]")).size() == entries);
        List<String> whens = browser.findElements(By.cssSelector("[data-testid=timeline-entry] time")).stream()
                .map(t -> t.getAttribute("datetime")).toList();
        assertThat(whens).as("in time order").isSortedAccordingTo(String::compareTo);
        screenshot("timeline");
        browser.findElement(By.cssSelector("[data-testid=drill-close]")).click();

        // (d) one more complaint: the page updates by itself
        loaded = waitLoaded(0);
        try (Streams streams = new Streams()) {
            streams.filed(branch, branch + "-0004", "WEBSITE", "BILLING_PRICE", sh("2026-03-06T09:00"));
        }
        long before = loaded;
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> kpi("received").equals("4"));
        assertThat(waitLoaded(0)).as("rendered again without a reload").isGreaterThan(before);
        assertThat(js("return performance.getEntriesByType('navigation').length")).isEqualTo(1L);

        // (e) Chinese and back to English
        assertThat(title()).isEqualTo("HQ dashboard");
        language("zh");
        await().atMost(Duration.ofSeconds(5)).until(() -> title().equals("总部看板"));
        screenshot("zh");
        assertThat(browser.findElement(By.cssSelector("[data-testid=kpi-received]"))
                .findElement(By.xpath("ancestor::article/h3")).getText()).isEqualTo("受理量");
        language("en");
        await().atMost(Duration.ofSeconds(5)).until(() -> title().equals("HQ dashboard"));
        assertThat(js("return localStorage.getItem('clinic.hq.lang')")).isEqualTo("en");

        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(m -> !m.contains("/favicon.ico")) // asked for by the JSON page the token was stored from
                .toList())
                .as("no errors in the page's console").isEmpty();
    }

    @Test
    void the_sign_in_settings_are_open_and_the_page_is_served() {
        given().header("Authorization", TestTokens.NONE).get("/insights/sign-in").then().statusCode(200);
        given().header("Authorization", TestTokens.NONE).get("/hq/").then().statusCode(200);
        given().header("Authorization", TestTokens.NONE).get("/webjars/echarts/5.3.1/dist/echarts.min.js").then()
                .statusCode(200);
    }

    static JsonPath overview(String branch) {
        return given().queryParams(Map.of("from", LocalDate.of(2026, 3, 1).toString(), "to", "2026-03-31",
                "branch", branch)).get("/insights/overview").then().statusCode(200).extract().jsonPath();
    }

    /** For a person looking at a failure: target/dashboard-<name>.png. */
    static void screenshot(String name) {
        try {
            java.nio.file.Files.write(java.nio.file.Path.of("target", "dashboard-" + name + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            System.out.println("dashboard test: no screenshot: " + e.getMessage());
        }
    }

    String url(String path) {
        return base.toString().replaceAll("/$", "") + "/" + path;
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The page's render counter once it is above {@code above}. */
    static long waitLoaded(long above) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Object n = js("return document.body.dataset.loaded");
            return n != null && Long.parseLong(n.toString()) > above;
        });
        return Long.parseLong(js("return document.body.dataset.loaded").toString());
    }

    static String kpi(String name) {
        return text("[data-testid=kpi-" + name + "]");
    }

    /** An element's text as shown; looked up again if the page re-rendered it between finding and reading. */
    static String text(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.findElement(By.cssSelector(css)).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
                if (attempt == 5) throw rerendered;
            }
        }
    }

    /** Chooses a language in the switch (a select: its option clicked, as a user would). */
    static void language(String code) {
        browser.findElement(By.cssSelector("[data-testid=lang-switch]")).click();
        browser.findElement(By.cssSelector("[data-testid=lang-switch] option[value=" + code + "]")).click();
    }

    static String title() {
        return text("[data-testid=title]");
    }

    static List<WebElement> drillRows() {
        return browser.findElements(By.cssSelector("[data-testid=drill-row]"));
    }

    /** As the page shows hours: one decimal and the unit. */
    static String hours(double h) {
        return String.format(Locale.ROOT, "%.1f h", h);
    }

    /** As the page shows a share: a percentage with one decimal, a dash when there is none. */
    static String percent(Object share) {
        return share == null ? "—" : String.format(Locale.ROOT, "%.1f%%", ((Number) share).doubleValue() * 100);
    }
}
