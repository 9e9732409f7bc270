package clinic.followup;

import clinic.devstack.Chromium;
import clinic.followup.application.DueWorkScheduler;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The survey page in a real headless Chromium (Debian's), on a phone-sized screen: a customer opens the link, answers
 * in English or Chinese, and cannot answer twice; an expired link says so.
 */
@QuarkusTest
class SurveyPageBrowserTest {

    static WebDriver browser;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @TestHTTPResource("/")
    URL base;
    @Inject
    DueWorkScheduler scheduler;

    @BeforeAll
    static void openBrowser() {
        var found = Chromium.findOrInstall();
        Assumptions.assumeTrue(found.isPresent(), "SKIPPED: no Chromium here (install Debian's chromium and "
                + "chromium-driver, or run as root with apt-get reachable); the survey page was not tested in a browser");
        // a phone: 390 x 844 CSS pixels at 3x, touch, a mobile user agent
        browser = found.get().start(options -> options.setExperimentalOption("mobileEmulation", java.util.Map.of(
                "deviceMetrics", java.util.Map.of("width", 390, "height", 844, "pixelRatio", 3.0, "touch", true),
                "userAgent", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void realClock() {
        QuarkusMock.installMockForType(Clock.systemUTC(), Clock.class);
    }

    /** A closed case whose survey has been sent; returns the link's path. */
    String sentSurvey(Instant closedAt, Instant sendAt) {
        UUID complaint = UUID.randomUUID();
        try (OtherServices others = new OtherServices(bootstrap)) {
            others.filed(complaint, "SH201", "cust-" + complaint.toString().substring(0, 8), closedAt.minusSeconds(86_400));
            others.step(complaint, "complaint.closed.v1", closedAt);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("complaintId", complaint.toString())
                .get("/surveys").then().body("[0].status", equalTo("SCHEDULED")));
        QuarkusMock.installMockForType(Clock.fixed(sendAt, ZoneOffset.UTC), Clock.class);
        scheduler.fire();
        String link = given().queryParam("complaintId", complaint.toString()).get("/surveys").then()
                .body("[0].status", equalTo("SENT")).extract().path("[0].link");
        return link.substring(link.indexOf("/surveys/"));
    }

    void open(String pathAndQuery) {
        browser.get(base.toString().replaceAll("/$", "") + pathAndQuery);
    }

    void choose(String inputId) {
        browser.findElement(By.xpath("//input[@id='" + inputId + "']/following-sibling::span")).click();
    }

    /** The element once the page that has it has loaded (a form post navigates). */
    static String textOf(String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id(id)).isEmpty());
        return browser.findElement(By.id(id)).getText();
    }

    String outcome() {
        return textOf("outcome");
    }

    @Test
    void a_customer_answers_on_a_phone_sized_screen_once() {
        // closed Wednesday 4 March 16:00 in Shanghai, sent Thursday 16:00; answered minutes later
        String path = sentSurvey(Instant.parse("2026-03-04T08:00:00Z"), Instant.parse("2026-03-05T08:00:00Z"));
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-03-05T08:10:00Z"), ZoneOffset.UTC), Clock.class);

        open(path);
        assertThat(browser.getTitle()).isEqualTo("How did we do?"); // the browser asks for English
        var js = (JavascriptExecutor) browser;
        assertThat((Long) js.executeScript("return window.innerWidth")).as("a phone's viewport").isEqualTo(390L);
        assertThat((Long) js.executeScript("return document.documentElement.scrollWidth"))
                .as("no sideways scrolling on a 390 px wide phone").isLessThanOrEqualTo(390L);

        browser.findElement(By.id("submit")).click(); // nothing chosen
        assertThat(textOf("error")).contains("choose a score for both");

        choose("csat-4");
        choose("nps-9");
        browser.findElement(By.id("comment")).sendKeys("Friendly staff, 谢谢");
        browser.findElement(By.id("submit")).click();
        assertThat(outcome()).isEqualTo("Thank you!");

        open(path);
        assertThat(outcome()).contains("already been answered");
    }

    @Test
    void the_page_speaks_chinese_and_an_expired_link_says_so() {
        String path = sentSurvey(Instant.parse("2026-03-04T08:00:00Z"), Instant.parse("2026-03-05T08:00:00Z"));
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-03-05T09:00:00Z"), ZoneOffset.UTC), Clock.class);
        open(path + "?lang=zh");
        assertThat(browser.getTitle()).isEqualTo("服务满意度调查");
        assertThat(browser.findElement(By.tagName("legend")).getText()).contains("满意程度");

        // 28 days after it was sent
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-04-02T08:00:01Z"), ZoneOffset.UTC), Clock.class);
        open(path + "?lang=en");
        assertThat(outcome()).contains("has expired");
        open("/surveys/no-such-link?lang=en");
        assertThat(outcome()).contains("no such survey");
    }
}
