package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.testkit.PresignedUrls;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The batch and export pages in headless Chromium on {@code make run}'s stack: a CSV of stores
 * chosen in #/batches is issued by the batch worker, its progress followed to done and the
 * ZIP linked; the same file sent again is the same batch; a bad file's problems are listed by
 * line with nothing issued; an export asked for in #/exports is followed to its file's link,
 * a range the API refuses is named beside its field; a read key sees both forms disabled with
 * the reason; the pages fit 390 px and axe finds nothing serious, in the states they reach.
 *
 * <p>Skipped without Chromium, except on CI ({@link HeadlessChromium}).
 */
class ConsolePrintBrowserIT {
    /** The batch worker and the export worker are polled from their queues: a little slower than a page. */
    private static final Duration JOB = Duration.ofSeconds(120);
    private static final String HEADER = "channel,label,groupId,liveCodeId,dailyScanLimit,ttlSeconds,medium,format";

    private static LocalGroupGate local;
    private static LocalApi api;
    private static HeadlessChromium chromium;
    private static ConsoleBrowser console;
    private static Path files;
    private static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled("the console's batch and export browser test");
        local = RecordedStack.builder().webhooks(false).build();
        URI base = local.start(0);
        api = new LocalApi(base);
        files = Files.createTempDirectory("gg-console-print-");
        downloads = Files.createTempDirectory("gg-console-print-downloads-");
        chromium = HeadlessChromium.start(null, "zh-CN,zh;q=0.9,en;q=0.5", downloads);
        console = new ConsoleBrowser(chromium, base);
        console.desktop();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (local != null) {
            local.close();
        }
    }

    private static Path csv(String name, String... lines) throws Exception {
        Path file = files.resolve(name);
        Files.writeString(file, "\uFEFF" + HEADER + "\r\n" + String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
        return file;
    }

    private static int codes(String key) {
        return api.expect(200, "GET", "/v1/codes?limit=100", null, key).path("items").size();
    }

    private static String hash() {
        return String.valueOf(console.js("return location.hash"));
    }

    private static void upload(Path file) {
        console.find("input[name='file']").sendKeys(file.toAbsolutePath().toString());
        console.find("[data-action='new-batch']").click();
    }

    /** Axe over what the page shows now, on a desktop and at 390 px; the violations, if any. */
    private static List<String> axeBothWidths(String what) throws Exception {
        List<String> found = new ArrayList<>(console.axeSeriousViolations());
        try {
            console.assertNoSidewaysScrollAtPhoneWidth(what);
            console.screenshot(what + "-phone");
            found.addAll(console.axeSeriousViolations());
        } finally {
            console.desktop();
        }
        return found;
    }

    @Test
    void aCsvOfStoresIsFollowedToItsZipAndTheSameFileAgainIsTheSameBatch() throws Exception {
        String key = api.tenant(local.adminKey(), "连锁门店 批量");
        String groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"门店会员群\"}", key).path("groupId").asText();
        Path stores = csv("stores.csv",
                "store-1,\"徐汇 1号店, 1F\"," + groupId + ",,,,poster,png",
                "store-2,静安 2号店," + groupId + ",,,,sticker,png",
                "store-3,浦东 3号店," + groupId + ",,,,flyer,png");
        console.open(key, "#/batches");
        WebElement template = console.find("[data-action='download-template']");
        assertTrue(template.getAttribute("download").endsWith(".csv"), "the template is offered as a file");
        template.click();
        Path saved = downloads.resolve("groupgate-batch-template.csv");
        Eventually.await(ConsoleBrowser.WAIT, "the template's download", () -> Files.isRegularFile(saved)
                && saved.toFile().length() > 0);
        assertEquals("\uFEFF" + HEADER + "\r\n", Files.readString(saved, StandardCharsets.UTF_8),
                "the template is the documented header");
        upload(stores);

        WebElement zip = new WebDriverWait(console.driver(), JOB).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("section[data-batch] [data-action='download-zip']"));
            return found.isEmpty() ? null : found.get(0);
        });
        String batchId = console.find("section[data-batch]").getAttribute("data-batch");
        assertEquals("#/batches/" + batchId, hash(), "the batch has an address of its own");
        assertEquals("3/3", console.find("[data-progress]").getAttribute("data-progress"));
        assertEquals("done", console.find("section[data-batch] [data-status]").getAttribute("data-status"));
        WebElement bar = console.find("section[data-batch] progress");
        assertEquals(List.of("3", "3"), List.of(bar.getAttribute("value"), bar.getAttribute("max")), "the bar is full");
        console.screenshot("console-batches-done-zh");

        HttpResponse<byte[]> got = PresignedUrls.get(zip.getAttribute("href"), "CodesApiFunction");
        assertEquals(200, got.statusCode(), "the link is the ZIP's");
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(got.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertEquals(4, names.size(), names.toString());
        assertTrue(names.contains("manifest.csv"), names.toString());
        assertEquals(3, codes(key));

        WebElement shown = console.find("section[data-batch]");
        upload(stores);
        ConsoleBrowser.wait(console.driver()).until(ExpectedConditions.stalenessOf(shown));
        console.awaitPage();
        console.find("section[data-batch='" + batchId + "'] [data-action='download-zip']");
        assertEquals("#/batches/" + batchId, hash(), "the same file again answers the same batch");
        assertEquals(3, codes(key), "nothing was issued twice");

        assertEquals(List.of(), axeBothWidths("console-batches-done"), "axe-core: serious or critical violations");
    }

    @Test
    void aBadFileIsListedLineByLineAndNothingIsIssued() throws Exception {
        String key = api.tenant(local.adminKey(), "连锁门店 出错");
        String groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"门店会员群\"}", key).path("groupId").asText();
        Path bad = csv("bad.csv",
                "store-1,徐汇店," + groupId + ",,,,poster,png",
                "store-2,静安店,,,,,poster,png",
                "store-3,浦东店," + groupId + ",,,,banner,png",
                "store-4,长宁店," + groupId + ",,0,,poster,png");
        console.open(key, "#/batches");
        upload(bad);

        WebElement problems = console.find("[data-problems]");
        List<Integer> lines = problems.findElements(By.cssSelector("tbody [data-line]")).stream()
                .map(line -> Integer.parseInt(line.getAttribute("data-line"))).distinct().toList();
        assertEquals(List.of(3, 4, 5), lines, "each bad line in order, as an editor counts (the header is line 1)");
        assertEquals("#/batches", hash(), "no batch was made");
        assertEquals(0, codes(key), "nothing was issued");
        console.screenshot("console-batches-problems-zh");
        assertEquals(List.of(), axeBothWidths("console-batches-problems"), "axe-core: serious or critical violations");
    }

    @Test
    void anExportIsFollowedToItsFileAndARefusedRangeIsNamedBesideItsField() throws Exception {
        String key = api.tenant(local.adminKey(), "导出 测试");
        String groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"读书会\"}", key).path("groupId").asText();
        console.open(key, "#/exports");
        WebElement form = console.find("form:has([data-action='new-export'])");
        WebElement from = form.findElement(By.name("from"));
        WebElement to = form.findElement(By.name("to"));
        console.js("arguments[0].value = '2026-01-01'; arguments[1].value = '2026-06-30';", from, to);
        form.findElement(By.cssSelector("[data-action='new-export']")).click();
        WebElement error = console.find(".field-error[data-field='to']");
        assertFalse(error.getText().isBlank(), "the API's reason is shown");
        assertEquals(to.findElement(By.xpath("..")), error.findElement(By.xpath("..")), "beside the last day");
        assertEquals("#/exports", hash(), "nothing was asked for");
        console.screenshot("console-exports-refused-zh");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        console.js("arguments[0].value = arguments[2]; arguments[1].value = arguments[3];",
                from, to, today.minusDays(6).toString(), today.toString());
        new Select(form.findElement(By.name("kind"))).selectByValue("members");
        new Select(form.findElement(By.name("groupId"))).selectByValue(groupId);
        form.findElement(By.cssSelector("[data-action='new-export']")).click();

        WebElement link = new WebDriverWait(console.driver(), JOB).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("section[data-export] [data-action='download-export']"));
            return found.isEmpty() ? null : found.get(0);
        });
        String exportId = console.find("section[data-export]").getAttribute("data-export");
        assertEquals("#/exports/" + exportId, hash());
        assertEquals("0", console.find("section[data-export] [data-rows]").getAttribute("data-rows"), "a new group has no members");
        assertEquals("done", console.find("section[data-export] [data-status]").getAttribute("data-status"));
        assertEquals(groupId, api.expect(200, "GET", "/v1/exports/" + exportId, null, key).path("groupId").asText());
        assertEquals("读书会", console.find("section[data-export] [data-group='" + groupId + "']").getText(),
                "the group by its name");
        console.screenshot("console-exports-done-zh");

        HttpResponse<byte[]> file = PresignedUrls.get(link.getAttribute("href"), "CodesApiFunction");
        assertEquals(200, file.statusCode());
        assertTrue(new String(file.body(), StandardCharsets.UTF_8).startsWith("\uFEFFgroupId,groupName,memberRef,joinedAt"),
                "the link is the export's CSV");
        assertEquals(List.of(), axeBothWidths("console-exports-done"), "axe-core: serious or critical violations");
    }

    @Test
    void aReadKeySeesUploadAndExportDisabledWithTheReason() {
        String full = api.tenant(local.adminKey(), "只读 打印");
        String read = api.expect(201, "POST", "/v1/keys", "{\"name\":\"wall\",\"scope\":\"read\"}", full)
                .path("apiKey").asText();
        console.open(read, "#/batches");
        for (String css : List.of("input[name='file']", "[data-action='new-batch']")) {
            WebElement control = console.find(css);
            assertTrue(console.disabled(control), css + " is disabled for a read key");
        }
        assertNotEquals("", console.find("[data-action='new-batch']").getAttribute("title"), "it says why");
        console.go("#/exports");
        for (String css : List.of("select[name='kind']", "input[name='from']", "[data-action='new-export']")) {
            WebElement control = console.find(css);
            assertTrue(console.disabled(control), css + " is disabled for a read key");
        }
        assertNotEquals("", console.find("[data-action='new-export']").getAttribute("title"), "it says why");
    }
}
