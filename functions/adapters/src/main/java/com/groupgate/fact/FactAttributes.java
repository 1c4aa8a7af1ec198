package com.groupgate.fact;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.id.Id;
import com.groupgate.scan.ClientContext;
import com.groupgate.scan.UserAgentClass;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code fact} map written with every scan and join: when, which code/group/live
 * code/channel, where from (country, region, city), what device, OS and in-app browser,
 * and a keyed hash of the client IP — never the IP itself.
 */
public final class FactAttributes {
    private FactAttributes() {
    }

    /** What every fact of one request shares. */
    public record Origin(Instant at, ClientContext client, UserAgentClass agent, String ipHash) {
    }

    public static Map<String, AttributeValue> scan(Origin origin, Id tenantId, Id codeId, Id groupId, Id liveCodeId,
                                                   String channel) {
        return base("SCAN", origin, tenantId, codeId, groupId, liveCodeId, channel);
    }

    public static Map<String, AttributeValue> join(Origin origin, Id tenantId, Id codeId, Id groupId, Id liveCodeId,
                                                   String channel) {
        Map<String, AttributeValue> fact = base("JOIN", origin, tenantId, codeId, groupId, liveCodeId, channel);
        fact.put("outcome", s("joined"));
        return fact;
    }

    /** Adds what the aggregate needs to tell accepted from daily_limit for a counted scan. */
    public static Map<String, AttributeValue> counted(Map<String, AttributeValue> fact, String dayKey, int cap) {
        fact.put("day", s(dayKey));
        fact.put("cap", n(cap));
        return fact;
    }

    /** Marks a fact with an outcome known when it is written (expired, geo_blocked, a live code's accepted...). */
    public static Map<String, AttributeValue> withOutcome(Map<String, AttributeValue> fact, String outcome) {
        fact.put("outcome", s(outcome));
        return fact;
    }

    private static Map<String, AttributeValue> base(String type, Origin o, Id tenantId, Id codeId, Id groupId,
                                                    Id liveCodeId, String channel) {
        Map<String, AttributeValue> fact = new HashMap<>();
        fact.put("id", s(Id.random().toString() + Id.random()));
        fact.put("type", s(type));
        fact.put("at", n(o.at().toEpochMilli()));
        fact.put("tenantId", s(tenantId.toString()));
        put(fact, "codeId", codeId);
        put(fact, "groupId", groupId);
        put(fact, "liveCodeId", liveCodeId);
        put(fact, "channel", channel);
        put(fact, "country", o.client().country());
        put(fact, "region", o.client().region());
        put(fact, "city", o.client().city());
        fact.put("device", s(o.agent().device().wireName()));
        fact.put("os", s(o.agent().os().wireName()));
        fact.put("app", s(o.agent().app().wireName()));
        put(fact, "ipHash", o.ipHash());
        return fact;
    }

    private static void put(Map<String, AttributeValue> fact, String name, Object value) {
        if (value != null) {
            fact.put(name, s(value.toString()));
        }
    }
}
