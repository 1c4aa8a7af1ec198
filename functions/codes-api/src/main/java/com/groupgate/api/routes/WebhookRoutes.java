package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.api.edge.Paging;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.id.WebhookId;
import com.groupgate.storage.webhook.AddressResolver;
import com.groupgate.storage.webhook.DeliveryTable;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.storage.webhook.WebhookSecrets;
import com.groupgate.storage.webhook.WebhookTable;
import com.groupgate.tenant.Tenant;
import com.groupgate.webhook.Subscription;
import com.groupgate.webhook.Webhook;
import com.groupgate.webhook.WebhookEvent;
import com.groupgate.webhook.WebhookEventType;
import com.groupgate.webhook.WebhookSecret;
import com.groupgate.webhook.WebhookUrl;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's webhook endpoints (Standard Webhooks): register one (its {@code whsec_}
 * secret shown once), list, read, change, remove, rotate the secret, send a test, list
 * delivery attempts and redeliver one. Sending happens elsewhere: a test or a redelivery
 * is stored in the outbox and the dispatcher, fed by the stream, queues it.
 *
 * <p>A URL is refused (422 {@code url_not_allowed}, field {@code url}) unless it is
 * {@code https} and every address its host resolves to is public; {@code make run} alone
 * also takes {@code http} to loopback ({@code GROUPGATE_WEBHOOKS_ALLOW_LOOPBACK_HTTP}).
 */
