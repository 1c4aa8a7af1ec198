package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.CodesApiHandler;
import com.groupgate.storage.webhook.AddressResolver;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.webhook.RetrySchedule;
import com.groupgate.webhook.WebhookEventType;
import com.groupgate.webhooks.ReminderHandler;
import com.groupgate.webhooks.SendHandler;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end, as {@code make run} runs them: real joins, requests, scans and edits
 * through the local API; the stream to the dispatcher; the queue to the sender; a receiver
 * on 127.0.0.1 started here. Every request it gets is verified by the Standard Webhooks
 * reference library. The sender's back-off starts at 1 s and its timeout is 2 s (deployed:
 * 15 s and 15 s), so retries happen within the test.
 */
class WebhooksIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static LocalGroupGate local;
    private static LocalApi api;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver();
        local = RecordedStack.builder().allowLoopbackWebhooks(true)
                .webhookSender(w -> new SendHandler(w, new SendHandler.Settings(
                        new RetrySchedule(Duration.ofSeconds(1), RetrySchedule.GIVE_UP_AFTER), Duration.ofSeconds(2)),
                        new AddressResolver()))
                .reminderInterval(Duration.ofHours(6)).build();
        api = new LocalApi(local.start(0));
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** A registered endpoint: its id and the secret shown once. */
    private record Hook(String id, String secret) {
    }

    private static Hook register(String key, String path, String... events) {
        String list = Arrays.stream(events).map(e -> "\"" + e + "\"").collect(Collectors.joining(","));
        JsonNode r = api.expect(201, "POST", "/v1/webhooks", "{\"url\":\"" + receiver.url(path) + "\",\"events\":["
                + list + "]}", key);
        assertTrue(r.path("secret").asText().startsWith("whsec_"), r.toString());
        assertTrue(r.path("enabled").asBoolean());
        return new Hook(r.path("webhookId").asText(), r.path("secret").asText());
    }

    private static void verify(WebhookReceiver.Received request, String secret) throws Exception {
        new Webhook(secret).verify(request.body(), request.headers());
    }

    private static List<WebhookReceiver.Received> await(String path, int count) {
        Eventually.await(WAIT, count + " requests at " + path, () -> receiver.at(path).size() >= count);
        return receiver.at(path);
    }

    private static JsonNode deliveries(String key, Hook hook, int count) {
        Eventually.await(WAIT, count + " attempts recorded", () -> api.expect(200, "GET",
                "/v1/webhooks/" + hook.id() + "/deliveries", null, key).path("items").size() >= count);
        return api.expect(200, "GET", "/v1/webhooks/" + hook.id() + "/deliveries", null, key).path("items");
    }

    private static String test(String key, Hook hook) {
        return api.expect(202, "POST", "/v1/webhooks/" + hook.id() + "/test", null, key).path("eventId").asText();
    }

    @Test
    void everyEventTypeIsDeliveredOnceEachSignedSoTheReferenceLibraryAcceptsIt() throws Exception {
        String key = api.tenant(local.adminKey(), "Every Event Co");
        String[] all = Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName).toArray(String[]::new);
        Hook hook = register(key, "/all", all);
        Instant now = Instant.now();

        // member.joined ×2 and group.full, then member.removed
        String pair = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Pair\",\"capacity\":2}", key).path("groupId").asText();
        JsonNode pairCode = api.expect(201, "POST", "/v1/groups/" + pair + "/codes",
                "{\"channel\":\"hall\",\"ttlSeconds\":100000}", key);
        assertEquals(200, api.scanAndJoin(pairCode, "m1").path("_status").asInt());
        assertEquals(200, api.scanAndJoin(pairCode, "m2").path("_status").asInt());
        api.expect(204, "DELETE", "/v1/groups/" + pair + "/members/m1", null, key);
        // join.requested ×2, join.approved (and the approved member's member.joined), join.rejected
        String ask = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Ask\",\"joinPolicy\":\"approval\"}", key)
                .path("groupId").asText();
        JsonNode askCode = api.expect(201, "POST", "/v1/groups/" + ask + "/codes", "{}", key);
        String approved = api.scanAndJoin(askCode, "m3").path("requestId").asText();
        String rejected = api.scanAndJoin(askCode, "m4").path("requestId").asText();
        api.expect(200, "POST", "/v1/join-requests/" + approved + "/approve", null, key);
        api.expect(200, "POST", "/v1/join-requests/" + rejected + "/reject", null, key);
        // code.daily_limit_reached: two refusals, one event
        String capped = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Capped\"}", key).path("groupId").asText();
        JsonNode cappedCode = api.expect(201, "POST", "/v1/groups/" + capped + "/codes", "{\"dailyScanLimit\":1}", key);
        api.expect(200, "GET", LocalApi.scanPath(cappedCode), null, null);
        api.expect(429, "GET", LocalApi.scanPath(cappedCode), null, null);
        api.expect(429, "GET", LocalApi.scanPath(cappedCode), null, null);
        // live_code.pool_exhausted: two refusals, one event (and the one seat's group.full)
        String one = api.expect(201, "POST", "/v1/groups", "{\"name\":\"One\",\"capacity\":1}", key).path("groupId").asText();
        assertEquals(200, api.scanAndJoin(api.expect(201, "POST", "/v1/groups/" + one + "/codes", "{}", key), "m5")
                .path("_status").asInt());
        JsonNode live = api.expect(201, "POST", "/v1/live-codes", "{\"name\":\"Poster\",\"groupIds\":[\"" + one + "\"]}", key);
        api.expect(409, "GET", LocalApi.scanPath(live), null, null);
        api.expect(409, "GET", LocalApi.scanPath(live), null, null);
        // group.entry_expiring: an entry that expires in two hours
        api.expect(200, "PATCH", "/v1/groups/" + ask, "{\"entry\":{\"type\":\"link\",\"url\":\"https://chat.whatsapp.com/Ab"
                + "\",\"expiresAt\":\"" + now.plus(Duration.ofHours(2)) + "\"}}", key);
        // webhook.test, last: once it arrives, everything before it on the stream was dispatched
        String testEvent = test(key, hook);
        Eventually.await(WAIT, "the test event", () -> receiver.at("/all").stream()
                .anyMatch(r -> testEvent.equals(r.eventId())));
        // code.expiring: the reminder run, four hours on, finds the 27.8-hour code a day from expiring
        new ReminderHandler(local.wiring(LocalGroupGate.WEBHOOK_REMINDER_FUNCTION)
                .withClock(Clock.fixed(now.plus(Duration.ofHours(4)), ZoneOffset.UTC))).handleRequest(Map.of(), null);

        Map<String, Long> expected = new TreeMap<>(Map.ofEntries(Map.entry("member.joined", 4L),
                Map.entry("group.full", 2L), Map.entry("member.removed", 1L), Map.entry("join.requested", 2L),
                Map.entry("join.approved", 1L), Map.entry("join.rejected", 1L),
                Map.entry("code.daily_limit_reached", 1L), Map.entry("live_code.pool_exhausted", 1L),
                Map.entry("group.entry_expiring", 1L), Map.entry("code.expiring", 1L), Map.entry("webhook.test", 1L)));
        long total = expected.values().stream().mapToLong(Long::longValue).sum();
        List<WebhookReceiver.Received> got = await("/all", (int) total);
        // A second copy of any of them would be on its way until the pipeline goes quiet.
        Eventually.await(WAIT, "the webhook pipeline to go quiet", () -> local.webhooksIdleFor(Duration.ofSeconds(2)));
        got = receiver.at("/all");
        Map<String, Long> perEvent = got.stream().collect(Collectors.groupingBy(WebhookReceiver.Received::eventId,
                Collectors.counting()));
        assertTrue(perEvent.values().stream().allMatch(n -> n == 1), "each event once: " + perEvent);
        Map<String, Long> types = new TreeMap<>();
        for (WebhookReceiver.Received r : got) {
            verify(r, hook.secret());
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            assertEquals(3, body.size(), "type, timestamp, data: " + r.body());
            assertTrue(body.path("data").isObject());
            types.merge(body.path("type").asText(), 1L, Long::sum);
        }
        assertEquals(expected, types);
        JsonNode joined = got.stream().map(r -> read(r.body())).filter(b -> b.path("type").asText().equals("member.joined")
                && b.path("data").path("memberRef").asText().equals("m1")).findFirst().orElseThrow();
        assertEquals(pair, joined.path("data").path("groupId").asText());
        assertEquals("hall", joined.path("data").path("channel").asText());
        assertEquals(pairCode.path("codeId").asText(), joined.path("data").path("codeId").asText());
    }

    private static JsonNode read(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aFailedAttemptIsTriedAgainWithTheSameIdAndEveryAttemptIsRecorded() throws Exception {
        String key = api.tenant(local.adminKey(), "Flaky Receiver Co");
        Hook hook = register(key, "/flaky", "member.joined");
        receiver.answer("/flaky", WebhookReceiver.Reply.status(500));
        String event = test(key, hook);
        List<WebhookReceiver.Received> got = await("/flaky", 2);
        assertEquals(List.of(event, event), got.stream().map(WebhookReceiver.Received::eventId).toList());
        for (WebhookReceiver.Received r : got) {
            verify(r, hook.secret());
        }
        JsonNode attempts = deliveries(key, hook, 2);
        assertEquals(2, attempts.get(0).path("attempt").asInt(), attempts.toString());
        assertEquals("delivered", attempts.get(0).path("status").asText());
        assertEquals(200, attempts.get(0).path("responseCode").asInt());
        assertEquals("failed", attempts.get(1).path("status").asText());
        assertEquals(500, attempts.get(1).path("responseCode").asInt());
        assertEquals(event, attempts.get(1).path("eventId").asText());

        // Any attempt can be sent again: the same event id, a new chain of attempts.
        api.expect(202, "POST", "/v1/webhooks/" + hook.id() + "/deliveries/" + attempts.get(1).path("deliveryId").asText()
                + "/redeliver", null, key);
        List<WebhookReceiver.Received> again = await("/flaky", 3);
        assertEquals(event, again.get(2).eventId());
        verify(again.get(2), hook.secret());
        assertEquals(3, deliveries(key, hook, 3).size());
    }

    @Test
    void anEndpointAnswering410IsDisabledAndNotTriedAgain() {
        String key = api.tenant(local.adminKey(), "Gone Receiver Co");
        Hook hook = register(key, "/gone", "member.joined");
        receiver.answer("/gone", WebhookReceiver.Reply.status(410));
        test(key, hook);
        JsonNode attempts = deliveries(key, hook, 1);
        assertEquals("gone", attempts.get(0).path("status").asText());
        assertEquals(410, attempts.get(0).path("responseCode").asInt());
        assertTrue(attempts.get(0).path("final").asBoolean());
        JsonNode webhook = api.expect(200, "GET", "/v1/webhooks/" + hook.id(), null, key);
        assertFalse(webhook.path("enabled").asBoolean(), webhook.toString());
        assertEquals("gone", webhook.path("disabledReason").asText());
        assertEquals("webhook_disabled", api.expect(409, "POST", "/v1/webhooks/" + hook.id() + "/test", null, key)
                .path("error").path("code").asText());
        assertEquals(1, receiver.at("/gone").size());
        // Switched on again, it is sent to again.
        api.expect(200, "PATCH", "/v1/webhooks/" + hook.id(), "{\"enabled\":true}", key);
        test(key, hook);
        await("/gone", 2);
    }

    @Test
    void aRetryAfterOf2SecondsIsWaitedOut() throws Exception {
        String key = api.tenant(local.adminKey(), "Busy Receiver Co");
        Hook hook = register(key, "/busy", "member.joined");
        receiver.answer("/busy", new WebhookReceiver.Reply(429, Map.of("Retry-After", "2"), 0));
        test(key, hook);
        List<WebhookReceiver.Received> got = await("/busy", 2);
        Duration between = Duration.between(got.get(0).at(), got.get(1).at());
        assertTrue(between.compareTo(Duration.ofSeconds(2)) >= 0, "the second attempt came after " + between);
        JsonNode attempts = deliveries(key, hook, 2);
        assertEquals(429, attempts.get(1).path("responseCode").asInt());
        assertEquals("delivered", attempts.get(0).path("status").asText());
        verify(got.get(1), hook.secret());
    }

    @Test
    void anEndpointThatHangsIsTimedOutAndTriedAgain() throws Exception {
        String key = api.tenant(local.adminKey(), "Slow Receiver Co");
        Hook hook = register(key, "/slow", "member.joined");
        receiver.answer("/slow", new WebhookReceiver.Reply(200, Map.of(), 6000));
        test(key, hook);
        JsonNode attempts = deliveries(key, hook, 2);
        assertEquals("failed", attempts.get(1).path("status").asText(), attempts.toString());
        assertTrue(attempts.get(1).path("responseCode").isNull(), "no answer, no code: " + attempts);
        assertEquals("delivered", attempts.get(0).path("status").asText());
        assertEquals(2, receiver.at("/slow").size());
    }

    @Test
    void afterARotationBothSecretsSignForADayThenOnlyTheNewOne() throws Exception {
        String key = api.tenant(local.adminKey(), "Rotating Co");
        Hook hook = register(key, "/rotating", "member.joined");
        JsonNode rotated = api.expect(200, "POST", "/v1/webhooks/" + hook.id() + "/rotate-secret", null, key);
        String fresh = rotated.path("secret").asText();
        test(key, hook);
        WebhookReceiver.Received during = await("/rotating", 1).get(0);
        assertEquals(2, during.header("webhook-signature").split(" ").length);
        verify(during, hook.secret());
        verify(during, fresh);

        // A rotation a day and an hour ago: its overlap is over, the old secret no longer signs.
        Hook old = register(key, "/rotated", "member.joined");
        HttpCalls yesterday = new HttpCalls(new CodesApiHandler(local.wiring(LocalGroupGate.CODES_API_FUNCTION)
                .withClock(Clock.fixed(Instant.now().minus(Duration.ofHours(25)), ZoneOffset.UTC))));
        var rotation = yesterday.post("/v1/webhooks/" + old.id() + "/rotate-secret", null, HttpCalls.bearer(key));
        assertEquals(200, rotation.status(), rotation.body());
        test(key, old);
        WebhookReceiver.Received after = await("/rotated", 1).get(0);
        assertEquals(1, after.header("webhook-signature").split(" ").length);
        verify(after, rotation.text("secret"));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(old.secret()).verify(after.body(), after.headers()));
    }

    @Test
    void aReadKeyMayListButNotSend() {
        String key = api.tenant(local.adminKey(), "Read Key Co");
        Hook hook = register(key, "/read", "member.joined");
        String read = api.expect(201, "POST", "/v1/keys", "{\"name\":\"wall\",\"scope\":\"read\"}", key)
                .path("apiKey").asText();
        JsonNode listed = api.expect(200, "GET", "/v1/webhooks", null, read);
        assertEquals(hook.id(), listed.path("items").get(0).path("webhookId").asText());
        assertNull(listed.path("items").get(0).get("secret"), "the secret is shown once, at registration");
        api.expect(200, "GET", "/v1/webhooks/" + hook.id() + "/deliveries", null, read);
        api.expect(403, "POST", "/v1/webhooks/" + hook.id() + "/test", null, read);
        api.expect(403, "POST", "/v1/webhooks", "{}", read);
    }
}
