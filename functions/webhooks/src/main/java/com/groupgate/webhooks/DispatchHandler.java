package com.groupgate.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.groupgate.config.Wiring;
import com.groupgate.id.TenantId;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.storage.webhook.ReminderTable;
import com.groupgate.storage.webhook.WebhookTable;
import com.groupgate.telemetry.Log;
import com.groupgate.webhook.ChangeEvents;
import com.groupgate.webhook.ExpiryReminders;
import com.groupgate.webhook.Webhook;
import com.groupgate.webhook.WebhookEvent;
import com.groupgate.webhook.WebhookEventType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook dispatcher: MainTable's stream in, the delivery queue out, in two steps that
 * are each safe to repeat.
 *
 * <ol>
 * <li><b>Emit.</b> An item change (a join, a request decided, a code's cap reached, …) is
 *     turned into events ({@link ChangeEvents}) whose ids are derived from the change; each
 *     is stored in the outbox with a write conditioned on its id being new, only for
 *     tenants with an enabled endpoint that subscribes to its type. A retried or bisected
 *     batch stores nothing twice. Codes and entries that will expire get a reminder.
 * <li><b>Send.</b> A new outbox item (an event, a test, a redelivery) reaches the
 *     dispatcher through the same stream; unless it is marked sent already, one message per
 *     endpoint goes on the delivery queue and then the item is marked. A crash between
 *     the two queues the messages again on redelivery — at least once — and the sender
 *     records each attempt once ({@code DeliveryTable}).
 * </ol>
 *
 * <p>A failing AWS call stops the batch at its record (partial batch response); Lambda
 * redelivers from there. A record that cannot be read is logged and stepped over.
 */
public final class DispatchHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final Outbox outbox;
    private final WebhookTable webhooks;
    private final ReminderTable reminders;
    private final DeliveryQueue queue;
    private final Clock clock;

    public DispatchHandler() {
        this(Wiring.fromEnvironment());
    }

    public DispatchHandler(Wiring wiring) {
        var dynamo = wiring.aws().dynamo();
        String table = wiring.config().mainTable();
        this.outbox = new Outbox(dynamo, table);
        this.webhooks = new WebhookTable(dynamo, table);
        this.reminders = new ReminderTable(dynamo, table);
        this.queue = new DeliveryQueue(wiring.aws().build(SqsClient.builder()), wiring.config().webhookQueueUrl());
        this.clock = wiring.clock();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        Map<TenantId, List<Webhook>> endpoints = new HashMap<>();
        int emitted = 0;
        int sent = 0;
        for (DynamodbStreamRecord record : records) {
            Optional<StreamChange> change;
            try {
                change = StreamChange.of(record);
            } catch (RuntimeException unreadable) {
                Log.error("webhooks.unreadable_record", Map.of("eventID", String.valueOf(record.getEventID()),
                        "exception", unreadable.getClass().getSimpleName()));
                continue;
            }
            if (change.isEmpty()) {
                continue;
            }
            try {
                if (change.get() instanceof StreamChange.Change c) {
                    emitted += emit(c, endpoints);
                } else if (change.get() instanceof StreamChange.Send s) {
                    sent += send(s, endpoints);
                }
            } catch (SdkException e) {
                Log.error("webhooks.dispatch_failed", Map.of("eventID", String.valueOf(record.getEventID()),
                        "exception", e.getClass().getSimpleName()));
                return new StreamsEventResponse(List.of(
                        new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber())));
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("records", records.size());
        fields.put("eventsEmitted", emitted);
        fields.put("messagesQueued", sent);
        Log.info("webhooks.dispatched", fields);
        return new StreamsEventResponse(List.of());
    }

    /** Stores the change's new events for tenants that listen, and plans its reminders; how many were new. */
    private int emit(StreamChange.Change c, Map<TenantId, List<Webhook>> endpoints) {
        Instant now = clock.instant();
        int fresh = 0;
        for (WebhookEvent event : ChangeEvents.of(c.change())) {
            if (listeners(event.tenantId(), event.type(), null, endpoints).isEmpty()) {
                continue; // nobody subscribes: nothing is stored for it
            }
            if (outbox.emit(event, null, now)) {
                fresh++;
            }
        }
        for (ExpiryReminders.Reminder r : ExpiryReminders.of(c.change())) {
            reminders.plan(r);
        }
        return fresh;
    }

    /** Queues one delivery per listening endpoint, unless an earlier try did; how many were queued. */
    private int send(StreamChange.Send s, Map<TenantId, List<Webhook>> endpoints) {
        Outbox.Item item = s.item();
        if (item.tenantId() == null || item.eventId() == null || outbox.dispatched(s.key())) {
            return 0;
        }
        WebhookEventType type = WebhookEventType.parse(item.type()).orElse(null);
        List<DeliveryMessage> messages = new ArrayList<>();
        if (type != null) {
            for (Webhook w : listeners(item.tenantId(), type, item.target(), endpoints)) {
                messages.add(new DeliveryMessage(item.tenantId(), w.webhookId().text(), item.eventId(), item.type(),
                        item.chain() == null ? Outbox.FIRST_CHAIN : item.chain(), item.body()));
            }
        }
        queue.send(messages);
        outbox.markDispatched(s.key(), clock.instant());
        return messages.size();
    }

    /** The tenant's enabled endpoints for {@code type}: subscribers, or only {@code target} when one is named. */
    private List<Webhook> listeners(TenantId tenantId, WebhookEventType type, String target,
                                    Map<TenantId, List<Webhook>> endpoints) {
        List<Webhook> all = endpoints.computeIfAbsent(tenantId, webhooks::list);
        return all.stream().filter(Webhook::enabled)
                .filter(w -> target != null ? w.webhookId().text().equals(target) : w.subscription().includes(type))
                .toList();
    }
}
