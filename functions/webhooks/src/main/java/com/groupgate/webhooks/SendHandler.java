package com.groupgate.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.groupgate.config.Wiring;
import com.groupgate.id.TenantId;
import com.groupgate.id.WebhookId;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.webhook.AddressResolver;
import com.groupgate.storage.webhook.DeliveryTable;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.storage.webhook.WebhookSecrets;
import com.groupgate.storage.webhook.WebhookTable;
import com.groupgate.telemetry.Log;
import com.groupgate.webhook.AttemptVerdict;
import com.groupgate.webhook.DisabledReason;
import com.groupgate.webhook.FailingEndpoint;
import com.groupgate.webhook.RetrySchedule;
import com.groupgate.webhook.Webhook;
import com.groupgate.webhook.WebhookSecret;
import com.groupgate.webhook.WebhookSignature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook sender: each message of the delivery queue is one attempt to POST an event to
 * an endpoint, signed the Standard Webhooks way with the endpoint's secret (and, for 24
 * hours after a rotation, its previous one too).
 *
 * <p>Before connecting, the endpoint's host is resolved again and every address checked
 * ({@link AddressResolver}): a name that now points inside is not sent to. The answer
 * decides ({@link AttemptVerdict}): 2xx delivered; 410 disables the endpoint; anything
 * else is tried again after the {@link RetrySchedule} (a 429's or 503's
 * {@code Retry-After} honoured) by leaving the message on the queue with its visibility
 * set to the wait — the next receive is the next attempt, numbered by the message's
 * receive count, until three days after it was queued. An endpoint whose attempts have all
 * failed for three days is disabled ({@link FailingEndpoint}).
 *
 * <p>Every attempt is recorded once, under an id derived from endpoint, event, chain and
 * attempt; a second copy of an attempt (queues deliver at least once) finds it recorded
 * and stops there. An attempt of an event no longer stored (an erasure dropped it, as it
 * names the erased member) is not sent. Messages of a batch are sent in parallel, each within the timeout.
 */
