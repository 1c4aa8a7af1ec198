package com.groupgate.analytics;

import com.groupgate.code.Channel;
import com.groupgate.id.TenantId;
import java.time.Instant;

/** Test facts with sensible defaults; each call makes a fresh builder. */
final class Facts {
    static final TenantId TENANT1 = tenant("tenantoneaaaa");
    static final TenantId TENANT2 = tenant("tenanttwoaaaa");
    private static long next;

    private FactType type = FactType.SCAN;
    private Instant at = Instant.parse("2026-11-26T03:15:00Z");
    private String outcome = Fact.ACCEPTED;
    private TenantId tenantId = TENANT1;
    private String codeId = "code1";
    private String groupId = "group1";
    private String liveCodeId;
    private Channel channel;
    private String label;
    private String country = "CN";
    private String region = "SH";
    private String city = "Shanghai";
    private String device = "phone";
    private String os = "ios";
    private String app = "wechat";
    private String ipHash = "ip1";

    static Facts scan() {
        return new Facts();
    }

    static Facts join() {
        Facts f = new Facts();
        f.type = FactType.JOIN;
        f.outcome = Fact.JOINED;
        return f;
    }

    Facts at(Instant v) { at = v; return this; }
    Facts at(String v) { at = Instant.parse(v); return this; }
    Facts outcome(String v) { outcome = v; return this; }
    Facts tenant(TenantId v) { tenantId = v; return this; }
    Facts code(String v) { codeId = v; return this; }
    Facts group(String v) { groupId = v; return this; }
    Facts liveCode(String v) { liveCodeId = v; return this; }
    Facts channel(String v) { channel = v == null ? null : Channel.of(v); return this; }
    Facts country(String v) { country = v; return this; }
    Facts city(String v) { city = v; return this; }
    Facts device(String v) { device = v; return this; }
    Facts ip(String v) { ipHash = v; return this; }
    Facts label(String v) { label = v; return this; }

    static TenantId tenant(String text) {
        return TenantId.parse(text).orElseThrow();
    }

    Fact build() {
        return new Fact("f" + (next++), type, at, outcome, tenantId, codeId, groupId, liveCodeId, channel,
                country, region, city, device, os, app, ipHash, label);
    }
}
