package com.groupgate.local;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium through its chromedriver, for the browser tests, with the
 * browser's console kept so a test can read what the page reported (Content-Security-
 * Policy violations among it).
 *
 * <p>Without /usr/bin/chromium and /usr/bin/chromedriver a test is skipped and says so,
 * except on CI ({@code CI=true}), where it fails: CI installs both (.ci/run).
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path userData;

    private HeadlessChromium(WebDriver driver, Path userData) {
        this.driver = driver;
        this.userData = userData;
    }

    /** Skips the calling test (fails it on CI) when the browser is not installed. */
    static void assumeInstalled(String what) {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browser && "true".equals(System.getenv("CI"))) {
            fail("CI must run " + what + ": /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        Assumptions.assumeTrue(browser, what + " skipped: install Debian's chromium and "
                + "chromium-driver (apt-get install chromium chromium-driver) to run it");
    }

    static HeadlessChromium start() throws IOException {
        return start(null, "en-US");
    }

    /**
     * A browser that calls itself {@code userAgent} (null: Chromium's own) and asks for
     * {@code languages} ({@code Accept-Language}), in a phone-sized window.
     */
    static HeadlessChromium start(String userAgent, String languages) throws IOException {
        return start(userAgent, languages, null);
    }

    /** As {@link #start(String, String)}, saving downloads into {@code downloads} (null: Chromium's default) without asking. */
    static HeadlessChromium start(String userAgent, String languages, Path downloads) throws IOException {
        Path userData = Files.createTempDirectory("gg-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--lang=" + languages, "--user-data-dir=" + userData);
        options.setExperimentalOption("prefs", downloads == null ? Map.of("intl.accept_languages", languages)
                : Map.of("intl.accept_languages", languages, "download.default_directory", downloads.toString(),
                        "download.prompt_for_download", false));
        if (userAgent != null) {
            options.addArguments("--user-agent=" + userAgent, "--window-size=412,915");
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), userData);
    }

    WebDriver driver() {
        return driver;
    }

    /** The console messages since the last call (the driver hands each out once). */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** Saves what the browser shows now as {@code target/screenshots/<name>.png}; returns the file. */
    Path screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Those of {@code messages} that report a Content-Security-Policy violation. */
    static List<String> policyViolations(List<String> messages) {
        return messages.stream().filter(m -> m.toLowerCase(Locale.ROOT).contains("content security policy")).toList();
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(userData)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
