package com.groupgate.storage.group;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.entry.Entry;
import com.groupgate.entry.ImageEntry;
import com.groupgate.entry.LinkEntry;
import com.groupgate.entry.Platform;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A group's entry as the {@code entry} map of its item, and back. */
final class GroupEntries {
    private GroupEntries() {
    }

    static AttributeValue encode(Entry entry) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("platform", s(entry.platform().wireName()));
        entry.expiresAt().ifPresent(e -> m.put("expiresAt", n(e.getEpochSecond())));
        if (entry instanceof LinkEntry link) {
            m.put("type", s("link"));
            m.put("url", s(link.url()));
        } else if (entry instanceof ImageEntry image) {
            m.put("type", s("image"));
            m.put("payload", s(image.payload()));
            m.put("imageKey", s(image.imageKey()));
            m.put("contentType", s(image.contentType()));
        }
        return Attr.map(m);
    }

    static Entry decode(Map<String, AttributeValue> m) {
        if (m.isEmpty()) {
            return null;
        }
        Platform platform = Platform.parse(Attr.str(m, "platform"));
        Instant expiry = m.containsKey("expiresAt") ? Instant.ofEpochSecond(Attr.num(m, "expiresAt", 0)) : null;
        if ("image".equals(Attr.str(m, "type"))) {
            return new ImageEntry(Attr.str(m, "payload"), platform, Attr.str(m, "imageKey"),
                    Attr.str(m, "contentType"), expiry);
        }
        return new LinkEntry(Attr.str(m, "url"), platform, expiry);
    }
}
