package com.groupgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.groupgate.entry.QrPictures;
import com.groupgate.telemetry.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console end to end, in Chinese, as a new tenant's staff use it: GroupGate as {@code make run}
 * serves it (the console's files from the emulated bucket through the local edge, under the
 * template's CSP), Debian's headless Chromium clicking through it. Every page is checked at
 * 390 px (nothing scrolls sideways) and by axe-core (no serious or critical violation), and
 * photographed into target/screenshots/. The first load's size is measured.
 *
 * <p>Needs the built console (make console) and, like the other browser tests, Chromium (skipped
 * without it, except on CI).
 */
class ConsoleBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    /** The first load's budget: every file of #/groups, gzip-compressed. */
    private static final long FIRST_LOAD_BUDGET_BYTES = 300 * 1024;

    private static LocalGroupGate local;
    private static URI base;
    private static LocalApi api;
    private static Path downloads;
    private static HeadlessChromium chromium;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws IOException {
        HeadlessChromium.assumeInstalled("the console's browser test");
        if (!Files.isRegularFile(ROOT.resolve("console/dist/index.html"))) {
            fail("the console is not built: make console (make test builds it first)");
        }
        local = RecordedStack.builder().build();
        base = local.start(0);
        api = new LocalApi(base);
        downloads = Files.createTempDirectory("gg-console-downloads-");
        chromium = HeadlessChromium.start(null, "zh-CN,zh", downloads);
        driver = chromium.driver();
        driver.manage().window().setSize(new Dimension(1280, 900));
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
    void aNewTenantRunsItsGroupFromTheConsoleInChinese() throws Exception {
        String key = newTenant("河畔学校");
        driver.get(base + "/console");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.navigate().refresh();
        waitFor(By.cssSelector("input[name='apiKey']"));
        assertEquals("登录", driver.findElement(By.cssSelector("form h1")).getText(), "Chinese from the browser's languages");
        checkPage("sign-in");
        signIn(key);
        assertEquals("zh-CN", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("群组", driver.findElement(By.cssSelector("#page h1")).getText());
        checkPage("groups-empty");

        // A new group; a capacity the API refuses is shown beside its input, nothing typed is lost.
        click("new-group");
        WebElement form = driver.findElement(By.cssSelector("form.form"));
        type(form, "name", "三年级二班家长群");
        type(form, "capacity", "5000");
        new Select(form.findElement(By.name("joinPolicy"))).selectByValue("approval");
        type(form, "welcomeMessage", "欢迎加入！");
        form.findElement(By.cssSelector("[data-action='save']")).click();
        WebElement error = waitFor(By.cssSelector(".field-error[data-field='capacity']"));
        assertTrue(error.getText().contains("capacity"), error.getText());
        assertEquals("5000", form.findElement(By.name("capacity")).getAttribute("value"));
        assertEquals("三年级二班家长群", form.findElement(By.name("name")).getAttribute("value"));
        assertEquals("欢迎加入！", form.findElement(By.name("welcomeMessage")).getAttribute("value"));
        assertEquals("true", form.findElement(By.name("capacity")).getAttribute("aria-invalid"));
        assertEquals(error.findElement(By.xpath("..")), form.findElement(By.name("capacity")).findElement(By.xpath("..")),
                "the message sits beside the capacity input");
        chromium.screenshot("console-groups-field-error");
        type(form, "capacity", "40");
        form.findElement(By.cssSelector("[data-action='save']")).click();
        waitUntil(d -> d.getCurrentUrl().contains("#/groups/"));
        awaitPage("#/groups/{groupId}");
        String groupId = driver.getCurrentUrl().replaceAll(".*#/groups/", "");
        JsonNode group = api.expect(200, "GET", "/v1/groups/" + groupId, null, key);
        assertEquals("三年级二班家长群", group.path("name").asText());
        assertEquals(40, group.path("capacity").asInt());
        assertEquals("approval", group.path("joinPolicy").asText());

        // The WeChat group's own QR, as a phone photo: its decoded payload and days left show.
        Path picture = Files.createTempFile("wechat-group-qr-", ".png");
        Files.write(picture, QrPictures.encode(QrPictures.photographed(QrPictures.qr(QrPictures.WECHAT, 360), 8, 0.9), "png"));
        driver.findElement(By.cssSelector("input[type='file'][name='entryImage']")).sendKeys(picture.toString());
        click("upload-entry");
        WebElement payload = waitFor(By.cssSelector("[data-payload]"));
        assertEquals(QrPictures.WECHAT, payload.getText());
        WebElement daysLeft = driver.findElement(By.cssSelector("[data-days-left]"));
        assertEquals("7", daysLeft.getAttribute("data-days-left"));
        assertTrue(daysLeft.getText().contains("剩余 7 天"), daysLeft.getText());

        // A code for one channel, downloaded as its PNG, which decodes to the code's scan URL.
        WebElement issue = driver.findElement(By.cssSelector("form[data-form='issue-code']"));
        type(issue, "channel", "campus-north");
        issue.findElement(By.cssSelector("[data-action='issue-code']")).click();
        WebElement codeRow = waitFor(By.cssSelector("section tr[data-id]"));
        String codeId = codeRow.getAttribute("data-id");
        JsonNode code = api.expect(200, "GET", "/v1/codes/" + codeId, null, key);
        assertEquals("campus-north", code.path("channel").asText());
        codeRow.findElement(By.cssSelector("[data-action='download']")).click();
        Path png = awaitDownload();
        assertEquals(code.path("scanUrl").asText(), decodeQr(png));
        checkPage("group");

        // A scan asks to join; the approvals queue shows it with its badge, and approving admits.
        JsonNode join = api.scanAndJoin(code, "parent-li");
        assertEquals(202, join.path("_status").asInt(), join.toString());
        WebElement badge = driver.findElement(By.cssSelector("[data-badge='#/approvals']"));
        waitUntil(d -> "1".equals(badge.getText()));
        go("#/approvals");
        WebElement request = waitFor(By.cssSelector("tr[data-id]"));
        assertTrue(request.getText().contains("parent-li"), request.getText());
        checkPage("approvals");
        request.findElement(By.cssSelector("[data-action='approve']")).click();
        waitUntil(d -> d.findElements(By.cssSelector("#page tr[data-id]")).isEmpty()
                && d.findElement(By.cssSelector("#page")).getAttribute("data-page") != null);
        waitUntil(d -> badge.getText().isEmpty());
        assertEquals("parent-li", api.expect(200, "GET", "/v1/groups/" + groupId + "/members", null, key)
                .path("items").path(0).path("memberRef").asText());

        // The member is removed from the group's page, after a confirmation.
        go("#/groups/" + groupId);
        WebElement member = waitFor(By.cssSelector("tr[data-id='parent-li']"));
        member.findElement(By.cssSelector("[data-action='remove-member']")).click();
        waitFor(By.cssSelector("dialog[open] [data-action='confirm']")).click();
        waitUntil(d -> d.findElements(By.cssSelector("tr[data-id='parent-li']")).isEmpty()
                && d.findElement(By.cssSelector("#page")).getAttribute("data-page") != null);
        assertEquals(0, api.expect(200, "GET", "/v1/groups/" + groupId + "/members", null, key).path("items").size());

        // A live code over the group.
        go("#/live-codes");
        checkPage("live-codes-empty");
        click("new-live-code");
        WebElement live = driver.findElement(By.cssSelector("form[data-form='new-live-code']"));
        type(live, "name", "门店海报");
        live.findElement(By.cssSelector("input[name='groupIds'][value='" + groupId + "']")).click();
        type(live, "switchAfterJoins", "30");
        live.findElement(By.cssSelector("[data-action='save']")).click();
        WebElement liveCode = waitFor(By.cssSelector("article.live-code[data-id]"));
        assertTrue(liveCode.getText().contains("门店海报"), liveCode.getText());
        checkPage("live-codes");

        go("#/groups");
        waitFor(By.cssSelector("tr[data-id='" + groupId + "']"));
        checkPage("groups");

        // English on request, remembered across a reload.
        new Select(driver.findElement(By.cssSelector("[data-action='language']"))).selectByValue("en");
        waitUntil(d -> "Groups".equals(d.findElement(By.cssSelector("#page h1")).getText()));
        driver.navigate().refresh();
        awaitPage("#/groups");
        assertEquals("en", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Groups", driver.findElement(By.cssSelector("#page h1")).getText());
        chromium.screenshot("console-groups-en");
        new Select(driver.findElement(By.cssSelector("[data-action='language']"))).selectByValue("zh-CN");
        waitUntil(d -> "群组".equals(d.findElement(By.cssSelector("#page h1")).getText()));
        assertEquals(List.of(), HeadlessChromium.policyViolations(chromium.console()));
    }

    @Test
    void aReadKeySeesEverythingButEveryWriteControlIsDisabledSayingWhy() throws IOException {
        String key = newTenant("只读测试");
        String groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"只读群\"}", key).path("groupId").asText();
        String readKey = api.expect(201, "POST", "/v1/keys", "{\"name\":\"大屏\",\"scope\":\"read\"}", key)
                .path("apiKey").asText();
        signIn(readKey);
        assertTrue(waitFor(By.id("read-only")).getText().contains("只读"));
        WebElement newGroup = driver.findElement(By.cssSelector("[data-action='new-group']"));
        assertFalse(newGroup.isEnabled());
        assertTrue(newGroup.getAttribute("title").contains("只读"), newGroup.getAttribute("title"));
        assertTrue(driver.findElement(By.cssSelector("tr[data-id='" + groupId + "']")).isDisplayed());
        go("#/groups/" + groupId);
        waitFor(By.cssSelector("[data-action='issue-code']"));
        // Every control that changes something: marked data-write itself, or inside a fieldset that is.
        List<WebElement> writes = driver.findElements(By.cssSelector(
                "#page :is(button, input, select, textarea)[data-write], #page [data-write] :is(button, input, select, textarea)"));
        assertFalse(writes.isEmpty());
        for (WebElement control : writes) {
            assertFalse(control.isEnabled(), control.getAttribute("outerHTML"));
        }
        chromium.screenshot("console-read-key");
        signOut();
    }

    @Test
    void theFirstLoadStaysUnder300KbCompressed() throws Exception {
        String key = newTenant("体积测试");
        signIn(key);
        driver.navigate().refresh();
        awaitPage("#/groups");
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name));");
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String url : fetched) {
            URI uri = URI.create(url.replaceAll("#.*", ""));
            if (!uri.getPath().startsWith("/console")) {
                continue; // the API's answers are data, not the console's files
            }
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), url);
            sizes.put(uri.getPath(), (long) gzip(r.body()).length);
        }
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        Log.info("console_first_load", Map.of("gzipBytes", total, "files", sizes));
        assertTrue(sizes.keySet().stream().anyMatch(p -> p.endsWith(".js")), sizes.toString());
        assertTrue(total <= FIRST_LOAD_BUDGET_BYTES, "first load " + total + " bytes gzip: " + sizes);
        signOut();
    }

    @Test
    void theConsoleIsServedAsTheEdgeServesItFromItsBucket() throws Exception {
        HttpResponse<String> index = get("/console");
        HttpResponse<String> slash = get("/console/");
        assertEquals(200, index.statusCode());
        assertEquals(index.body(), slash.body(), "/console and /console/ are both index.html");
        assertEquals("no-cache", index.headers().firstValue("cache-control").orElseThrow());
        assertTrue(index.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        String csp = index.headers().firstValue("content-security-policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", index.headers().firstValue("x-content-type-options").orElseThrow());
        assertFalse(index.body().contains("<script>"), "no inline script");
        assertFalse(index.body().contains("style="), "no inline style");
        Matcher asset = Pattern.compile("/console/assets/main-[A-Z0-9]+\\.js").matcher(index.body());
        assertTrue(asset.find(), index.body());
        HttpResponse<String> js = get(asset.group());
        assertEquals(200, js.statusCode());
        assertEquals("public, max-age=31536000, immutable", js.headers().firstValue("cache-control").orElseThrow());
        assertTrue(js.headers().firstValue("content-type").orElseThrow().startsWith("text/javascript"));
        assertEquals(403, get("/console/assets/nothing-here.js").statusCode(), "S3 without listing: 403");
        assertEquals(403, HTTP.send(HttpRequest.newBuilder(base.resolve("/console/")).POST(HttpRequest.BodyPublishers
                .noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "GET and HEAD only");
    }

    @Test
    void everyBundledPackageIsInTheLicenceList() throws IOException {
        List<String> bundled = List.of(JSON.readValue(ROOT.resolve("console/target/bundled-packages.json").toFile(),
                String[].class));
        String licences = Files.readString(ROOT.resolve("console/LICENSES.md"));
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\|\\s*`([^`]+)`\\s*\\|").matcher(licences);
        while (m.find()) {
            listed.add(m.group(1));
        }
        Set<String> missing = new TreeSet<>(bundled);
        missing.removeAll(listed);
        assertEquals(Set.of(), missing, "bundled into console/dist but not in console/LICENSES.md");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static String newTenant(String name) {
        return api.expect(201, "POST", "/v1/tenants", "{\"name\":\"" + name + "\",\"timezone\":\"Asia/Shanghai\"}",
                local.adminKey()).path("apiKey").asText();
    }

    private static void signIn(String key) {
        driver.get(base + "/console/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.get(base + "/console/#/groups");
        WebElement input = waitFor(By.cssSelector("input[name='apiKey']"));
        input.sendKeys(key);
        click("sign-in");
        awaitPage("#/groups");
    }

    private static void signOut() {
        click("sign-out");
        waitFor(By.cssSelector("input[name='apiKey']"));
    }

    private static void go(String hash) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0];", hash);
        waitUntil(d -> d.getCurrentUrl().endsWith(hash));
        String route = hash.startsWith("#/groups/") ? "#/groups/{groupId}" : hash;
        awaitPage(route);
    }

    private static void awaitPage(String route) {
        waitUntil(d -> route.equals(d.findElement(By.id("page")).getAttribute("data-page")));
    }

    private static void click(String action) {
        waitFor(By.cssSelector("[data-action='" + action + "']")).click();
    }

    private static void type(WebElement form, String name, String text) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(text);
    }

    private static WebElement waitFor(By by) {
        try {
            return patiently().until(d -> {
                List<WebElement> found = d.findElements(by);
                return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + by + " on " + shown(), e);
        }
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        try {
            patiently().until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("waited in vain on " + shown(), e);
        }
    }

    /** A wait that looks again when the shell re-rendered what it was looking at. */
    private static WebDriverWait patiently() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** What the page shows now, for a failure's message (and target/screenshots/console-failure.png). */
    private static String shown() {
        try {
            chromium.screenshot("console-failure");
        } catch (IOException | RuntimeException e) {
            // the message still says what the page shows
        }
        return driver.getCurrentUrl() + ": " + driver.findElement(By.tagName("body")).getText();
    }

    /**
     * The page at 1280 px and at 390 px (a phone): nothing wider than the screen at 390, no serious
     * or critical axe-core violation at either width; a screenshot of both.
     */
    private static void checkPage(String name) throws IOException {
        chromium.screenshot("console-" + name);
        assertNoSeriousAxeViolations(name);
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            waitUntil(d -> ((Number) ((JavascriptExecutor) d).executeScript("return innerWidth;")).intValue() <= 390);
            long scroll = ((Number) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth;")).longValue();
            long inner = ((Number) ((JavascriptExecutor) driver).executeScript("return innerWidth;")).longValue();
            chromium.screenshot("console-" + name + "-390");
            assertTrue(scroll <= inner, name + " at 390 px: scrollWidth " + scroll + " > innerWidth " + inner);
            assertNoSeriousAxeViolations(name + " at 390 px");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** axe-core (console/node_modules, the pinned devDependency; injected here, never shipped). */
    @SuppressWarnings("unchecked")
    private static void assertNoSeriousAxeViolations(String page) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof axe !== 'undefined';"))) {
            js.executeScript(Files.readString(ROOT.resolve("console/node_modules/axe-core/axe.min.js")));
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { resultTypes: ['violations'] })"
                        + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                        + ".catch(e => done(['axe failed: ' + e]));");
        assertNotNull(result);
        assertEquals(List.of(), (List<String>) result, page + ": axe-core violations");
    }

    private static Path awaitDownload() throws IOException {
        Eventually.await(WAIT, "the PNG download", () -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.anyMatch(f -> f.toString().endsWith(".png"));
            } catch (IOException e) {
                return false;
            }
        });
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.toString().endsWith(".png")).findFirst().orElseThrow();
        }
    }

    private static String decodeQr(Path png) throws IOException, NotFoundException {
        var image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not a picture");
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
