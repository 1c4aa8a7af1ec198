package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The webhooks page changes an endpoint and rotates its secret, in headless Chromium on
 * {@code make run}'s stack: a URL the API refuses is named beside the {@code url} input with
 * the typed text kept; a good URL and other events are saved, listed and read back from the
 * API; a rotated secret is shown once, never again, and signs the next delivery; a read key
 * sees both controls disabled with the reason.
 *
 * <p>Skipped without Chromium, except on CI ({@link HeadlessChromium}).
 */
class ConsoleWebhookEditBrowserIT {
    private static LocalGroupGate local;
    private static LocalApi api;
    private static WebhookReceiver receiver;
    private static HeadlessChromium chromium;
    private static ConsoleBrowser console;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled("the console's webhook editing browser test");
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

    private static String register(String key, String path) {
        return api.expect(201, "POST", "/v1/webhooks", "{\"url\":\"" + receiver.url(path)
                + "\",\"events\":[\"member.joined\"]}", key).path("webhookId").asText();
    }

    @Test
    void aRefusedUrlIsNamedBesideItsInputAndAGoodOneIsSavedWithItsEvents() throws Exception {
        String key = api.tenant(local.adminKey(), "Webhook 编辑");
        String id = register(key, "/edit-before");
        console.open(key, "#/webhooks");
        String section = "section[data-id='" + id + "'] ";
        console.find(section + "[data-action='edit-webhook']").click();
        WebElement form = console.find(section + "form");
        WebElement url = form.findElement(By.name("url"));
        assertEquals(receiver.url("/edit-before"), url.getAttribute("value"), "the form starts from the endpoint");

        url.clear();
        url.sendKeys("ftp://例子.invalid/hook");
        form.findElement(By.cssSelector("input[name='events'][value='group.full']")).click();
        form.findElement(By.cssSelector("[data-action='save']")).click();
        WebElement error = console.find(section + ".field-error[data-field='url']");
        assertFalse(error.getText().isBlank(), "the API's reason is shown");
        assertEquals(error.findElement(By.xpath("..")), url.findElement(By.xpath("..")), "the message sits beside the url input");
        assertEquals("ftp://例子.invalid/hook", url.getAttribute("value"), "the typed URL is kept");
        assertTrue(form.findElement(By.cssSelector("input[name='events'][value='group.full']")).isSelected(),
                "the ticked event is kept");
        assertEquals(receiver.url("/edit-before"),
                api.expect(200, "GET", "/v1/webhooks/" + id, null, key).path("url").asText(), "nothing was changed");
        console.screenshot("console-webhooks-edit-error-zh");

        url.clear();
        url.sendKeys(receiver.url("/edit-after"));
        form.findElement(By.cssSelector("[data-action='save']")).click();
        ConsoleBrowser.wait(console.driver()).until(d -> d.findElements(By.cssSelector(section + "form")).isEmpty()
                && d.findElement(By.cssSelector(section + "h2")).getText().equals(receiver.url("/edit-after")));
        assertTrue(console.find(section).getText().contains("group.full"), console.find(section).getText());

        JsonNode hook = api.expect(200, "GET", "/v1/webhooks/" + id, null, key);
        assertEquals(receiver.url("/edit-after"), hook.path("url").asText());
        List<String> events = new ArrayList<>();
        hook.path("events").forEach(e -> events.add(e.asText()));
        assertEquals(Set.of("member.joined", "group.full"), Set.copyOf(events));
    }

    @Test
    void aRotatedSecretIsShownOnceAndSignsTheNextDelivery() throws Exception {
        String key = api.tenant(local.adminKey(), "Webhook 换密钥");
        String id = register(key, "/rotate");
        console.open(key, "#/webhooks");
        String section = "section[data-id='" + id + "'] ";
        console.find(section + "[data-action='rotate-secret']").click();
        console.find("dialog [data-action='confirm']").click();
        String secret = console.find(section + "[data-secret]").getAttribute("value");
        assertTrue(secret.startsWith("whsec_"), "the new secret is shown: " + secret);
        console.screenshot("console-webhooks-rotated-zh");
        console.find(section + "[data-action='done']").click();
        console.awaitPage();
        console.find(section + "[data-action='rotate-secret']");
        assertFalse(console.driver().getPageSource().contains(secret), "the secret is never shown again");

        api.expect(202, "POST", "/v1/webhooks/" + id + "/test", null, key);
        Eventually.await(ConsoleBrowser.WAIT, "the test delivery", () -> !receiver.at("/rotate").isEmpty());
        WebhookReceiver.Received got = receiver.at("/rotate").get(0);
        new Webhook(secret).verify(got.body(), got.headers());
        assertEquals(2, got.headers().get("webhook-signature").get(0).split(" ").length,
                "the old secret still signs beside the new one");
    }

    @Test
    void aReadKeySeesEditAndRotateDisabledWithTheReason() {
        String full = api.tenant(local.adminKey(), "Webhook 只读");
        String id = register(full, "/read");
        String read = api.expect(201, "POST", "/v1/keys", "{\"name\":\"wall\",\"scope\":\"read\"}", full)
                .path("apiKey").asText();
        console.open(read, "#/webhooks");
        for (String action : List.of("edit-webhook", "rotate-secret")) {
            WebElement control = console.find("section[data-id='" + id + "'] [data-action='" + action + "']");
            assertTrue(console.disabled(control), action + " is disabled for a read key");
            assertNotEquals("", control.getAttribute("title"), action + " says why");
        }
    }
}
