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
import org.junit.jupiter.api.TestReporter;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The console's analytics page (what the retired dashboard showed) end to end: GroupGate on
 * the emulator (as {@code make run}), the demo week of {@code make demo} through the real
 * scan and join routes and the aggregate handler, and headless Chromium reading the page
 * with a read key, as a wall screen would. Every number the page shows is checked against
 * the API's own JSON for the page's range and channel: the KPIs are the sum of the channel
 * rows shown under them, and the per-code reports behind the charts cover the same hours, the
 * last 24 hours included (the dashboard's KPI there counted whole local days by day while its
 * channel rows counted 24 hours).
 *
 * <p>Skipped without Chromium, except on CI ({@link HeadlessChromium}).
 */
class ConsoleAnalyticsBrowserIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalGroupGate local;
    private static URI base;
    private static String key;
    private static String demoOutput;
    private static HeadlessChromium chromium;
    private static ConsoleBrowser console;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled("the console's analytics browser test");
        local = RecordedStack.builder().build();
        base = local.start(0);
        demoOutput = runDemo();
        key = readKey(printed(demoOutput, "GROUPGATE_DEMO_KEY"));
        awaitRollups(Long.parseLong(printed(demoOutput, "GROUPGATE_DEMO_SCANS")));
        chromium = HeadlessChromium.start(null, "zh-CN,zh;q=0.9");
        console = new ConsoleBrowser(chromium, base);
        console.desktop();
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
    void makeDemoPrintsTheConsoleOnThePortItWasGiven() {
        assertTrue(demoOutput.contains("Console: http://127.0.0.1:" + base.getPort() + "/console "), demoOutput);
    }

    /**
     * {@code make demo} includes a referral campaign: inviters whose friends joined through
     * their invites and qualified, so the console's campaign page has a leaderboard to show,
     * ranked as the API ranks it.
     */
    @Test
    void theDemosCampaignShowsItsLeaderboardInTheConsole() throws Exception {
        String campaignId = printed(demoOutput, "GROUPGATE_DEMO_CAMPAIGN");
        JsonNode board = get("/v1/campaigns/" + campaignId + "/leaderboard?limit=100");
        List<String> expected = new ArrayList<>();
        board.path("items").forEach(i -> expected.add(i.path("memberRef").asText()));
        assertTrue(expected.size() >= 5, "several inviters: " + board);
        JsonNode top = board.path("items").get(0);
        assertEquals("demo-inviter-lin", top.path("memberRef").asText(), board.toString());
        assertEquals(4, top.path("qualified").asLong(), "the demo's friends qualify at once: " + board);
        assertTrue(top.has("rewardCode"), "past the goal, a reward: " + board);

        console.open(key, "#/campaigns/" + campaignId);
        WebElement first = console.find("#page tr[data-id]");
        ((org.openqa.selenium.JavascriptExecutor) console.driver())
                .executeScript("arguments[0].closest('table').scrollIntoView()", first);
        List<String> rows = new ArrayList<>();
        for (WebElement r : console.all("#page tr[data-id]")) {
            rows.add(r.getAttribute("data-id"));
        }
        assertEquals(expected, rows, "the demo's leaderboard as the API ranks it");
        console.screenshot("console-demo-campaign-zh");
    }

    @Test
    void theOldDashboardAddressLeadsToTheAnalyticsPage() {
        console.open(key, "#/groups");
        console.driver().get(base + "/dashboard");
        console.awaitPage();
        assertTrue(console.driver().getCurrentUrl().endsWith("/console#/analytics"), console.driver().getCurrentUrl());
        console.find(".analytics");
    }

    /**
     * The analytics page's first load (every file the browser fetched for it, the ECharts
     * chunk included, gzip-compressed as the edge sends them) stays within the console's
     * 300 KB budget; the number is written to target/console-analytics-first-load.txt for BENCHMARKS.md.
     */
    @Test
    void theAnalyticsPagesFirstLoadIsWithinBudget(TestReporter reporter) throws Exception {
        console.open(key, "#/analytics");
        awaitReady("");
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) console.js("return [location.href.split('#')[0]].concat("
                + "performance.getEntriesByType('resource').map((e) => e.name)"
                + ".filter((n) => n.startsWith(location.origin + '/console')))");
        long total = 0;
        StringBuilder files = new StringBuilder();
        for (String url : fetched) {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), url);
            long gzipped = gzipSize(r.body());
            total += gzipped;
            files.append(URI.create(url).getPath()).append('=').append(gzipped).append(' ');
        }
        assertTrue(fetched.stream().anyMatch(u -> u.contains("/assets/charts-")), "the charts chunk loaded: " + fetched);
        String line = "console #/analytics first load: " + total + " B gzip (" + files.toString().strip() + ")";
        reporter.publishEntry("firstLoad", line);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "console-analytics-first-load.txt"), line + "\n");
        assertTrue(total <= 300 * 1024, "first load " + total + " B gzip: " + files);
    }

    private static long gzipSize(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.size();
    }

    @Test
    void analyticsShowsTheApisNumbersForEachRangeAndChannel() throws Exception {
        console.open(key, "#/analytics");
        awaitReady("");
        assertPageMatchesApi("");
        assertTrue(kpi("scans") > 0, "the demo's scans are in the default range (the last 7 days)");
        console.screenshot("console-analytics-zh");

        // The last 24 hours: by hour whatever was picked, so the per-code reports behind the charts
        // read the same 24 hours as the channel rows the KPIs sum (by day they widened to local days).
        new Select(console.find("select[name='granularity']")).selectByValue("day");
        console.find("button[data-range='1']").click();
        ConsoleBrowser.wait(console.driver()).until(d -> ready(d.findElement(By.cssSelector(".analytics")))
                && "hour".equals(note().getAttribute("data-granularity"))
                && hoursBetween(note().getAttribute("data-from"), note().getAttribute("data-to")) == 24);
        assertPageMatchesApi("");

        new Select(console.find("select[name='channel']")).selectByValue("campus-poster");
        awaitReady("campus-poster");
        assertPageMatchesApi("campus-poster");

        console.find("button[data-range='7']").click();
        awaitReady("campus-poster");
        assertPageMatchesApi("campus-poster");
        console.assertNoSidewaysScrollAtPhoneWidth("#/analytics");
        console.screenshot("console-analytics-phone-zh");
        console.desktop();
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
     * The KPIs and the channel table as the page shows them, against the API for the page's
     * own query: KPIs = the sum of the channel rows = the sum of the per-code reports.
     */
    private static void assertPageMatchesApi(String channel) throws Exception {
        WebElement n = note();
        String from = n.getAttribute("data-from");
        String to = n.getAttribute("data-to");
        String granularity = n.getAttribute("data-granularity");
        assertEquals(channel, n.getAttribute("data-channel"));
        long scans = 0;
        long accepted = 0;
        long joins = 0;
        for (String subject : subjects(channel)) {
            JsonNode totals = get("/v1/" + subject + "/stats?from=" + enc(from) + "&to=" + enc(to)
                    + "&granularity=" + granularity).get("totals");
            scans += totals.get("scans").asLong();
            accepted += totals.get("accepted").asLong();
            joins += totals.get("joins").asLong();
        }
        JsonNode rows = get("/v1/stats?groupBy=channel&limit=100&from=" + enc(from) + "&to=" + enc(to)).get("rows");
        long rowScans = 0;
        long rowAccepted = 0;
        long rowJoins = 0;
        for (JsonNode row : rows) {
            WebElement tr = console.find(".channels tr[data-id='" + row.get("key").asText() + "']");
            assertEquals(row.get("scans").asLong(), cell(tr, "scans"), "scans of " + row);
            assertEquals(row.get("accepted").asLong(), cell(tr, "accepted"), "accepted of " + row);
            assertEquals(row.get("joins").asLong(), cell(tr, "joins"), "joins of " + row);
            if (channel.isEmpty() || row.get("key").asText().equals(channel)) {
                rowScans += row.get("scans").asLong();
                rowAccepted += row.get("accepted").asLong();
                rowJoins += row.get("joins").asLong();
            }
        }
        assertEquals(rows.size(), console.all(".channels tr[data-id]").size(), "channel rows");
        assertEquals(rowScans, kpi("scans"), "KPI scans = the channel rows");
        assertEquals(rowAccepted, kpi("accepted"), "KPI accepted = the channel rows");
        assertEquals(rowScans - rowAccepted, kpi("refused"), "KPI refused = scans not accepted");
        assertEquals(rowJoins, kpi("joins"), "KPI joins = the channel rows");
        // Scans of campaign invites (channel `invite`) count in the channel rows and the KPIs, but
        // belong to no code or live code: the per-code reports behind the charts leave them out.
        JsonNode invites = null;
        for (JsonNode row : rows) {
            if (row.get("key").asText().equals("invite") && channel.isEmpty()) {
                invites = row;
            }
        }
        long inviteScans = invites == null ? 0 : invites.get("scans").asLong();
        long inviteAccepted = invites == null ? 0 : invites.get("accepted").asLong();
        long inviteJoins = invites == null ? 0 : invites.get("joins").asLong();
        assertEquals(scans, rowScans - inviteScans,
                "the per-code reports (charts) and the channel rows (KPIs) read the same hours");
        assertEquals(accepted, rowAccepted - inviteAccepted);
        assertEquals(joins, rowJoins - inviteJoins);
        double rate = rowAccepted == 0 ? 0 : Math.round(rowJoins * 10000.0 / rowAccepted) / 10000.0;
        assertEquals(rate, Double.parseDouble(console.find("[data-kpi='conversionRate']").getAttribute("data-value")),
                "conversion");
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
                    } catch (Exception | AssertionError e) {
                        // A busy host may time a read out (503/500); the wait asks again.
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
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"wall screen\",\"scope\":\"read\"}")).build(),
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

    private static boolean ready(WebElement page) {
        return "ready".equals(page.getAttribute("data-state")) && "drawn".equals(page.getAttribute("data-charts"));
    }

    /**
     * Until the page shows {@code channel}'s numbers and charts; on a timeout, what it showed
     * instead. A busy host may time a read out (the codes API's 10 s): the page then says so
     * and this presses its refresh button, at most three times.
     */
    private static void awaitReady(String channel) {
        int[] retries = {0};
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(console.driver(), Duration.ofMinutes(3))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> {
                        WebElement page = d.findElement(By.cssSelector(".analytics"));
                        if ("error".equals(page.getAttribute("data-state")) && retries[0] < 3) {
                            retries[0]++;
                            d.findElement(By.cssSelector(".analytics [data-action='refresh']")).click();
                            return false;
                        }
                        return ready(page) && channel.equals(note().getAttribute("data-channel"));
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            WebElement page = console.find(".analytics");
            throw new AssertionError("the analytics page never got ready for channel '" + channel + "': state "
                    + page.getAttribute("data-state") + ", charts " + page.getAttribute("data-charts") + ", shows "
                    + page.getText().lines().limit(12).toList() + ", browser console " + chromium.console(), e);
        }
    }

    private static WebElement note() {
        return console.driver().findElement(By.cssSelector("[data-range-note]"));
    }

    private static long kpi(String name) {
        return Long.parseLong(console.find("[data-kpi='" + name + "']").getAttribute("data-value"));
    }

    private static long cell(WebElement tr, String col) {
        return Long.parseLong(tr.findElement(By.cssSelector("[data-col='" + col + "']")).getAttribute("data-value"));
    }

    private static long hoursBetween(String from, String to) {
        return Duration.between(java.time.Instant.parse(from), java.time.Instant.parse(to)).toHours();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
