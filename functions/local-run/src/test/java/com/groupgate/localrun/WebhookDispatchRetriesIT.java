package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.webhooks.DispatchHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher handed every batch as Lambda may hand it after failures: bisected (each
 * half), then whole, twice. Event ids are derived from the stream records and each is
 * stored with a conditional write, and an outbox item is queued only until it is marked,
 * so each event reaches the endpoint once and is recorded once.
 */
class WebhookDispatchRetriesIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aBatchRetriedOrBisectedEmitsEachEventOnce() throws Exception {
        AtomicInteger replayed = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver();
             LocalGroupGate local = RecordedStack.builder().allowLoopbackWebhooks(true).reminderInterval(Duration.ofHours(6))
                     .webhookDispatcher(wiring -> {
                         DispatchHandler real = new DispatchHandler(wiring);
                         return (event, context) -> {
                             List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
                             if (records.size() > 1) {
                                 int half = records.size() / 2;
                                 real.handleRequest(batch(records.subList(0, half)), context);
                                 real.handleRequest(batch(records.subList(half, records.size())), context);
                             }
                             real.handleRequest(event, context);
                             replayed.incrementAndGet();
                             StreamsEventResponse again = real.handleRequest(event, context);
                             return again;
                         };
                     }).build()) {
            LocalApi api = new LocalApi(local.start(0));
            String key = api.tenant(local.adminKey(), "Replayed Batches Co");
            JsonNode hook = api.expect(201, "POST", "/v1/webhooks", "{\"url\":\"" + receiver.url("/replayed")
                    + "\",\"events\":[\"member.joined\",\"group.full\",\"member.removed\"]}", key);
            String group = api.expect(201, "POST", "/v1/groups", "{\"name\":\"Three\",\"capacity\":3}", key)
                    .path("groupId").asText();
            JsonNode code = api.expect(201, "POST", "/v1/groups/" + group + "/codes", "{}", key);
            for (String member : List.of("a", "b", "c")) {
                assertEquals(200, api.scanAndJoin(code, member).path("_status").asInt());
            }
            api.expect(204, "DELETE", "/v1/groups/" + group + "/members/b", null, key);

            Eventually.await(WAIT, "3 joins, full, removed", () -> receiver.at("/replayed").size() >= 5);
            // A second copy of any of them would be on its way until the pipeline goes quiet.
            Eventually.await(WAIT, "the webhook pipeline to go quiet", () -> local.webhooksIdleFor(Duration.ofSeconds(2)));
            Map<String, Long> perEvent = receiver.at("/replayed").stream()
                    .collect(Collectors.groupingBy(WebhookReceiver.Received::eventId, Collectors.counting()));
            assertEquals(5, perEvent.size(), perEvent.toString());
            assertTrue(perEvent.values().stream().allMatch(n -> n == 1), "each event once: " + perEvent);
            assertTrue(replayed.get() > 0, "batches were replayed");
            JsonNode attempts = api.expect(200, "GET", "/v1/webhooks/" + hook.path("webhookId").asText()
                    + "/deliveries", null, key).path("items");
            assertEquals(5, attempts.size(), "one attempt recorded per event: " + attempts);
        }
    }

    private static DynamodbEvent batch(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(records));
        return event;
    }
}
