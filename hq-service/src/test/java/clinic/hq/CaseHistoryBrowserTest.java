package clinic.hq;

import clinic.devstack.Chromium;
import clinic.devstack.TestTokens;
import clinic.hq.FakeServices.Canned;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations team's case page (/hq/case.html#id) in a real headless Chromium (Debian's) at 1280x900, signed in with
 * an operations token, the three services played by {@link FakeServices}: the case's header, its events in the order
 * the API gives (an effect recorded before its cause by a skewed clock still after it), a warning for a service that
 * failed, the cause of an event shown on a click, filters, event data shown as text only, and no console errors.
 */
@QuarkusTest
class CaseHistoryBrowserTest {

    static WebDriver browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void openBrowser() {
        var found = Chromium.findOrInstall();
        Assumptions.assumeTrue(found.isPresent(), "SKIPPED: no Chromium here (install Debian's chromium and "
                + "chromium-driver, or run as root with apt-get reachable); the case page was not tested in a browser");
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
    void the_page_tells_the_cases_story_in_order_with_causes_and_warnings() {
        // signed in as operations: the token put into the page origin's session storage first
        browser.get(url("insights/sign-in"));
        js("sessionStorage.setItem('clinic.hq.token', arguments[0]); localStorage.removeItem('clinic.hq.lang');",
                TestTokens.withRole("operations"));
        browser.get(url("hq/case.html#" + Canned.STORY));
        long loaded = waitLoaded(0);

        // the case's header
        assertThat(text("case-number")).isEqualTo(Canned.CASE_NUMBER);
        assertThat(text("case-branch")).isEqualTo("SH001");
        assertThat(text("case-complaint")).isEqualTo(Canned.STORY.toString());
        assertThat(text("case-correlation")).isEqualTo(Canned.STORY_CORRELATION.toString());
        assertThat(browser.findElements(By.cssSelector("[data-testid=unreachable]"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-testid=message]")).isDisplayed()).isFalse();

        // the rows: every service's events in the API's order
        List<String> api = given().header("Authorization", TestTokens.bearer(TestTokens.withRole("operations")))
                .get("/operations/cases/" + Canned.STORY + "/history").then().statusCode(200)
                .extract().jsonPath().getList("entries.eventId", String.class);
        List<WebElement> rows = rows();
        assertThat(rows.stream().map(r -> r.getAttribute("data-event-id")).toList()).isEqualTo(api);
        assertThat(rows.stream().map(r -> r.getAttribute("data-event-id")).toList())
                .isEqualTo(Canned.STORY_ORDER.stream().map(UUID::toString).toList());
        assertThat(rows.stream().map(r -> r.getAttribute("data-service")).toList()).containsExactly("refund-service",
                "complaint-service", "complaint-service", "refund-service", "refund-service", "complaint-service",
                "followup-service", "followup-service");
        assertThat(rows.stream().map(r -> cell(r, 4).getText()).toList()).containsExactly("purchase recorded",
                "complaint filed", "complaint acknowledged", "refund requested", "refund entitlement calculated",
                "complaint resolved", "followup scheduled", "followup assigned");
        assertThat(rows.stream().map(r -> cell(r, 1).getText()).toList()).containsExactly("refund-service",
                "complaint-service", "complaint-service", "refund-service", "refund-service", "complaint-service",
                "followup-service", "followup-service");
        // stream kind and the stream id's first 8 characters (all of it in the title), version, actor
        WebElement entitlement = row(Canned.ENTITLEMENT);
        assertThat(cell(entitlement, 2).getText()).isEqualTo("refund " + Canned.REFUND_CASE.toString().substring(0, 8));
        assertThat(cell(entitlement, 2).findElement(By.cssSelector(".short")).getAttribute("title"))
                .isEqualTo(Canned.REFUND_CASE.toString());
        assertThat(cell(entitlement, 3).getText()).isEqualTo("2");
        assertThat(cell(entitlement, 5).getText()).isEqualTo("system");
        // the time: recordedAt, and occurredAt in the title where it differs
        WebElement filedTime = row(Canned.FILED).findElement(By.cssSelector("time"));
        assertThat(filedTime.getAttribute("datetime")).isEqualTo("2026-03-02T01:00:00Z");
        // (in the browser's time zone)
        assertThat(filedTime.getText()).matches("2026-03-0[12] \\d\\d:\\d\\d:00");
        assertThat(filedTime.getAttribute("title")).matches("occurred 2026-03-0[12] \\d\\d:\\d\\d:00")
                .isNotEqualTo("occurred " + filedTime.getText());
        assertThat(row(Canned.ACKNOWLEDGED).findElement(By.cssSelector("time")).getDomAttribute("title")).isNull();

        // clock skew: the follow-up, recorded 2 s before the resolution that caused it, is shown after it
        int resolvedAt = index(Canned.RESOLVED);
        int followUpAt = index(Canned.FOLLOW_UP_SCHEDULED);
        assertThat(followUpAt).isEqualTo(resolvedAt + 1);
        assertThat(index(Canned.FOLLOW_UP_ASSIGNED)).isEqualTo(followUpAt + 1);
        assertThat(row(Canned.FOLLOW_UP_SCHEDULED).getAttribute("data-recorded-at"))
                .isLessThan(row(Canned.RESOLVED).getAttribute("data-recorded-at"));

        // another correlation than the case's is flagged (the purchase, recorded at the till before the case)
        assertThat(rows().stream().filter(r -> "true".equals(r.getAttribute("data-correlation-differs")))
                .map(r -> r.getAttribute("data-event-id")).toList()).containsExactly(Canned.PURCHASE.toString());
        WebElement flag = row(Canned.PURCHASE).findElement(By.cssSelector("[data-testid=correlation-differs]"));
        assertThat(flag.isDisplayed()).isTrue();
        assertThat(flag.getText()).contains("⚠").contains(Canned.PURCHASE_CORRELATION.toString().substring(0, 8));
        screenshot("story");

        // "caused by": a click scrolls to the cause's row and highlights it
        js("window.scrollTo(0, document.body.scrollHeight)");
        WebElement cause = row(Canned.ACKNOWLEDGED).findElement(By.cssSelector("[data-testid=cause-link]"));
        assertThat(cause.getText()).isEqualTo(Canned.FILED.toString().substring(0, 8));
        cause.click();
        await().atMost(Duration.ofSeconds(5)).until(() -> row(Canned.FILED).getAttribute("class").contains("highlight"));
        assertThat(inView(row(Canned.FILED))).isTrue();
        row(Canned.FOLLOW_UP_SCHEDULED).findElement(By.cssSelector("[data-testid=cause-link]")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> row(Canned.RESOLVED).getAttribute("class").contains("highlight"));
        assertThat(row(Canned.FILED).getAttribute("class")).doesNotContain("highlight");
        assertThat(browser.findElements(By.cssSelector("tr.highlight"))).hasSize(1);
        screenshot("cause");

        // the payload: pretty-printed JSON, as text; the HTML in it makes no element and runs nothing
        WebElement payload = row(Canned.FILED).findElement(By.cssSelector("[data-testid=payload]"));
        payload.findElement(By.cssSelector("summary")).click();
        WebElement pre = payload.findElement(By.cssSelector("pre"));
        await().atMost(Duration.ofSeconds(5)).until(pre::isDisplayed);
        assertThat(pre.getText()).contains("\"summary\": \"" + Canned.HTML + "\"")
                .contains("\"caseNumber\": \"" + Canned.CASE_NUMBER + "\"");
        assertThat(js("return document.querySelectorAll('img').length")).isEqualTo(0L);
        assertThat(js("return document.querySelectorAll('#story-body pre *').length")).isEqualTo(0L);
        screenshot("payload");

        // filters: a service's events hidden and shown again
        WebElement followups = browser.findElement(By.cssSelector("[data-testid=filter-service][data-value=followup-service]"));
        followups.click();
        assertThat(row(Canned.FOLLOW_UP_SCHEDULED).isDisplayed()).isFalse();
        assertThat(visibleRows()).hasSize(6);
        assertThat(row(Canned.FOLLOW_UP_ASSIGNED).isDisplayed()).isFalse();
        followups.click();
        browser.findElement(By.cssSelector("[data-testid=filter-kind][data-value=refund]")).click();
        assertThat(visibleRows()).hasSize(6);
        assertThat(row(Canned.REFUND_REQUESTED).isDisplayed()).isFalse();
        browser.findElement(By.cssSelector("[data-testid=filter-kind][data-value=refund]")).click();
        assertThat(visibleRows()).hasSize(8);

        // another case by its id, whose refund-service answers 500: a warning names it, the rest is shown
        WebElement input = browser.findElement(By.cssSelector("[data-testid=case-id]"));
        input.clear();
        input.sendKeys(Canned.REFUND_DOWN.toString());
        loaded = loaded();
        browser.findElement(By.cssSelector("[data-testid=open-case]")).click();
        loaded = waitLoaded(loaded);
        assertThat(browser.getCurrentUrl()).endsWith("#" + Canned.REFUND_DOWN);
        List<WebElement> banners = browser.findElements(By.cssSelector("[data-testid=unreachable]"));
        assertThat(banners).hasSize(1);
        assertThat(banners.getFirst().getAttribute("data-service")).isEqualTo("refund-service");
        assertThat(banners.getFirst().isDisplayed()).isTrue();
        assertThat(banners.getFirst().getText()).contains("refund-service");
        assertThat(text("case-number")).isEqualTo("SH002-2026-0007");
        assertThat(rows()).hasSize(1);
        screenshot("unreachable");

        // Chinese labels
        browser.findElement(By.cssSelector("[data-testid=lang-switch]")).click();
        browser.findElement(By.cssSelector("[data-testid=lang-switch] option[value=zh]")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> text("title").equals("案件经过"));
        assertThat(banners = browser.findElements(By.cssSelector("[data-testid=unreachable]"))).hasSize(1);
        assertThat(banners.getFirst().getText()).contains("无法访问");
        browser.findElement(By.cssSelector("[data-testid=lang-switch]")).click();
        browser.findElement(By.cssSelector("[data-testid=lang-switch] option[value=en]")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> text("title").equals("Case story"));

        assertThat(severe()).as("no errors in the page's console").isEmpty();

        // an unknown case: said so (the browser logs the 404 answer itself, and nothing else)
        input = browser.findElement(By.cssSelector("[data-testid=case-id]"));
        input.clear();
        UUID unknown = UUID.randomUUID();
        input.sendKeys(unknown.toString());
        loaded = loaded();
        browser.findElement(By.cssSelector("[data-testid=open-case]")).click();
        loaded = waitLoaded(loaded);
        assertThat(text("message")).contains("404").contains(unknown.toString());
        assertThat(browser.findElement(By.id("case")).isDisplayed()).isFalse();
        assertThat(severe()).allMatch(m -> m.contains("/operations/cases/" + unknown + "/history") && m.contains("404"));

        // someone who is not operations: told, not sent to sign in again
        browser.get(url("insights/sign-in"));
        js("sessionStorage.setItem('clinic.hq.token', arguments[0]);", TestTokens.withRole("hq-analyst"));
        browser.get(url("hq/case.html#" + Canned.STORY));
        waitLoaded(0);
        assertThat(text("message")).contains("403").contains("operations");
        assertThat(browser.getCurrentUrl()).endsWith("/hq/case.html#" + Canned.STORY);
        assertThat(severe()).allMatch(m -> m.contains("/history") && m.contains("403"));
    }

    /** The console's errors since the last look (the token page's favicon request aside). */
    static List<String> severe() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(m -> !m.contains("/favicon.ico"))
                .toList();
    }

    static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("[data-testid=case-row]"));
    }

