package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.localaws.LocalAws;
import com.groupgate.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The dashboard end to end: GroupGate on the emulator (as {@code make run}), the demo data
 * of {@code make demo} through the real scan and join routes and the aggregate handler,
 * and Debian's headless Chromium reading the page. Every number the page shows is checked
 * against the API's own JSON for the same range and channel. The page is given a read key,
 * as a tenant would give a wall screen: everything it shows comes from GETs.
 *
 * <p>Skipped without Chromium, except on CI ({@link HeadlessChromium}).
 */
class DashboardBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalGroupGate local;
    private static URI base;
    private static String key;
    private static HeadlessChromium chromium;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled("the dashboard's browser test");
        local = RecordedStack.builder().build();
        base = local.start(0);
        String demo = runDemo();
        key = readKey(printed(demo, "GROUPGATE_DEMO_KEY"));
        awaitRollups(Long.parseLong(printed(demo, "GROUPGATE_DEMO_SCANS")));
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
        driver.manage().window().setSize(new Dimension(1366, 2900));
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (local != null) {
            local.close();
        }
    }

    @Test
    void dashboardShowsTheApisNumbersForEachRangeAndChannel() throws Exception {
        driver.get(base + "/dashboard");
        WebElement input = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        input.sendKeys(key);
        driver.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        awaitReady("");
        assertEquals(key, ((JavascriptExecutor) driver).executeScript(
                "return sessionStorage.getItem('groupgate.apiKey')"), "the key is kept in sessionStorage");
        assertTrue(!driver.getCurrentUrl().contains(key), "the key is never in the URL");
        wait(driver).until(d -> !d.findElements(By.cssSelector("#chart-series canvas")).isEmpty());
        assertPageMatchesApi("");
        assertTrue(Long.parseLong(kpi("scans")) > 0, "the demo's scans are in the default range (last 7 days)");
        assertFalse(driver.findElement(By.id("error")).isDisplayed(), "no API error is shown");
        assertGroupsMatchApi();
        screenshot("dashboard-desktop.png");

        // The last 24 hours by hour. By day, the per-code reports widen the rolling 24 hours to the
        // whole local days they touch while the channel rows widen them to hours only, so with
        // scans before the window (the demo's week) the two differ by design of the API.
        new Select(driver.findElement(By.id("granularity"))).selectByValue("hour");
        driver.findElement(By.cssSelector("button[data-range='1']")).click();
        try {
            wait(driver).until(d -> "error".equals(d.findElement(By.tagName("body")).getAttribute("data-state"))
                    || "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-state"))
                    && "hour".equals(rangeNote().getAttribute("data-granularity"))
                    && hoursBetween(rangeNote().getAttribute("data-from"), rangeNote().getAttribute("data-to")) == 24);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("dashboard-range-timeout.png");
            throw new AssertionError("the 24-hour range never showed: state "
                    + driver.findElement(By.tagName("body")).getAttribute("data-state") + ", from "
                    + rangeNote().getAttribute("data-from") + " to " + rangeNote().getAttribute("data-to")
                    + ", note " + rangeNote().getText(), e);
        }
        assertFalse(driver.findElement(By.id("error")).isDisplayed(),
                "no API error for the last 24 hours: " + driver.findElement(By.id("error")).getText());
        assertPageMatchesApi("");

        new Select(driver.findElement(By.id("channel"))).selectByValue("campus-poster");
        awaitReady("campus-poster");
        assertPageMatchesApi("campus-poster");
        JsonNode row = channelRow("campus-poster");
        assertEquals(row.get("scans").asLong(), Long.parseLong(kpi("scans")), "channel scans = its /v1/stats row");
        assertEquals(row.get("joins").asLong(), Long.parseLong(kpi("joins")), "channel joins = its /v1/stats row");

        driver.manage().window().setSize(new Dimension(390, 4200));
        wait(driver).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1"));
        screenshot("dashboard-phone.png");
    }

    /**
     * The demo is a week, not an hour: over the dashboard's default range (the last 7 days,
     * ending at the next full hour) the API counts scans on at least 7 days and in most hours
     * of the day, no hour holding half of them; refusals of several kinds; and join requests
     * waiting in the approval group.
     */
    @Test
    void demoGivesAWeekOfScansOverDaysAndHoursWithRefusalsAndPendingRequests() throws Exception {
        java.time.Instant to = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .plus(Duration.ofHours(1));
        String range = "?from=" + enc(to.minus(Duration.ofDays(7)).toString()) + "&to=" + enc(to.toString())
                + "&granularity=day";
        Map<String, Long> byDay = new TreeMap<>();
        long[] byHour = new long[24];
        Map<String, Long> refused = new TreeMap<>();
        long scans = 0;
        for (String subject : subjects("")) {
            JsonNode report = get("/v1/" + subject + "/stats" + range);
            for (JsonNode point : report.get("series")) {
                byDay.merge(point.get("start").asText().substring(0, 10), point.get("scans").asLong(), Long::sum);
            }
            for (int h = 0; h < 24; h++) {
                byHour[h] += report.get("byHourOfDay").path(String.valueOf(h)).asLong();
            }
            report.get("totals").get("refused").fields()
                    .forEachRemaining(e -> refused.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            scans += report.get("totals").get("scans").asLong();
        }
        byDay.values().removeIf(n -> n == 0);
        assertTrue(byDay.size() >= 7, "scans on at least 7 days of the week: " + byDay);
        long hoursWithScans = java.util.Arrays.stream(byHour).filter(n -> n > 0).count();
        long busiest = java.util.Arrays.stream(byHour).max().orElse(0);
        assertTrue(hoursWithScans >= 18, "scans in most hours of the day: " + java.util.Arrays.toString(byHour));
        assertTrue(busiest * 2 < scans, "no hour holds half the week's " + scans + " scans: "
                + java.util.Arrays.toString(byHour));
        assertTrue(refused.keySet().containsAll(List.of("geo_blocked", "revoked")), "refusals: " + refused);
        long pending = 0;
        for (JsonNode g : get("/v1/groups?limit=100").get("items")) {
            if (g.get("joinPolicy").asText().equals("approval")) {
                pending += get("/v1/groups/" + g.get("groupId").asText() + "/join-requests?status=pending")
                        .get("items").size();
            }
        }
        assertTrue(pending > 0, "join requests wait for the tenant's approval");
    }

    // ---- the page against the API ----------------------------------------------------

    /**
     * Each group's row shows its entry as the API gives it, and the demo's entry that
     * expires within a day is the one row that warns.
     */
    private static void assertGroupsMatchApi() throws Exception {
        JsonNode groups = get("/v1/groups?limit=100").get("items");
        assertEquals(groups.size(), driver.findElements(By.cssSelector("#groups tbody tr")).size(), "group rows");
        int warnings = 0;
        for (JsonNode g : groups) {
            WebElement tr = driver.findElement(By.cssSelector("#groups tr[data-group='"
                    + g.get("groupId").asText() + "']"));
            JsonNode entry = g.get("entry");
            String shown = tr.findElement(By.cssSelector("td.entry")).getText();
            if (entry.isNull()) {
                assertTrue(shown.startsWith("none"), shown);
                continue;
            }
            String what = entry.get("type").asText().equals("link") ? entry.get("url").asText()
                    : entry.get("payload").asText();
            assertTrue(shown.contains(entry.get("platform").asText()) && shown.contains(what), shown + " vs " + entry);
            boolean warns = !tr.findElements(By.cssSelector("[data-entry='expiring']")).isEmpty();
            assertEquals(entry.get("expiringSoon").asBoolean(), warns, "the warning of " + g);
            warnings += warns ? 1 : 0;
        }
        assertEquals(1, warnings, "the demo's one entry expiring within a day");
    }

    /** KPIs and the channel table as the page shows them, against the API for the page's own query. */
    private static void assertPageMatchesApi(String channel) throws Exception {
        WebElement note = rangeNote();
        String from = note.getAttribute("data-from");
        String to = note.getAttribute("data-to");
        String granularity = note.getAttribute("data-granularity");
        assertEquals(channel, note.getAttribute("data-channel"));
        long scans = 0;
        long accepted = 0;
        long joins = 0;
        long refused = 0;
        for (String subject : subjects(channel)) {
            JsonNode totals = get("/v1/" + subject + "/stats?from=" + enc(from) + "&to=" + enc(to)
                    + "&granularity=" + granularity).get("totals");
            scans += totals.get("scans").asLong();
            accepted += totals.get("accepted").asLong();
            joins += totals.get("joins").asLong();
            for (JsonNode n : totals.get("refused")) {
                refused += n.asLong();
            }
        }
        assertEquals(scans, Long.parseLong(kpi("scans")), "scans");
        assertEquals(accepted, Long.parseLong(kpi("accepted")), "accepted");
        assertEquals(joins, Long.parseLong(kpi("joins")), "joins");
        assertEquals(refused, Long.parseLong(kpi("refused")), "refused");
        double rate = accepted == 0 ? 0 : Math.round(joins * 10000.0 / accepted) / 10000.0;
        // As the page's toFixed(1) rounds: the double's exact value, half up (0.3915 shows as 39.1%, since
        // 0.3915 * 100 is 39.149999…; String.format would round its shortest decimal form, 39.15, up).
        assertEquals(new java.math.BigDecimal(rate * 100).setScale(1, java.math.RoundingMode.HALF_UP) + "%",
                driver.findElement(By.cssSelector("[data-kpi='conversionRate']")).getText(), "conversion");

        JsonNode rows = get("/v1/stats?groupBy=channel&from=" + enc(from) + "&to=" + enc(to)).get("rows");
        long rowScans = 0;
        for (JsonNode row : rows) {
            WebElement tr = driver.findElement(By.cssSelector("#channels tr[data-channel='" + row.get("key").asText() + "']"));
            assertEquals(row.get("scans").asLong(), number(tr.findElement(By.cssSelector("[data-col=scans]")).getText()));
            assertEquals(row.get("accepted").asLong(),
                    number(tr.findElement(By.cssSelector("[data-col=accepted]")).getText()));
            assertEquals(row.get("joins").asLong(), number(tr.findElement(By.cssSelector("[data-col=joins]")).getText()));
            if (channel.isEmpty() || row.get("key").asText().equals(channel)) {
                rowScans += row.get("scans").asLong();
            }
        }
        assertEquals(rows.size(), driver.findElements(By.cssSelector("#channels tbody tr")).size(), "channel rows");
        assertEquals(rowScans, scans, "the per-code stats and the channel rows agree");
    }

    /** The stats paths the page sums: the tenant's codes and live codes in {@code channel} (all for ""). */
    private static List<String> subjects(String channel) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode c : get("/v1/codes?limit=100").get("items")) {
            if (channel.isEmpty() || channel.equals(c.get("channel").asText(null))) {
                out.add("codes/" + c.get("codeId").asText());
            }
        }
        for (JsonNode l : get("/v1/live-codes?limit=100").get("items")) {
            if (channel.isEmpty() || channel.equals(l.get("channel").asText(null))) {
                out.add("live-codes/" + l.get("liveCodeId").asText());
            }
        }
        return out;
    }

    private static JsonNode channelRow(String channel) throws Exception {
        WebElement note = rangeNote();
        for (JsonNode row : get("/v1/stats?groupBy=channel&from=" + enc(note.getAttribute("data-from")) + "&to="
                + enc(note.getAttribute("data-to"))).get("rows")) {
            if (row.get("key").asText().equals(channel)) {
                return row;
            }
        }
        throw new AssertionError("no /v1/stats row for channel " + channel);
    }

    // ---- setup helpers ---------------------------------------------------------------

    /** Runs scripts/demo.py (what {@code make demo} runs) against this server; returns what it printed. */
    private static String runDemo() throws Exception {
        Path root = Path.of(System.getProperty("groupgate.root", "../.."));
        ProcessBuilder pb = new ProcessBuilder("python3", root.resolve("scripts/demo.py").toString())
                .redirectErrorStream(true);
        // As a person runs it beside `GROUPGATE_PORT=… make run`: the port, no URL.
        pb.environment().remove("GROUPGATE_URL");
        pb.environment().put("GROUPGATE_PORT", String.valueOf(base.getPort()));
        pb.environment().put("GROUPGATE_ADMIN_KEY", local.adminKey());
        // The emulator's operator, as make run writes it to .run/operator.env, and this stack's main table.
        LocalAws aws = LocalAws.get();
        AwsCredentials operator = aws.operatorCredentials().resolveCredentials();
        pb.environment().put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        pb.environment().put("AWS_REGION", LocalAws.REGION);
        pb.environment().put("AWS_ACCESS_KEY_ID", operator.accessKeyId());
        pb.environment().put("AWS_SECRET_ACCESS_KEY", operator.secretAccessKey());
        pb.environment().remove("AWS_SESSION_TOKEN");
        pb.environment().put("GROUPGATE_MAIN_TABLE", local.resources().table("MainTable"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("make demo failed:\n" + output);
        }
        return output;
    }

    /** The value of the {@code NAME=value} line the demo printed. */
    private static String printed(String output, String name) {
        return output.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("make demo printed no " + name + ":\n" + output));
    }

    /**
     * Until the stream poller has fed every fact to the aggregate handler: the demo's week
     * ({@code expected} scans, most of them demo facts with past times) all counted, two equal
     * reads and a quiet stream. A week of facts takes the aggregate a while on a busy machine,
     * so this wait is longer than the page's.
     */
    private static void awaitRollups(long expected) {
        long[] last = {-1};
        new FluentWait<>(base).withTimeout(Duration.ofMinutes(5)).pollingEvery(Duration.ofMillis(500))
                .ignoring(Exception.class)
                .withMessage("the demo's " + expected + " scans to reach the rollups").until(b -> {
                    long scans = 0;
                    try {
                        for (JsonNode row : get("/v1/stats?groupBy=channel&from=" + enc(
                                java.time.Instant.now().minus(Duration.ofDays(8)).toString()) + "&to="
                                + enc(java.time.Instant.now().plus(Duration.ofHours(1)).toString())).get("rows")) {
                            scans += row.get("scans").asLong();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    // Items of a batch are written one after another: wait for the poller to go quiet,
                    // not only for one dimension's numbers to stop moving.
                    boolean settled = scans == expected && scans == last[0]
                            && local.streamIdleFor(Duration.ofSeconds(1));
                    last[0] = scans;
                    return settled;
                });
    }

    /**
     * A read key made with the demo's full key: the page, and every API read this test
     * checks it against, work with what a tenant would give a wall screen or a viewer.
     */
    private static String readKey(String fullKey) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/keys"))
                .header("Authorization", "Bearer " + fullKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"dashboard\",\"scope\":\"read\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new AssertionError("POST /v1/keys answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body()).get("apiKey").asText();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    private static void awaitReady(String channel) {
        wait(driver).until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-state"))
                && channel.equals(rangeNote().getAttribute("data-channel")));
    }

    private static WebDriverWait wait(WebDriver d) {
        return new WebDriverWait(d, WAIT);
    }

    private static WebElement rangeNote() {
        return driver.findElement(By.id("range-note"));
    }

    private static String kpi(String name) {
        return driver.findElement(By.cssSelector("[data-kpi='" + name + "']")).getText().replace(",", "");
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", "").trim());
    }

    private static long hoursBetween(String from, String to) {
        return Duration.between(java.time.Instant.parse(from), java.time.Instant.parse(to)).toHours();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void screenshot(String name) throws IOException {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.write(target.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static void assertFalse(boolean condition, String message) {
        assertTrue(!condition, message);
    }
}
