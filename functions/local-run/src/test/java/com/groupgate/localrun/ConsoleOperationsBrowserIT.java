package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.groupgate.http.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's operations pages in headless Chromium, in Chinese as the browser asks, on
 * {@code make run}'s stack: a webhook registered, tested and redelivered to a receiver on
 * 127.0.0.1; a key made (shown once) and revoked; the audit log verified in the browser and
 * a tampered export named at its entry; a read key seeing every write control disabled with
 * the reason; English chosen and remembered; and on every page of the console, at 390 px
 * nothing scrolls sideways and axe-core finds no serious or critical violation. Screenshots
 * of each page go to target/screenshots.
 *
 * <p>Skipped without Chromium, except on CI ({@link HeadlessChromium}).
 */
class ConsoleOperationsBrowserIT {
    private static final String PATH = "/console-hook";
    /** The pages this test owns; the phone and axe checks run over every page the nav lists. */
    private static final List<String> OPERATIONS_PAGES = List.of("#/webhooks", "#/keys", "#/words", "#/settings",
            "#/usage", "#/audit", "#/analytics");

    private static LocalGroupGate local;
    private static LocalApi api;
    private static WebhookReceiver receiver;
    private static HeadlessChromium chromium;
    private static ConsoleBrowser console;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled("the console's operations browser test");
        receiver = new WebhookReceiver();
        local = RecordedStack.builder().allowLoopbackWebhooks(true).build();
        URI base = local.start(0);
        api = new LocalApi(base);
        chromium = HeadlessChromium.start(null, "zh-CN,zh;q=0.9,en;q=0.5");
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
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aWebhookRegisteredInTheConsoleGetsATestAndARedeliveryItsDeliveriesShow() throws Exception {
        String key = api.tenant(local.adminKey(), "Webhook 运营");
        console.open(key, "#/webhooks");
        console.find("[data-action='new-webhook']").click();
        console.find("input[name='url']").sendKeys(receiver.url(PATH));
        console.find("input[name='description']").sendKeys("CRM 同步");
        console.find("form [data-action='save']").click();
        String secret = console.find("[data-secret]").getAttribute("value");
        assertTrue(secret.startsWith("whsec_"), "the secret is shown once: " + secret);
        console.screenshot("console-webhooks-secret-zh");
        console.find("[data-action='done']").click();
        console.awaitPage();
        WebElement hook = console.find("section[data-id]");
        String webhookId = hook.getAttribute("data-id");
        assertTrue(hook.getText().contains(receiver.url(PATH)), hook.getText());
        assertTrue(hook.getText().contains("member.joined"), hook.getText());
        assertFalse(console.driver().getPageSource().contains(secret), "the secret is never shown again");
        assertEquals(1, api.expect(200, "GET", "/v1/webhooks", null, key).path("items").size());

        hook.findElement(By.cssSelector("[data-action='send-test']")).click();
        List<WebhookReceiver.Received> got = ConsoleBrowser.wait(console.driver())
                .until(d -> receiver.at(PATH).isEmpty() ? null : receiver.at(PATH));
        assertTrue(got.get(0).body().contains("\"webhook.test\""), got.get(0).body());
        String eventId = got.get(0).headers().get("webhook-id").get(0);

        WebElement delivered = ConsoleBrowser.wait(console.driver()).until(d -> {
            console.find("section[data-id='" + webhookId + "'] [data-action='refresh']").click();
            console.awaitPage();
            List<WebElement> rows = console.all("section[data-id='" + webhookId + "'] tr[data-id]");
            return rows.isEmpty() ? null : rows.get(0);
        });
        assertEquals("delivered", delivered.findElement(By.cssSelector("[data-status]")).getAttribute("data-status"));
        assertTrue(delivered.getText().contains("webhook.test") && delivered.getText().contains("200"), delivered.getText());
        console.screenshot("console-webhooks-zh");

        delivered.findElement(By.cssSelector("[data-action='redeliver']")).click();
        Eventually.await(ConsoleBrowser.WAIT, "the redelivery", () -> receiver.at(PATH).size() == 2);
        assertEquals(eventId, receiver.at(PATH).get(1).headers().get("webhook-id").get(0),
                "a redelivery carries the same event id");
    }

