package com.groupgate.api;

import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.http.ApiRequest;
import com.groupgate.id.Id;
import com.groupgate.tenant.ApiKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's JSON shapes, and the parsing of path and query values. */
final class Views {
    private Views() {
    }

    static Map<String, Object> group(Group g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupId", g.groupId().toString());
        out.put("name", g.name());
        out.put("capacity", g.capacity());
        out.put("members", g.members());
        out.put("joinPolicy", g.joinPolicy());
        out.put("category", g.category());
        out.put("welcomeMessage", g.welcomeMessage());
        if (g.preset() != null) {
            out.put("preset", g.preset());
        }
        out.put("verifyAbove", g.verifyAbove());
        if ("passcode".equals(g.joinPolicy())) {
            out.put("passcodeDigits", g.passcodeDigits());
        }
        out.put("status", g.status());
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

    static int intParam(ApiRequest request, String name, int min, int max, int otherwise) {
        String v = request.queryParam(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw RefusalException.badField(name, "must be an integer between " + min + " and " + max);
    }
}
