package com.groupgate.aggregate;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** A fact as the scan path writes it (the {@code fact} map of FactAttributes), for building stream records. */
record TestFact(String id, String type, Instant at, String tenant, String code, String group, String live,
                String channel, String country, String region, String city, String device, String os, String app,
                String ipHash) {

    static TestFact scan(String id, Instant at, String tenant, String code, String group, String channel) {
        return new TestFact(id, "SCAN", at, tenant, code, group, null, channel, "CN", "CN-SH", "Shanghai", "phone",
                "ios", "wechat", "ip-" + id);
    }

    TestFact where(String country, String region, String city) {
        return new TestFact(id, type, at, tenant, code, group, live, channel, country, region, city, device, os, app,
                ipHash);
    }

    TestFact agent(String device, String os, String app) {
        return new TestFact(id, type, at, tenant, code, group, live, channel, country, region, city, device, os, app,
                ipHash);
    }

    TestFact ip(String hash) {
        return new TestFact(id, type, at, tenant, code, group, live, channel, country, region, city, device, os, app,
                hash);
    }

    TestFact asJoin() {
        return new TestFact(id, "JOIN", at, tenant, code, group, live, channel, country, region, city, device, os,
                app, ipHash);
    }

    String day() {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The fact map, events-model flavour, as FactAttributes writes it (nulls left out). */
    Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("id", s(id));
        m.put("type", s(type));
        m.put("at", new AttributeValue().withN(Long.toString(at.toEpochMilli())));
        m.put("tenantId", s(tenant));
        put(m, "codeId", code);
        put(m, "groupId", group);
        put(m, "liveCodeId", live);
        put(m, "channel", channel);
        put(m, "country", country);
        put(m, "region", region);
        put(m, "city", city);
        put(m, "device", device);
        put(m, "os", os);
        put(m, "app", app);
        put(m, "ipHash", ipHash);
        return m;
    }

    static AttributeValue s(String v) {
        return new AttributeValue().withS(v);
    }

    private static void put(Map<String, AttributeValue> m, String name, String v) {
        if (v != null) {
            m.put(name, s(v));
        }
    }
}
