package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.storage.webhook.AddressResolver;
import com.groupgate.webhook.RetrySchedule;
import com.groupgate.webhooks.SendHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * After an erasure no webhook names the member again (PRODUCT.md Part 3, Hardening): the
 * erasure's own {@code member.removed} carries the erasure's keyed hash instead of the
 * ref, the stored events that named the member are dropped (a redelivery of the old
 * {@code member.joined} sends nothing), and no table holds the ref — all through the real
 * stream, dispatcher, queue and sender of {@code make run}.
 */
class ErasedMemberWebhooksIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
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

    @Test
    void afterAnErasureNoDeliveryRedeliveryOrTableNamesTheMember() {
        String key = api.tenant(local.adminKey(), "Erasing Webhooks Co");
        String ref = "erased." + Long.toString(System.nanoTime(), 36);
        String hookId = api.expect(201, "POST", "/v1/webhooks", "{\"url\":\"" + receiver.url("/erased")
                + "\",\"events\":[\"member.joined\",\"member.removed\",\"join.requested\",\"join.approved\"]}", key)
                .path("webhookId").asText();

        String open = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Open\",\"capacity\":5}", key)
                .path("groupId").asText();
        assertEquals(200, api.scanAndJoin(api.expect(201, "POST", "/v1/groups/" + open + "/codes", "{}", key), ref)
                .path("_status").asInt());
        String ask = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Ask\",\"joinPolicy\":\"approval\"}", key)
                .path("groupId").asText();
        String requestId = api.scanAndJoin(api.expect(201, "POST", "/v1/groups/" + ask + "/codes", "{}", key), ref)
                .path("requestId").asText();
        api.expect(200, "POST", "/v1/join-requests/" + requestId + "/approve", null, key);
        // member.joined ×2, join.requested, join.approved: each names the member, as it should while it is one.
        Eventually.await(WAIT, "four events naming the member", () -> receiver.at("/erased").size() >= 4);
        Eventually.await(WAIT, "the webhook pipeline to go quiet", () -> local.webhooksIdleFor(Duration.ofSeconds(2)));
        int before = receiver.at("/erased").size();
        assertTrue(receiver.at("/erased").stream().allMatch(r -> r.body().contains(ref)));
        String joinedDelivery = deliveryOf(key, hookId, "member.joined");

        JsonNode erased = api.expect(200, "POST", "/v1/erasure", "{\"memberRef\":\"" + ref + "\"}", key);
        String hash = erased.path("memberRefHash").asText();
        Eventually.await(WAIT, "the erasure's two member.removed", () -> receiver.at("/erased").size() >= before + 2);
        Eventually.await(WAIT, "the webhook pipeline to go quiet", () -> local.webhooksIdleFor(Duration.ofSeconds(2)));

        // The old member.joined is no longer kept: nothing to send again.
        JsonNode redelivered = api.call("POST", "/v1/webhooks/" + hookId + "/deliveries/" + joinedDelivery
                + "/redeliver", null, key);
        assertEquals(410, redelivered.path("_status").asInt(), redelivered.toString());
        Eventually.await(WAIT, "the webhook pipeline to go quiet", () -> local.webhooksIdleFor(Duration.ofSeconds(2)));

        List<WebhookReceiver.Received> after = receiver.at("/erased").subList(before, receiver.at("/erased").size());
        assertEquals(2, after.size(), "the two removals, nothing else: " + bodies(after));
        for (WebhookReceiver.Received r : after) {
            assertFalse(r.body().contains(ref), "names the erased member: " + r.body());
            JsonNode body = read(r.body());
            assertEquals("member.removed", body.path("type").asText());
            assertEquals(hash, body.path("data").path("memberRefHash").asText(), r.body());
            assertTrue(body.path("data").path("erased").asBoolean(), r.body());
            assertTrue(body.path("data").path("memberRef").isMissingNode(), r.body());
        }
        assertEquals(List.of(), holding(ref), "no item of any table holds the ref");
    }

    /**
     * Events stored before they were listed by member (no gsi1 attributes) are found by the
     * ids the member's and requests' items derive, and dropped too.
     */
    @Test
    void eventsStoredBeforeTheyWereListedByMemberAreDroppedToo() {
        String key = api.tenant(local.adminKey(), "Older Events Co");
        String ref = "older." + Long.toString(System.nanoTime(), 36);
        api.expect(201, "POST", "/v1/webhooks", "{\"url\":\"" + receiver.url("/older")
                + "\",\"events\":[\"member.joined\",\"join.requested\",\"join.approved\"]}", key);
        String open = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Open\",\"capacity\":5}", key)
                .path("groupId").asText();
        assertEquals(200, api.scanAndJoin(api.expect(201, "POST", "/v1/groups/" + open + "/codes", "{}", key), ref)
                .path("_status").asInt());
        String ask = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Ask\",\"joinPolicy\":\"approval\"}", key)
                .path("groupId").asText();
        String requestId = api.scanAndJoin(api.expect(201, "POST", "/v1/groups/" + ask + "/codes", "{}", key), ref)
                .path("requestId").asText();
        api.expect(200, "POST", "/v1/join-requests/" + requestId + "/approve", null, key);
        Eventually.await(WAIT, "four events naming the member", () -> receiver.at("/older").size() >= 4);
        Eventually.await(WAIT, "the webhook pipeline to go quiet", () -> local.webhooksIdleFor(Duration.ofSeconds(2)));
        String table = local.resources().ref("MainTable");
        int unlisted = 0;
        for (Map<String, AttributeValue> item : local.clients().dynamo().scanPaginator(s -> s.tableName(table))
                .items()) {
            if (item.toString().contains(ref) && "EVENT".equals(item.get("sk").s())) {
                local.clients().dynamo().updateItem(u -> u.tableName(table)
                        .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                        .updateExpression("REMOVE gsi1pk, gsi1sk"));
                unlisted++;
            }
        }
        assertEquals(4, unlisted, "the four stored events, as an older version stored them");

        api.expect(200, "POST", "/v1/erasure", "{\"memberRef\":\"" + ref + "\"}", key);
        assertEquals(List.of(), holding(ref), "no item of any table holds the ref");
    }

    /** The id of the endpoint's recorded attempt of the event of {@code type}. */
    private static String deliveryOf(String key, String hookId, String type) {
        JsonNode items = api.expect(200, "GET", "/v1/webhooks/" + hookId + "/deliveries", null, key).path("items");
        for (JsonNode item : items) {
            if (type.equals(item.path("type").asText())) {
                return item.path("deliveryId").asText();
            }
        }
        throw new AssertionError("no " + type + " attempt in " + items);
    }

    private static List<String> holding(String text) {
        List<String> out = new ArrayList<>();
        for (String table : List.of("MainTable", "AnalyticsTable", "AuditTable")) {
            String name = local.resources().ref(table);
            for (Map<String, AttributeValue> item : local.clients().dynamo().scanPaginator(s -> s.tableName(name))
                    .items()) {
                if (item.toString().contains(text)) {
                    out.add(table + " " + item.get("pk").s() + "|" + item.get("sk").s());
                }
            }
        }
        return out;
    }

    private static List<String> bodies(List<WebhookReceiver.Received> received) {
        return received.stream().map(WebhookReceiver.Received::body).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