public final class SendHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** What tests shorten: the back-off and the attempt timeout. */
    public record Settings(RetrySchedule schedule, Duration timeout) {
        public static final Settings DEPLOYED = new Settings(RetrySchedule.STANDARD, WebhookPoster.TIMEOUT);
    }

    private static final ExecutorService PARALLEL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "webhook-send");
        t.setDaemon(true);
        return t;
    });

    private final WebhookTable webhooks;
    private final WebhookSecrets secrets;
    private final DeliveryTable deliveries;
    private final Outbox outbox;
    private final DeliveryQueue queue;
    private final AddressResolver resolver;
    private final boolean allowLoopbackHttp;
    private final WebhookPoster poster;
    private final RetrySchedule schedule;
    private final Clock clock;

    public SendHandler() {
        this(Wiring.fromEnvironment());
    }

    public SendHandler(Wiring wiring) {
        this(wiring, Settings.DEPLOYED, new AddressResolver());
    }

    public SendHandler(Wiring wiring, Settings settings, AddressResolver resolver) {
        var dynamo = wiring.aws().dynamo();
        String table = wiring.config().mainTable();
        this.webhooks = new WebhookTable(dynamo, table);
        this.secrets = new WebhookSecrets(new SigningKeyTable(dynamo, wiring.aws().kms(), table,
                wiring.config().keyId(), wiring.clock(), SigningKeyTable.REFRESH));
        this.deliveries = new DeliveryTable(dynamo, table);
        this.outbox = new Outbox(dynamo, table);
        this.queue = new DeliveryQueue(wiring.aws().build(SqsClient.builder()), wiring.config().webhookQueueUrl());
        this.resolver = resolver;
        this.allowLoopbackHttp = wiring.config().allowLoopbackWebhooks();
        this.poster = new WebhookPoster(settings.timeout());
        this.schedule = settings.schedule();
        this.clock = wiring.clock();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        List<Future<Boolean>> done = new ArrayList<>();
        for (SQSEvent.SQSMessage m : messages) {
            done.add(PARALLEL.submit(() -> attempt(m)));
        }
        List<SQSBatchResponse.BatchItemFailure> again = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            boolean finished;
            try {
                finished = done.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            } catch (java.util.concurrent.ExecutionException e) {
                Log.error("webhooks.send_failed", Map.of("messageId", messages.get(i).getMessageId(),
                        "exception", e.getCause().getClass().getSimpleName()));
                finished = false; // back after the queue's visibility timeout
            }
            if (!finished) {
                again.add(new SQSBatchResponse.BatchItemFailure(messages.get(i).getMessageId()));
            }
        }
        return new SQSBatchResponse(again);
    }

    /** One attempt; true when the message is done with, false when it comes back for another. */
    private boolean attempt(SQSEvent.SQSMessage m) {
        DeliveryMessage d;
        try {
            d = DeliveryMessage.parse(m.getBody());
        } catch (IllegalArgumentException unreadable) {
            Log.error("webhooks.unreadable_message", Map.of("messageId", m.getMessageId()));
            return true;
        }
        Optional<TenantId> tenantId = Optional.of(d.tenantId());
        Optional<WebhookId> webhookId = WebhookId.parse(d.webhookId());
        if (tenantId.isEmpty() || webhookId.isEmpty()) {
            Log.error("webhooks.unreadable_message", Map.of("messageId", m.getMessageId()));
            return true;
        }
        Optional<Webhook> found = webhooks.find(tenantId.get(), webhookId.get());
        if (found.isEmpty() || !found.get().enabled()) {
            return true; // removed or switched off since it was queued
        }
        if (!outbox.kept(d.tenantId(), d.eventId())) {
            return true; // dropped since it was queued: its member was erased (or it is past keeping)
        }
        Webhook webhook = found.get();
        int attempt = receiveCount(m);
        Instant now = clock.instant();
        AttemptVerdict verdict = post(webhook, d, now);
        Instant queuedAt = sentAt(m, now);
        Optional<Duration> next = verdict.kind() == AttemptVerdict.Kind.RETRY
                ? schedule.next(attempt, verdict.retryAfter(), Duration.between(queuedAt, now),
                        ThreadLocalRandom.current().nextDouble())
                : Optional.empty();
        boolean disable = false;
        if (verdict.kind() == AttemptVerdict.Kind.RETRY) {
            Optional<Instant> since = webhooks.failed(tenantId.get(), webhookId.get(), now);
            disable = since.isPresent() && FailingEndpoint.disableAt(since.get(), now);
        }
        boolean last = next.isEmpty() || disable;
        String deliveryId = DeliveryTable.deliveryId(webhookId.get(), d.eventId(), d.chain(), attempt);
        boolean first = deliveries.record(tenantId.get(), webhookId.get(), d.chain(), new DeliveryTable.Attempt(deliveryId,
                d.eventId(), d.type(), attempt, verdict.status(), verdict.responseCode() == 0 ? null
                : verdict.responseCode(), now, last));
        log(d, attempt, verdict, next, first);
        if (!first) {
            return true; // another copy of this attempt was recorded first and goes on
        }
        if (verdict.delivered() && webhook.failingSince() != null) {
            webhooks.succeeded(tenantId.get(), webhookId.get());
        }
        if (verdict.kind() == AttemptVerdict.Kind.GONE) {
            webhooks.disable(tenantId.get(), webhookId.get(), DisabledReason.GONE);
        } else if (disable) {
            webhooks.disable(tenantId.get(), webhookId.get(), DisabledReason.FAILING);
        }
        if (last) {
            return true;
        }
        queue.delay(m.getReceiptHandle(), next.get());
        return false;
    }

    private AttemptVerdict post(Webhook webhook, DeliveryMessage d, Instant now) {
        if (!webhook.url().isHttps() && !allowLoopbackHttp) {
            return AttemptVerdict.noAnswer();
        }
        Optional<String> refused = resolver.refusal(webhook.url());
        if (refused.isPresent()) {
            Log.info("webhooks.address_refused", Map.of("webhookId", d.webhookId(), "reason", refused.get()));
            return AttemptVerdict.noAnswer();
        }
        List<WebhookSecret> keys = new ArrayList<>(2);
        keys.add(secrets.open(webhook.sealedSecret()));
        if (webhook.previousSignsAt(now)) {
            keys.add(secrets.open(webhook.sealedPrevious()));
        }
        long timestamp = now.getEpochSecond();
        String signature = WebhookSignature.header(d.eventId(), timestamp, d.body(), keys);
        return poster.post(webhook.url().uri(), d.eventId(), timestamp, signature, d.body(), now);
    }

    private static int receiveCount(SQSEvent.SQSMessage m) {
        String count = m.getAttributes() == null ? null : m.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** When the message was queued: the first attempt's time, from which the three days count. */
    private static Instant sentAt(SQSEvent.SQSMessage m, Instant otherwise) {
        String sent = m.getAttributes() == null ? null : m.getAttributes().get("SentTimestamp");
        try {
            return sent == null ? otherwise : Instant.ofEpochMilli(Long.parseLong(sent));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static void log(DeliveryMessage d, int attempt, AttemptVerdict verdict, Optional<Duration> next,
                            boolean first) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("webhookId", d.webhookId());
        fields.put("eventId", d.eventId());
        fields.put("type", d.type());
        fields.put("attempt", attempt);
        fields.put("status", verdict.status());
        fields.put("responseCode", verdict.responseCode());
        fields.put("nextInSeconds", next.map(Duration::toSeconds).orElse(-1L));
        fields.put("duplicate", !first);
        Log.info("webhooks.attempt", fields);
    }
}
