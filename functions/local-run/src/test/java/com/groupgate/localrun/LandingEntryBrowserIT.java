package com.groupgate.localrun;

import static com.groupgate.entry.QrPictures.WECHAT;
import static com.groupgate.entry.QrPictures.encode;
import static com.groupgate.entry.QrPictures.qr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.groupgate.http.Json;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The landing page after a join, in headless Chromium calling itself WeChat's in-app
 * browser, through the local HTTP API as {@code make run} serves it: the group's QR picture
 * appears large enough to long-press, with the instruction in the scanner's language, and
 * the picture on screen still decodes to the group's invitation; an approval group's page
 * waits, follows its statusUrl and shows the link once the owner approves. No
 * Content-Security-Policy violation either way. Screenshots go to target/screenshots/.
 * Skipped without Chromium, except on CI ({@link HeadlessChromium}).
 */
class LandingEntryBrowserIT {
    /** WeChat 8.0 on Android, as its in-app browser (XWEB) sends it. */
    static final String WECHAT_USER_AGENT = "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 "
            + "XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 "
            + "Weixin NetType/WIFI Language/zh_CN ABI/arm64";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(40);

    private static LocalGroupGate local;
    private static URI base;
    private static HeadlessChromium chromium;
    private static String apiKey;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled("the landing page's entry browser test");
        local = RecordedStack.builder().streamPolling(false).build();
        base = local.start(0);
        chromium = HeadlessChromium.start(WECHAT_USER_AGENT, "zh-CN,zh");
        apiKey = send("POST", "/v1/tenants", "{\"name\":\"Browser entries\"}", local.adminKey(), 201)
                .path("apiKey").asText();
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

    @Test
    void afterJoiningTheWeChatGroupsQrAppearsToLongPress() throws Exception {
        String groupId = send("POST", "/v1/groups", "{\"name\":\"读书会\",\"preset\":\"wechat\"}", apiKey, 201)
                .path("groupId").asText();
        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/groups/" + groupId
                        + "/entry-image")).PUT(HttpRequest.BodyPublishers.ofByteArray(encode(qr(WECHAT, 430), "png")))
                .header("Content-Type", "image/png").header("Authorization", "Bearer " + apiKey).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        WebDriver driver = chromium.driver();
        chromium.console();

        driver.get(scanPage(groupId));
        assertFalse(driver.getPageSource().contains("weixin"), "no entry before the join");
        assertEquals("加入群聊", driver.findElement(By.cssSelector("#join button")).getText(), "the scanner's language");
        chromium.screenshot("landing-wechat-before-join");
        driver.findElement(By.cssSelector("#join button[type=submit]")).click();
        WebElement picture = new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#entry img.qr"))
                .stream().filter(i -> loaded(d, i)).findFirst().orElse(null));
        assertEquals("长按识别二维码加入群聊", driver.findElement(By.cssSelector("#entry .press")).getText());
        assertTrue(picture.getSize().getWidth() >= 300, "large enough to long-press: " + picture.getSize());
        Path shot = chromium.screenshot("landing-wechat-image-joined");
        assertEquals(WECHAT, decode(ImageIO.read(shot.toFile())), "the picture on screen is the group's invitation");
        List<String> console = chromium.console();
        assertEquals(List.of(), HeadlessChromium.policyViolations(console), "console: " + console);
    }

    @Test
    void anApprovalGroupsPageWaitsAndShowsTheLinkOnceApproved() throws Exception {
        String groupId = send("POST", "/v1/groups", "{\"name\":\"Run club\",\"joinPolicy\":\"approval\"}", apiKey, 201)
                .path("groupId").asText();
        send("PATCH", "/v1/groups/" + groupId, "{\"entry\":{\"type\":\"link\",\"url\":"
                + "\"https://chat.whatsapp.com/RunClubDemo\"}}", apiKey, 200);
        WebDriver driver = chromium.driver();
        chromium.console();

        driver.get(scanPage(groupId));
        assertEquals("申请加入", driver.findElement(By.cssSelector("#join button")).getText());
        driver.findElement(By.cssSelector("#join button[type=submit]")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("result")).getText().contains("等待群主审核"));
        chromium.screenshot("landing-approval-pending");
        assertTrue(driver.findElements(By.cssSelector("#entry a")).isEmpty(), "nothing before approval");

        JsonNode pending = send("GET", "/v1/groups/" + groupId + "/join-requests?status=pending", null, apiKey, 200);
        String requestId = pending.path("items").get(0).path("requestId").asText();
        send("POST", "/v1/join-requests/" + requestId + "/approve", null, apiKey, 200);
        WebElement link = new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#entry a.go"))
                .stream().findFirst().orElse(null));
        assertEquals("https://chat.whatsapp.com/RunClubDemo", link.getAttribute("href"));
        assertEquals("打开群聊", link.getText());
        chromium.screenshot("landing-approval-approved");
        List<String> console = chromium.console();
        assertEquals(List.of(), HeadlessChromium.policyViolations(console), "console: " + console);
    }

    private static String scanPage(String groupId) throws Exception {
        String scanUrl = send("POST", "/v1/groups/" + groupId + "/codes", "{}", apiKey, 201).path("scanUrl").asText();
        return base + scanUrl.substring(scanUrl.indexOf("/S/"));
    }

    private static boolean loaded(WebDriver driver, WebElement image) {
        Object width = ((JavascriptExecutor) driver).executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0;", image);
        return width instanceof Number n && n.intValue() > 0;
    }

    private static String decode(BufferedImage screenshot) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(screenshot)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    private static JsonNode send(String method, String path, String body, String key, int expected) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }
}
