package com.groupgate.api.routes;

import com.groupgate.block.Block;
import com.groupgate.entry.Entry;
import com.groupgate.entry.ImageEntry;
import com.groupgate.entry.LinkEntry;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.join.JoinPolicy;
import com.groupgate.tenant.ApiKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The API's JSON shapes, and the parsing of path values. */
final class Views {
    private Views() {
    }

    /** A group as its tenant sees it at {@code now} (an entry may be expiring or expired). */
    static Map<String, Object> group(Group g, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupId", g.groupId().toString());
        out.put("name", g.name());
        out.put("capacity", g.capacity());
        out.put("members", g.members());
        out.put("joinPolicy", g.joinPolicy().wireName());
        out.put("category", g.category().wireName());
        out.put("welcomeMessage", g.welcomeMessage());
        if (g.preset() != null) {
            out.put("preset", g.preset().wireName());
        }
        out.put("verifyAbove", g.verifyAbove());
        if (g.joinPolicy() == JoinPolicy.PASSCODE) {
            out.put("passcodeDigits", g.passcodeDigits());
        }
        out.put("status", g.status().wireName());
        out.put("entry", g.entry() == null ? null : entry(g.entry(), now));
        if (g.blocked()) {
            // Only while blocked: the tenant (and its dashboard) sees that and why.
            out.put("blocked", block(g.block()));
        }
        return out;
    }

    /** An operator's block as its tenant sees it: the reason and since when. */
    static Map<String, Object> block(Block b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reason", b.reason());
        out.put("blockedAt", b.blockedAt().toString());
        return out;
    }

    /**
     * A group's entry as its tenant sees it: the link or the picture's payload, its expiry,
     * and whether it expires within a day (the dashboard warns).
     */
    static Map<String, Object> entry(Entry e, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (e instanceof LinkEntry link) {
            out.put("type", "link");
            out.put("platform", link.platform().wireName());
            out.put("url", link.url());
        } else if (e instanceof ImageEntry image) {
            out.put("type", "image");
            out.put("platform", image.platform().wireName());
            out.put("payload", image.payload());
        }
        out.put("expiresAt", e.expiresAt().map(Object::toString).orElse(null));
        out.put("expired", e.expiredAt(now));
        out.put("expiringSoon", !e.expiredAt(now) && e.expiresWithin(now, 86_400));
        return out;
    }

    /** An API key as listed: never the key itself; {@code lastUsedAt} only once it has been used. */
    static Map<String, Object> apiKey(ApiKey k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keyId", k.keyId().toString());
        out.put("name", k.name());
        out.put("scope", k.scope().wireName());
        out.put("createdAt", k.createdAt().toString());
        if (k.lastUsedAt() != null) {
            out.put("lastUsedAt", k.lastUsedAt().toString());
        }
        return out;
    }

    /** An id from the path; anything that is not an id is simply not found. */
    static Id id(String text) {
        return Id.parse(text).orElseThrow(RefusalException::notFound);
    }

    /** The id of one entity ({@code parse}: its type's, such as {@code GroupId::parse}) in a path; 404 when it is none. */
    static <T> T id(String text, Function<String, Optional<T>> parse) {
        return parse.apply(text).orElseThrow(RefusalException::notFound);
    }
}