    static List<WebElement> visibleRows() {
        return rows().stream().filter(WebElement::isDisplayed).toList();
    }

    static WebElement row(UUID eventId) {
        return browser.findElement(By.cssSelector("[data-testid=case-row][data-event-id='" + eventId + "']"));
    }

    static int index(UUID eventId) {
        return rows().stream().map(r -> r.getAttribute("data-event-id")).toList().indexOf(eventId.toString());
    }

    static WebElement cell(WebElement row, int column) {
        return row.findElements(By.cssSelector("td")).get(column);
    }

    static boolean inView(WebElement element) {
        return (Boolean) js("const r = arguments[0].getBoundingClientRect(); "
                + "return r.top >= 0 && r.bottom <= window.innerHeight;", element);
    }

    static String text(String testid) {
        return browser.findElement(By.cssSelector("[data-testid=" + testid + "]")).getText();
    }

    /** For a person looking at a failure: target/case-<name>.png. */
    static void screenshot(String name) {
        try {
            java.nio.file.Files.write(java.nio.file.Path.of("target", "case-" + name + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            System.out.println("case page test: no screenshot: " + e.getMessage());
        }
    }

    String url(String path) {
        return base.toString().replaceAll("/$", "") + "/" + path;
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    static long loaded() {
        Object n = js("return document.body.dataset.loaded");
        return n == null ? 0 : Long.parseLong(n.toString());
    }

    /** The page's render counter once it is above {@code above}. */
    static long waitLoaded(long above) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Object n = js("return document.body.dataset.loaded");
            return n != null && Long.parseLong(n.toString()) > above;
        });
        return Long.parseLong(js("return document.body.dataset.loaded").toString());
    }
}
