package com.groupgate.api.edge;

import com.groupgate.audit.Actor;
import com.groupgate.auditlog.AuditTrail;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.secret.RotatingSecret;
import com.groupgate.storage.tenant.ApiKeyCache;
import com.groupgate.storage.tenant.ApiKeys;
import com.groupgate.storage.tenant.Caller;
import com.groupgate.storage.tenant.TenantAuthentication;
import com.groupgate.tenant.Tenant;

/** Who is calling: the operator (admin key) or a tenant (API key), and whether its key's scope allows the request. */
public final class Authenticator {
    private final ApiKeyCache keys;
    private final TenantAuthentication tenants;
    private final RotatingSecret adminKey;
    private final AuditTrail trail;

    /** @param adminKey the operator's key: its current value and, during a rotation, its previous one */
    public Authenticator(ApiKeyCache keys, RotatingSecret adminKey, AuditTrail trail) {
        this.keys = keys;
        this.tenants = new TenantAuthentication(keys);
        this.adminKey = adminKey;
        this.trail = trail;
    }

    /** Who the audit log names for a key: its id; a key from before keys had ids is {@code legacy}. */
    public static Actor actor(Caller caller) {
        return Actor.apiKey(caller.keyId() == null ? "legacy" : caller.keyId().toString());
    }

    /**
     * The calling tenant key: 401 without one, 403 {@code tenant_blocked} when the operator
     * blocked its tenant (whatever the key's scope or the route), 403 {@code forbidden} when
     * its scope does not allow the request's method.
     */
    public Caller caller(ApiRequest request) {
        Caller caller = tenants.caller(request);
        trail.actingAs(caller.tenant().tenantId().toString(), actor(caller));
        return caller;
    }

    public Tenant tenant(ApiRequest request) {
        return caller(request).tenant();
    }

    /**
     * Before routing: a read key asking for anything but GET is 403 whatever the path, so
     * its answer does not reveal which routes exist. Other callers go on to the route,
     * which authenticates them as it requires.
     */
    public void refuseOutOfScope(ApiRequest request) {
        if ("GET".equals(request.method())) {
            return;
        }
        String key = ApiKeys.bearer(request.header("authorization"));
        if (key == null || isAdmin(key)) {
            return;
        }
        keys.caller(key).filter(c -> !c.tenant().blocked()).ifPresent(c -> c.scope().require(request.method()));
    }

    public void admin(ApiRequest request) {
        if (!isAdmin(ApiKeys.bearer(request.header("authorization")))) {
            throw new RefusalException(Refusal.UNAUTHORIZED, "the admin key is required");
        }
        trail.actingAs(null, Actor.ADMIN);
    }

    /** SHA-256 of the presented key against SHA-256 of each value accepted now, in constant time. */
    private boolean isAdmin(String key) {
        return key != null && adminKey.accepts(key);
    }
}
