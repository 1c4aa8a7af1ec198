package com.groupgate.fact;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import com.groupgate.code.Channel;
import com.groupgate.id.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one codec of facts: a {@link RecordedFact} to the {@code fact} map stored with every
 * scan and join (on the counted item, a member, a request, or a fact item of its own) and
 * back. The scan path, the join path and the aggregate's stream reader all go through it.
 * Absent values are left out, so a fact costs only what it carries.
 */
public final class FactCodec {
    private FactCodec() {
    }

    public static Map<String, AttributeValue> encode(RecordedFact f) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("id", s(f.factId()));
        m.put("type", s(f.type().name()));
        m.put("at", n(f.at().toEpochMilli()));
        put(m, "outcome", f.outcome());
        m.put("tenantId", s(f.tenantId().text()));
        put(m, "codeId", f.codeId());
        put(m, "groupId", f.groupId());
        put(m, "liveCodeId", f.liveCodeId());
        if (f.channel() != null) {
            m.put("channel", s(f.channel().value()));
        }
        put(m, "country", f.country());
        put(m, "region", f.region());
        put(m, "city", f.city());
        put(m, "device", f.device());
        put(m, "os", f.os());
        put(m, "app", f.app());
        put(m, "ipHash", f.ipHash());
        put(m, "day", f.countedOn());
        if (f.cap() != null) {
            m.put("cap", n(f.cap()));
        }
        put(m, "label", f.label());
        return m;
    }

    /**
     * The fact a stored map holds.
     *
     * @throws IllegalArgumentException or NullPointerException when it is not a fact
     */
    public static RecordedFact decode(Map<String, AttributeValue> m) {
        Objects.requireNonNull(m, "fact");
        String cap = num(m, "cap");
        return new RecordedFact(Attr.str(m, "id"),
                FactType.valueOf(Objects.requireNonNull(Attr.str(m, "type"), "type")),
                Instant.ofEpochMilli(Long.parseLong(Objects.requireNonNull(num(m, "at"), "at"))),
                Attr.str(m, "outcome"), tenant(Attr.str(m, "tenantId")), Attr.str(m, "codeId"), Attr.str(m, "groupId"),
                Attr.str(m, "liveCodeId"), channel(Attr.str(m, "channel")), Attr.str(m, "country"), Attr.str(m, "region"),
                Attr.str(m, "city"), Attr.str(m, "device"), Attr.str(m, "os"), Attr.str(m, "app"),
                Attr.str(m, "ipHash"), Attr.str(m, "day"), cap == null ? null : Integer.valueOf(cap),
                Attr.str(m, "label"));
    }

    private static TenantId tenant(String text) {
        return TenantId.parse(text).orElseThrow(() -> new IllegalArgumentException("tenantId: not a tenant id"));
    }

    private static Channel channel(String text) {
        if (text != null && !Channel.isValid(text)) {
            throw new IllegalArgumentException("channel: not a channel name");
        }
        return text == null ? null : Channel.of(text);
    }

    private static String num(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null ? null : v.n();
    }

    private static void put(Map<String, AttributeValue> m, String name, String value) {
        if (value != null) {
            m.put(name, s(value));
        }
    }
}
