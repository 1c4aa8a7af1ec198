package com.groupgate.scan;

import com.groupgate.entry.Entry;
import com.groupgate.entry.ImageEntry;
import com.groupgate.entry.LinkEntry;
import com.groupgate.image.S3GetSigner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A group's entry as an accepted joiner receives it: a link as stored, or the group's QR
 * picture as a presigned GET that works for {@link S3GetSigner#MAX_VALIDITY}. Never the
 * picture's key or payload: the joiner gets the way in, not the means to keep reissuing it.
 */
final class EntryReveal {
    private final S3GetSigner images;

    EntryReveal(S3GetSigner images) {
        this.images = images;
    }

    Map<String, Object> reveal(Entry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (entry instanceof LinkEntry link) {
            out.put("type", "link");
            out.put("platform", link.platform().wireName());
            out.put("url", link.url());
        } else if (entry instanceof ImageEntry image) {
            out.put("type", "image");
            out.put("platform", image.platform().wireName());
            out.put("imageUrl", images.presign(image.imageKey(), S3GetSigner.MAX_VALIDITY).toString());
        }
        entry.expiresAt().ifPresent(at -> out.put("expiresAt", at.toString()));
        return out;
    }

    /** Where revealed pictures are served from, for the landing page's {@code img-src}. */
    String imageOrigin() {
        return images.origin();
    }
}