    @Test
    void aNewKeyIsShownOnceThenRevokedAndTheApiRefusesIt() throws Exception {
        String key = api.tenant(local.adminKey(), "Keys 运营");
        console.open(key, "#/keys");
        console.find("[data-action='new-key']").click();
        console.find("input[name='name']").sendKeys("大屏");
        new Select(console.find("select[name='scope']")).selectByValue("read");
        console.find("form [data-action='save']").click();
        String made = console.find("[data-secret]").getAttribute("value");
        assertEquals(200, api.call("GET", "/v1/groups", null, made).path("_status").asInt(), "the new key works");
        console.find("[data-action='done']").click();
        console.awaitPage();
        assertFalse(console.driver().getPageSource().contains(made), "the key is never shown again");
        String keyId = null;
        for (JsonNode k : api.expect(200, "GET", "/v1/keys", null, key).path("items")) {
            if (k.path("name").asText().equals("大屏")) {
                keyId = k.path("keyId").asText();
            }
        }
        console.find("tr[data-id='" + keyId + "'] [data-action='revoke-key']").click();
        console.find("dialog [data-action='confirm']").click();
        String revoked = keyId;
        ConsoleBrowser.wait(console.driver()).until(d -> d.findElements(By.cssSelector("tr[data-id='" + revoked + "']")).isEmpty());
        assertEquals(401, api.call("GET", "/v1/groups", null, made).path("_status").asInt(), "the revoked key is refused");
    }

    @Test
    void theAuditLogVerifiesInTheBrowserAndATamperedExportIsNamedAtItsEntry() throws Exception {
        String key = api.tenant(local.adminKey(), "Audit 运营");
        for (String name : List.of("读书会", "夜市", "跑步群")) {
            api.expect(201, "POST", "/v1/groups", "{\"name\":\"" + name + "\"}", key);
        }
        console.open(key, "#/audit");
        console.find("[data-action='sign-checkpoint']").click();
        Eventually.await(ConsoleBrowser.WAIT, "a signed checkpoint",
                () -> api.call("GET", "/v1/audit/checkpoint", null, key).path("_status").asInt() == 200);
        console.find("[data-action='verify-audit']").click();
        WebElement result = awaitResult();
        assertEquals("ok", result.getAttribute("data-result"), result.getText());
        console.screenshot("console-audit-zh");

        ObjectNode exported = (ObjectNode) api.expect(200, "GET", "/v1/audit/export", null, key);
        exported.remove("_status");
        JsonNode entries = exported.path("entries");
        assertTrue(entries.size() >= 4, "the tenant's changes are logged: " + entries.size());
        int tampered = 2;
        ((ObjectNode) entries.get(tampered)).put("summary", "什么也没发生");
        Path file = dir.resolve("audit-export.json");
        Files.writeString(file, Json.MAPPER.writeValueAsString(exported));
        console.find("input[type='file'][name='export']").sendKeys(file.toAbsolutePath().toString());
        ConsoleBrowser.wait(console.driver()).until(d -> "failed".equals(
                d.findElement(By.cssSelector(".audit-result")).getAttribute("data-result")));
        result = console.find(".audit-result");
        assertEquals(String.valueOf(tampered), result.getAttribute("data-entry"), result.getText());
        assertTrue(result.getText().contains(String.valueOf(tampered)), result.getText());
        assertFalse(console.all("tr[data-id='" + tampered + "'] [data-failed]").isEmpty(), "the failing entry is marked");
        console.screenshot("console-audit-tampered-zh");

        console.find("[data-action='verify-audit']").click();
        ConsoleBrowser.wait(console.driver()).until(d -> "ok".equals(
                d.findElement(By.cssSelector(".audit-result")).getAttribute("data-result")));
    }

    private static WebElement awaitResult() {
        return ConsoleBrowser.wait(console.driver()).until(d -> {
            WebElement r = d.findElement(By.cssSelector(".audit-result"));
            return r.getAttribute("data-result") == null ? null : r;
        });
    }

