package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's panels for what happens around the numbers, read by headless Chromium
 * from {@code make run}'s stack. Webhooks, with a receiver on 127.0.0.1: the tenant's
 * endpoint listed, its "Send test" button sending a {@code webhook.test} the receiver gets,
 * the delivery then shown with its status and HTTP code; with a read key the button says a
 * full key is needed and nothing is sent. Groups: a group the operator blocked shows that,
 * since when and why.
 *
 * <p>Skipped without Chromium, except on CI ({@link HeadlessChromium}).
 */
class DashboardPanelsBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PATH = "/dashboard-hook";

    private static LocalGroupGate local;
    private static LocalApi api;
    private static URI base;
    private static WebhookReceiver receiver;
    private static HeadlessChromium chromium;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled("the dashboard's panels test");
        receiver = new WebhookReceiver();
        local = RecordedStack.builder().allowLoopbackWebhooks(true).build();
        base = local.start(0);
        api = new LocalApi(base);
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
        driver.manage().window().setSize(new Dimension(1366, 2900));
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
    void thePanelListsTheEndpointSendsATestAndShowsItsDelivery() throws Exception {
        String key = api.tenant(local.adminKey(), "Panel Co");
        JsonNode hook = api.expect(201, "POST", "/v1/webhooks", "{\"url\":\"" + receiver.url(PATH)
                + "\",\"events\":[\"member.joined\"],\"description\":\"crm\"}", key);
        String id = hook.get("webhookId").asText();
        String readKey = api.expect(201, "POST", "/v1/keys", "{\"name\":\"wall\",\"scope\":\"read\"}", key)
                .get("apiKey").asText();

        open(key);
        WebElement panel = driver.findElement(By.cssSelector("#webhooks [data-webhook='" + id + "']"));
        assertTrue(panel.getText().contains(receiver.url(PATH)), panel.getText());
        assertTrue(panel.getText().contains("member.joined"), panel.getText());
        assertTrue(panel.getText().contains("No deliveries yet"), panel.getText());
        assertTrue(!panel.getText().contains(hook.get("secret").asText()), "the secret is never shown again");

        button(id).click();
        wait(driver).until(d -> d.findElement(By.id("webhook-note")).getText().contains("queued"));
        List<WebhookReceiver.Received> got = awaitDelivery();
        assertEquals(1, got.size(), "one test event");
        assertTrue(got.get(0).body().contains("\"webhook.test\""), got.get(0).body());

        WebElement row = wait(driver).until(d -> {
            driver.navigate().refresh();
            awaitReady();
            List<WebElement> rows = d.findElements(By.cssSelector("[data-webhook='" + id + "'] tr[data-delivery]"));
            return rows.isEmpty() ? null : rows.get(0);
        });
        assertTrue(row.getText().contains("webhook.test"), row.getText());
        assertEquals("delivered", row.findElement(By.cssSelector("[data-status]")).getAttribute("data-status"));
        assertTrue(row.getText().contains("200"), row.getText());
        chromium.screenshot("dashboard-webhooks");

        open(readKey);
        button(id).click();
        wait(driver).until(d -> d.findElement(By.id("webhook-note")).getText().contains("full key"));
        assertTrue(!button(id).isEnabled(), "a read key's buttons are switched off");
        Eventually.await(WAIT, "the webhook pipeline to go quiet", () -> local.webhooksIdleFor(Duration.ofSeconds(2)));
        assertEquals(1, receiver.at(PATH).size(), "a read key sent nothing");
    }

    @Test
    void aBlockedGroupShowsWhyOnTheDashboard() throws Exception {
        String key = api.tenant(local.adminKey(), "Blocked Panel Co");
        String groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Night market\"}", key)
                .get("groupId").asText();
        String other = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Book club\"}", key).get("groupId").asText();
        String tenantId = api.expect(200, "GET", "/v1/tenant", null, key).get("tenantId").asText();
        api.expect(200, "POST", "/v1/admin/tenants/" + tenantId + "/groups/" + groupId + "/block",
                "{\"reason\":\"court order 77\"}", local.adminKey());

        open(key);
        WebElement row = driver.findElement(By.cssSelector("#groups tr[data-group='" + groupId + "']"));
        WebElement badge = row.findElement(By.cssSelector("[data-blocked='true']"));
        assertTrue(badge.getText().contains("court order 77"), "the operator's reason: " + badge.getText());
        assertTrue(badge.getText().startsWith("blocked since"), badge.getText());
        assertTrue(driver.findElements(By.cssSelector("#groups tr[data-group='" + other + "'] [data-blocked]"))
                .isEmpty(), "only the blocked group says so");
        chromium.screenshot("dashboard-blocked-group");
    }

    /** The dashboard with {@code key} in the tab's sessionStorage, loaded. */
    private static void open(String key) {
        driver.get(base + "/dashboard");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.setItem('groupgate.apiKey', arguments[0])", key);
        driver.navigate().refresh();
        awaitReady();
    }

    private static WebElement button(String id) {
        return driver.findElement(By.cssSelector("[data-test-webhook='" + id + "']"));
    }

    private static List<WebhookReceiver.Received> awaitDelivery() {
        return new WebDriverWait(driver, WAIT).until(d -> receiver.at(PATH).isEmpty() ? null : receiver.at(PATH));
    }

    private static void awaitReady() {
        wait(driver).until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-state")));
    }

    private static WebDriverWait wait(WebDriver d) {
        return new WebDriverWait(d, WAIT);
    }
}
