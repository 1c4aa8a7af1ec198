package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.http.Json;
import com.groupgate.join.Totp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The landing page a phone opens, in headless Chromium through the local HTTP API (as
 * {@code make run} serves it): under its Content-Security-Policy, which allows only the
 * page's own script and style by hash, the join button still joins, and the browser reports
 * no violation. A script added to the page afterwards is refused, so the policy is in force
 * and a violation would have shown. Skipped without Chromium, except on CI
 * ({@link HeadlessChromium}).
 */
class LandingPageBrowserIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LocalGroupGate local;
    private static URI base;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws IOException {
        HeadlessChromium.assumeInstalled("the landing page's browser test");
        local = RecordedStack.builder().streamPolling(false).build();
        base = local.start(0);
        chromium = HeadlessChromium.start();
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
    void theJoinButtonJoinsUnderThePagesPolicyWithoutAViolation() throws Exception {
        String apiKey = post("/v1/tenants", "{\"name\":\"Browser landing\"}", local.adminKey()).path("apiKey").asText();
        JsonNode group = post("/v1/groups",
                "{\"name\":\"Night <b>owls</b>\",\"capacity\":10,\"welcomeMessage\":\"Welcome, owl!\"}", apiKey);
        String groupId = group.path("groupId").asText();
        String scanUrl = post("/v1/groups/" + groupId + "/codes", "{}", apiKey).path("scanUrl").asText();
        WebDriver driver = chromium.driver();
        chromium.console();

        driver.get(base + scanUrl.substring(scanUrl.indexOf("/S/")));
        assertEquals("Night <b>owls</b>", driver.findElement(By.tagName("h1")).getText(), "the name is text, not markup");
        driver.findElement(By.cssSelector("#join button[type=submit]")).click();
        String result = new WebDriverWait(driver, WAIT).until(d -> {
            String text = d.findElement(By.id("result")).getText();
            return text.isEmpty() ? null : text;
        });
        assertEquals("You joined the group.", result, "the page's script posted the join and showed the answer");
        String text = driver.findElement(By.tagName("body")).getText();
        assertEquals(1, text.split("Welcome, owl!", -1).length - 1, "the welcome message shows once: " + text);
        assertFalse(driver.getCurrentUrl().contains("?"), "the form was not submitted natively: " + driver.getCurrentUrl());
        assertEquals(1, get("/v1/groups/" + groupId, apiKey).path("members").asInt(), "the member was counted");
        List<String> console = chromium.console();
        assertEquals(List.of(), HeadlessChromium.policyViolations(console), "console: " + console);

        // The control: an inline script the page did not ship is refused and reported.
        ((JavascriptExecutor) driver).executeScript("var s=document.createElement('script');"
                + "s.textContent='document.title=\"injected\"';document.body.appendChild(s);");
        assertFalse("injected".equals(driver.getTitle()), "the injected script did not run");
        List<String> violations = HeadlessChromium.policyViolations(chromium.console());
        assertEquals(1, violations.size(), "the refusal was reported: " + violations);
        assertTrue(violations.get(0).toLowerCase(Locale.ROOT).contains("script-src"), violations.get(0));
    }

    @Test
    void aWrongPasscodeIsRefusedInTheBrowsersTraditionalChinese() throws Exception {
        String apiKey = post("/v1/tenants", "{\"name\":\"Browser passcode\"}", local.adminKey()).path("apiKey").asText();
        JsonNode group = post("/v1/groups", "{\"name\":\"讀書會\",\"capacity\":10,\"joinPolicy\":\"passcode\"}", apiKey);
        byte[] secret = Totp.parseSecretOrNull(group.path("passcodeSecret").asText());
        String scanUrl = post("/v1/groups/" + group.path("groupId").asText() + "/codes", "{}", apiKey)
                .path("scanUrl").asText();
        String wrong = Totp.PASSCODE.verify(secret, "000000", Instant.now().getEpochSecond()) ? "111111" : "000000";
        try (HeadlessChromium traditional = HeadlessChromium.start(null, "zh-TW,zh;q=0.9,en;q=0.5")) {
            WebDriver driver = traditional.driver();
            driver.get(base + scanUrl.substring(scanUrl.indexOf("/S/")));
            assertEquals("zh-TW", driver.findElement(By.tagName("html")).getAttribute("lang"));
            assertEquals("加入群組", driver.findElement(By.cssSelector("#join button")).getText());
            driver.findElement(By.id("pc")).sendKeys(wrong);
            driver.findElement(By.cssSelector("#join button[type=submit]")).click();
            String result = new WebDriverWait(driver, WAIT).until(d -> {
                String t = d.findElement(By.id("result")).getText();
                return t.isEmpty() ? null : t;
            });
            assertEquals("口令錯誤，還可嘗試 4 次。", result, "the join's refusal, in the page's language");
        }
    }

    private static JsonNode post(String path, String body, String key) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), key, 201);
    }

    private static JsonNode get(String path, String key) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)), key, 200);
    }

    private static JsonNode send(HttpRequest.Builder request, String key, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(request.header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }
}
