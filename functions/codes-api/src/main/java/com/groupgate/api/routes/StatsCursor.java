package com.groupgate.api.routes;

import com.groupgate.analytics.Fact;
import com.groupgate.analytics.GroupBy;
import com.groupgate.analytics.LabelKey;
import com.groupgate.code.Channel;
import com.groupgate.error.RefusalException;
import com.groupgate.id.Id;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The {@code cursor} of {@code GET /v1/stats}: opaque to the caller, it names the last key
 * of the page before and what the rows were grouped by. Not a secret — it holds nothing
 * the caller did not see — but checked on the way back in, so a cursor of another
 * {@code groupBy}, or anything this API did not hand out, is a 400 naming {@code cursor}.
 *
 * @param groupBy what the page's rows were per
 * @param last    the page's last key: a code or group id, a channel (or {@code (none)}), or a label's
 *                rollup id ({@link LabelKey})
 */
record StatsCursor(GroupBy groupBy, String last) {
    private static final String VERSION = "1";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (VERSION + ":" + groupBy.name().toLowerCase(Locale.ROOT) + ":" + last).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor {@code text} for rows per {@code groupBy}; null when {@code text} is.
     *
     * @throws RefusalException a 400 naming {@code cursor} unless this API handed out
     *                          {@code text} for the same {@code groupBy}
     */
    static StatsCursor decode(String text, GroupBy groupBy) {
        if (text == null) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":", 3);
        } catch (IllegalArgumentException notBase64) {
            throw refused();
        }
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw refused();
        }
        if (!groupBy.name().toLowerCase(Locale.ROOT).equals(parts[1])) {
            throw RefusalException.badField("cursor", "belongs to another groupBy");
        }
        if (!isKey(groupBy, parts[2])) {
            throw refused();
        }
        return new StatsCursor(groupBy, parts[2]);
    }

    private static boolean isKey(GroupBy groupBy, String key) {
        return switch (groupBy) {
            case CODE, GROUP -> Id.parse(key).map(id -> id.toString().equals(key)).orElse(false);
            case CHANNEL -> Channel.isValid(key) || Fact.NO_CHANNEL.equals(key);
            case LABEL -> LabelKey.isKey(key);
        };
    }

    private static RefusalException refused() {
        return RefusalException.badField("cursor", "not a cursor this API returned");
    }
}
