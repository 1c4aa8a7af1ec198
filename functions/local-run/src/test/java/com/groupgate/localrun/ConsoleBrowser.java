package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.localaws.RepositoryRoot;
import com.groupgate.http.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium, for the browser tests of its operations pages: signed
 * in with a key kept in the tab's sessionStorage (as the sign-in form keeps it), a page
 * opened by its hash address and awaited, the phone-width and axe-core checks, and
 * screenshots.
 */
final class ConsoleBrowser {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Where the shell keeps the key (console/src/lib/api.js). */
    static final String KEY_STORAGE = "groupgate.console.apiKey";

    private final HeadlessChromium chromium;
    private final WebDriver driver;
    private final URI base;

    ConsoleBrowser(HeadlessChromium chromium, URI base) {
        this.chromium = chromium;
        this.driver = chromium.driver();
        this.base = base;
    }

    WebDriver driver() {
        return driver;
    }

    /** The console signed in with {@code key}, showing {@code hash} once its page rendered. */
    void open(String key, String hash) {
        driver.get(base + "/console");
        js("sessionStorage.setItem(arguments[0], arguments[1])", KEY_STORAGE, key);
        driver.get(base + "/console" + hash);
        driver.navigate().refresh();
        awaitPage();
    }

    /** Goes to {@code hash} in the signed-in console and waits for its page. */
    void go(String hash) {
        js("location.hash = arguments[0]", hash);
        awaitPage();
    }

    /** Until the page in #page has rendered (the shell swaps its loading line for the page). */
    void awaitPage() {
        wait(driver).until(d -> !d.findElements(By.cssSelector("#page > .page")).isEmpty()
                || !d.findElements(By.cssSelector("#page > .notice.error")).isEmpty());
        List<WebElement> failed = driver.findElements(By.cssSelector("#page > .notice.error"));
        assertTrue(failed.isEmpty(), () -> "the page failed: " + failed.get(0).getText());
    }

    WebElement find(String css) {
        return wait(driver).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The hash addresses the navigation lists, in its order. */
    List<String> navRoutes() {
        List<String> out = new ArrayList<>();
        for (WebElement a : all("nav a[data-nav]")) {
            out.add(a.getAttribute("data-nav"));
        }
        return out;
    }

    /** At 390 px wide the page does not scroll sideways. */
    void assertNoSidewaysScrollAtPhoneWidth(String what) {
        driver.manage().window().setSize(new Dimension(390, 844));
        Eventually.await(WAIT, what + " to fit 390 px", () -> (Boolean) js(
                "return document.documentElement.scrollWidth <= window.innerWidth"));
        assertEquals(Boolean.TRUE, js("return document.documentElement.scrollWidth <= window.innerWidth"), what);
    }

    void desktop() {
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    /**
     * axe-core (the console's pinned devDependency, injected here, never shipped) over the
     * page: the serious and critical violations, as "rule: targets" lines.
     */
    List<String> axeSeriousViolations() throws IOException {
        Path axe = RepositoryRoot.find().resolve("console/node_modules/axe-core/axe.min.js");
        assertTrue(Files.isReadable(axe), "axe-core is installed with the console's npm ci: " + axe);
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object'"))) {
            js(Files.readString(axe, StandardCharsets.UTF_8) + "\n;return typeof window.axe;");
        }
        driver.manage().timeouts().scriptTimeout(WAIT);
        Object found = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                window.axe.run(document, { resultTypes: ['violations'] })
                  .then((r) => done(JSON.stringify(r.violations
                    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')))))
                  .catch((e) => done(JSON.stringify(['axe failed: ' + e])));
                """);
        List<String> out = new ArrayList<>();
        for (JsonNode line : Json.MAPPER.readTree(String.valueOf(found))) {
            out.add(line.asText());
        }
        return out;
    }

    Path screenshot(String name) throws IOException {
        return chromium.screenshot(name);
    }

    /** A wait that also rides out a re-render (an element replaced while it was read). */
    static WebDriverWait wait(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Whether {@code control} is disabled as the browser sees it (a disabled fieldset included). */
    boolean disabled(WebElement control) {
        return Boolean.TRUE.equals(js("return arguments[0].matches(':disabled')", control));
    }
}