    @Test
    void aReadKeySeesEveryPageWithEachWriteControlDisabledSayingWhy() throws Exception {
        String full = api.tenant(local.adminKey(), "Read 运营");
        api.expect(201, "POST", "/v1/webhooks", "{\"url\":\"" + receiver.url("/read-only")
                + "\",\"events\":[\"member.joined\"]}", full);
        String read = api.expect(201, "POST", "/v1/keys", "{\"name\":\"wall\",\"scope\":\"read\"}", full)
                .path("apiKey").asText();
        console.open(read, "#/webhooks");
        String banner = console.find("#read-only").getText();
        assertFalse(banner.isBlank(), "the console says the key may only read");
        Map<String, Integer> disabled = new LinkedHashMap<>();
        for (String page : OPERATIONS_PAGES) {
            console.go(page);
            List<String> enabled = new ArrayList<>();
            int count = 0;
            for (WebElement control : console.all("#page button[data-write], #page input[data-write], "
                    + "#page select[data-write], #page textarea[data-write], #page fieldset[data-write]")) {
                count++;
                if (!console.disabled(control)) {
                    enabled.add(control.getAttribute("outerHTML"));
                }
                assertFalse(control.getAttribute("title").isBlank(), page + ": a disabled control says why");
            }
            assertEquals(List.of(), enabled, page + ": write controls a read key could use");
            disabled.put(page, count);
        }
        for (String page : List.of("#/webhooks", "#/keys", "#/words", "#/settings", "#/audit")) {
            assertTrue(disabled.get(page) > 0, page + " has write controls to disable: " + disabled);
        }
        console.go("#/audit");
        assertTrue(console.find("[data-action='verify-audit']").isEnabled(), "verifying only reads: a read key may");
        console.screenshot("console-read-key-zh");
    }

    @Test
    void englishIsChosenRememberedAcrossAReloadAndChineseComesBack() throws Exception {
        String key = api.tenant(local.adminKey(), "Language 运营");
        console.open(key, "#/settings");
        assertEquals("zh-CN", console.js("return document.documentElement.lang"), "the browser asks for Chinese");
        assertEquals("设置", console.find("nav a[data-nav='#/settings']").getText().strip());
        new Select(console.find("[data-action='language']")).selectByValue("en");
        ConsoleBrowser.wait(console.driver()).until(d -> "Settings".equals(
                d.findElement(By.cssSelector("nav a[data-nav='#/settings']")).getText().strip()));
        console.driver().navigate().refresh();
        console.awaitPage();
        assertEquals("en", console.js("return document.documentElement.lang"), "the choice outlives a reload");
        assertEquals("Settings", console.find("nav a[data-nav='#/settings']").getText().strip());
        console.screenshot("console-settings-en");
        new Select(console.find("[data-action='language']")).selectByValue("zh-CN");
        ConsoleBrowser.wait(console.driver()).until(d -> "设置".equals(
                d.findElement(By.cssSelector("nav a[data-nav='#/settings']")).getText().strip()));
    }

    @Test
    void everyPageFitsAPhoneAndAxeFindsNoSeriousOrCriticalViolation() throws Exception {
        String key = api.tenant(local.adminKey(), "Phone 运营");
        api.expect(201, "POST", "/v1/webhooks", "{\"url\":\"" + receiver.url("/phone")
                + "\",\"events\":[\"member.joined\",\"join.requested\"],\"description\":\"一个很长很长的说明文字\"}", key);
        api.expect(201, "POST", "/v1/groups", "{\"name\":\"校园读书会\"}", key);
        console.open(key, "#/webhooks");
        List<String> pages = console.navRoutes();
        assertTrue(pages.containsAll(OPERATIONS_PAGES), "the nav lists the operations pages: " + pages);
        Map<String, List<String>> violations = new LinkedHashMap<>();
        try {
            for (String page : pages) {
                String name = page.replace("#/", "").replace('/', '-');
                console.desktop();
                console.go(page);
                console.screenshot("console-page-" + name + "-zh");
                List<String> found = console.axeSeriousViolations();
                if (!found.isEmpty()) {
                    violations.put(page, found);
                }
                console.assertNoSidewaysScrollAtPhoneWidth(page);
                console.screenshot("console-page-" + name + "-phone-zh");
                List<String> onPhone = console.axeSeriousViolations();
                if (!onPhone.isEmpty()) {
                    violations.put(page + " at 390 px", onPhone);
                }
            }
        } finally {
            console.desktop();
        }
        assertEquals(Map.of(), violations, "axe-core: serious or critical violations");
    }
}