public final class WebhookRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of("url", "events", "description");
    private static final Set<String> CHANGE_FIELDS = Set.of("url", "events", "enabled");

    private final Authenticator auth;
    private final WebhookTable webhooks;
    private final WebhookSecrets secrets;
    private final Outbox outbox;
    private final DeliveryTable deliveries;
    private final AddressResolver resolver;
    private final boolean allowLoopbackHttp;
    private final Clock clock;

    private final Audit audit;

    public WebhookRoutes(Authenticator auth, WebhookTable webhooks, WebhookSecrets secrets, Outbox outbox,
                  DeliveryTable deliveries, AddressResolver resolver, boolean allowLoopbackHttp, Clock clock, Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.resolver = resolver;
        this.allowLoopbackHttp = allowLoopbackHttp;
        this.clock = clock;
    }

    public void register(Router router) {
        router.on("POST", "/v1/webhooks", this::create)
                .on("GET", "/v1/webhooks", this::list)
                .on("GET", "/v1/webhooks/{webhookId}", this::get)
                .on("PATCH", "/v1/webhooks/{webhookId}", this::change)
                .on("DELETE", "/v1/webhooks/{webhookId}", this::delete)
                .on("POST", "/v1/webhooks/{webhookId}/rotate-secret", this::rotate)
                .on("POST", "/v1/webhooks/{webhookId}/test", this::test)
                .on("GET", "/v1/webhooks/{webhookId}/deliveries", this::deliveries)
                .on("POST", "/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", this::redeliver);
    }

    private ApiResponse create(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields body = JsonFields.of(Json.body(request), CREATE_FIELDS);
        WebhookUrl url = url(body.requiredString("url", WebhookUrl.MAX_LENGTH + 1));
        Subscription events = events(body);
        String description = body.string("description", Subscription.MAX_DESCRIPTION);
        TenantId tenantId = tenant.tenantId();
        if (webhooks.list(tenantId).size() >= WebhookTable.MAX_PER_TENANT) {
            throw new RefusalException(Refusal.WEBHOOK_LIMIT, "a tenant has at most " + WebhookTable.MAX_PER_TENANT
                    + " webhooks; remove one first");
        }
        WebhookSecret secret = WebhookSecret.generate();
        Webhook webhook = new Webhook(tenantId, WebhookId.random(), url, events, description, true,
                clock.instant(), secrets.seal(secret), null, null, null, null);
        audit.change("webhook.create", "webhook/" + webhook.webhookId(), "events " + String.join(",", events.wireNames()));
        webhooks.create(webhook);
        Map<String, Object> out = view(webhook);
        out.put("secret", secret.reveal());
        return ApiResponse.json(201, out);
    }

    private ApiResponse list(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        return ApiResponse.json(200, Map.of("items",
                webhooks.list(tenant.tenantId()).stream().map(WebhookRoutes::view).toList()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, view(found(request)));
    }

    private ApiResponse change(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields body = JsonFields.of(Json.body(request), CHANGE_FIELDS);
        WebhookUrl url = body.has("url") ? url(body.requiredString("url", WebhookUrl.MAX_LENGTH + 1)) : null;
        Subscription events = body.has("events") ? events(body) : null;
        Boolean enabled = body.bool("enabled");
        WebhookId id = webhookId(request);
        audit.change("webhook.update", "webhook/" + id, Audit.changed(body, "url", "events", "enabled"));
        Webhook changed = webhooks.update(tenant.tenantId(), id, new WebhookTable.Change(url, events, enabled))
                .orElseThrow(RefusalException::notFound);
        return ApiResponse.json(200, view(changed));
    }

    private ApiResponse delete(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        audit.change("webhook.delete", "webhook/" + webhookId(request), "");
        if (!webhooks.delete(tenant.tenantId(), webhookId(request))) {
            throw RefusalException.notFound();
        }
        return ApiResponse.noContent();
    }

    private ApiResponse rotate(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        JsonFields.of(Json.body(request), Set.of());
        WebhookSecret secret = WebhookSecret.generate();
        Instant now = clock.instant();
        // Sealed before the change is named: only the rotation's own write may carry the entry.
        var sealed = secrets.seal(secret);
        audit.change("webhook.rotate-secret", "webhook/" + webhookId(request), "new secret; the old one signs for "
                + WebhookTable.OVERLAP.toHours() + " h");
        webhooks.rotate(tenant.tenantId(), webhookId(request), sealed, now)
                .orElseThrow(RefusalException::notFound);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("secret", secret.reveal());
        out.put("previousSecretValidUntil", now.plus(WebhookTable.OVERLAP).toString());
        return ApiResponse.json(200, out);
    }

    private ApiResponse test(ApiRequest request) {
        Webhook webhook = enabled(found(request));
        JsonFields.of(Json.body(request), Set.of());
        Instant now = clock.instant();
        WebhookEvent event = new WebhookEvent(WebhookEvent.randomId(), webhook.tenantId(),
                WebhookEventType.WEBHOOK_TEST, now, Map.of("webhookId", webhook.webhookId().text()));
        audit.change("webhook.test", "webhook/" + webhook.webhookId(), "event " + event.id());
        outbox.emit(event, webhook.webhookId().text(), now);
        return ApiResponse.json(202, Map.of("eventId", event.id()));
    }

    private ApiResponse deliveries(ApiRequest request) {
        Webhook webhook = found(request);
        int limit = Paging.intParam(request, "limit", 1, 100, 50);
        String cursor = request.queryParam("cursor");
        if (cursor != null && !DeliveryTable.isCursor(cursor)) {
            throw RefusalException.badField("cursor", "not a cursor this API returned");
        }
        DeliveryTable.Page page = deliveries.page(webhook.tenantId(), webhook.webhookId(), limit, cursor);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(WebhookRoutes::attempt).toList());
        out.put("nextCursor", page.nextCursor());
        return ApiResponse.json(200, out);
    }

    private ApiResponse redeliver(ApiRequest request) {
        Webhook webhook = enabled(found(request));
        JsonFields.of(Json.body(request), Set.of());
        String deliveryId = request.pathParam("deliveryId");
        if (deliveryId == null || !DeliveryTable.ID.matcher(deliveryId).matches()) {
            throw RefusalException.notFound();
        }
        DeliveryTable.Attempt attempt = deliveries.find(webhook.tenantId(), webhook.webhookId(), deliveryId)
                .orElseThrow(RefusalException::notFound);
        Instant now = clock.instant();
        Outbox.Item event = outbox.event(webhook.tenantId(), attempt.eventId(), now).orElseThrow(
                () -> new RefusalException(Refusal.EXPIRED, "the event is no longer kept (30 days)"));
        audit.change("webhook.redeliver", "webhook/" + webhook.webhookId(), "event " + event.eventId());
        outbox.redeliver(event, webhook.webhookId().text(), "r" + Id.random(), now);
        return ApiResponse.json(202, Map.of("eventId", event.eventId()));
    }

    private Webhook found(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        return webhooks.find(tenant.tenantId(), webhookId(request)).orElseThrow(RefusalException::notFound);
    }

    private static Webhook enabled(Webhook webhook) {
        if (!webhook.enabled()) {
            throw new RefusalException(Refusal.WEBHOOK_DISABLED, "the webhook is disabled ("
                    + (webhook.disabledReason() == null ? null : webhook.disabledReason().wireName()) + "); enable it first");
        }
        return webhook;
    }

    private static WebhookId webhookId(ApiRequest request) {
        return Views.id(request.pathParam("webhookId"), WebhookId::parse);
    }

    /** The URL, refused with 422 naming {@code url} unless it may be sent to from here. */
    private WebhookUrl url(String text) {
        WebhookUrl url;
        try {
            url = WebhookUrl.parse(text, allowLoopbackHttp);
        } catch (IllegalArgumentException e) {
            throw notAllowed(e.getMessage());
        }
        resolver.refusal(url).ifPresent(why -> {
            throw notAllowed(why);
        });
        return url;
    }

    private static RefusalException notAllowed(String why) {
        return new RefusalException(Refusal.URL_NOT_ALLOWED, "url: " + why, "url", -1);
    }

    private static Subscription events(JsonFields body) {
        List<String> names = body.strings("events", 64);
        try {
            return Subscription.parse(names);
        } catch (IllegalArgumentException e) {
            throw RefusalException.badField("events", e.getMessage());
        }
    }

    static Map<String, Object> view(Webhook w) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhookId", w.webhookId().text());
        out.put("url", w.url().toString());
        out.put("events", w.subscription().wireNames());
        out.put("description", w.description());
        out.put("enabled", w.enabled());
        out.put("disabledReason", w.disabledReason() == null ? null : w.disabledReason().wireName());
        out.put("createdAt", w.createdAt().toString());
        return out;
    }

    private static Map<String, Object> attempt(DeliveryTable.Attempt a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deliveryId", a.deliveryId());
        out.put("eventId", a.eventId());
        out.put("type", a.type());
        out.put("attempt", a.attempt());
        out.put("status", a.status());
        out.put("responseCode", a.responseCode());
        out.put("at", a.at().toString());
        out.put("final", a.final_());
        return out;
    }
}
