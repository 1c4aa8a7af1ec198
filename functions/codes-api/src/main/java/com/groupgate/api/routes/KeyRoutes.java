package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.ApiKeyId;
import com.groupgate.storage.tenant.ApiKeyCache;
import com.groupgate.storage.tenant.ApiKeyTable;
import com.groupgate.storage.tenant.Caller;
import com.groupgate.tenant.KeySettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's API keys: issue (the key shown once), list (never the key), delete. Only a
 * full key gets past {@link Authenticator#caller} for the POST and DELETE.
 */
public final class KeyRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "scope");

    private final Authenticator auth;
    private final ApiKeyTable keys;
    private final ApiKeyCache cache;
    private final Clock clock;

    private final Audit audit;

    public KeyRoutes(Authenticator auth, ApiKeyTable keys, ApiKeyCache cache, Clock clock, Audit audit) {
        this.audit = audit;
        this.auth = auth;
        this.keys = keys;
        this.cache = cache;
        this.clock = clock;
    }

    public void register(Router router) {
        router.on("POST", "/v1/keys", this::create)
                .on("GET", "/v1/keys", this::list)
                .on("DELETE", "/v1/keys/{keyId}", this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        Caller caller = auth.caller(request);
        JsonFields body = JsonFields.of(Json.body(request), CREATE_FIELDS);
        KeySettings settings = KeySettings.of(body.string("name", KeySettings.MAX_NAME_LENGTH),
                body.string("scope", 10));
        audit.change("key.create", "keys", "a " + settings.scope().wireName() + " key"
                + (settings.name() == null ? "" : " named " + Audit.quoted(settings.name())));
        ApiKeyTable.Issued issued = keys.issue(caller.tenant().tenantId(), settings, clock.instant());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keyId", issued.key().keyId().toString());
        out.put("name", issued.key().name());
        out.put("scope", issued.key().scope().wireName());
        out.put("apiKey", issued.apiKey());
        out.put("createdAt", issued.key().createdAt().toString());
        return ApiResponse.json(201, out);
    }

    private ApiResponse list(ApiRequest request) {
        Caller caller = auth.caller(request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", keys.list(caller.tenant().tenantId()).stream().map(Views::apiKey).toList());
        return ApiResponse.json(200, out);
    }

    private ApiResponse delete(ApiRequest request) {
        Caller caller = auth.caller(request);
        ApiKeyId keyId = Views.id(request.pathParam("keyId"), ApiKeyId::parse);
        audit.change("key.delete", "key/" + keyId, "");
        keys.delete(caller.tenant().tenantId(), keyId);
        cache.forget(keyId);
        return ApiResponse.noContent();
    }
}
