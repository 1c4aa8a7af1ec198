package com.groupgate.scan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a member of a running campaign is handed after joining (or on the approved status
 * page): the invite URL to share, the progress URL to keep — a separate capability, so
 * that sharing the invite never shares the progress or the reward code — and, when the
 * campaign has a poster template, the poster's URL (else null).
 */
record Invitation(String inviteUrl, String progressUrl, String posterUrl) {
    /** The answer's {@code "invite"} object. */
    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inviteUrl", inviteUrl);
        out.put("progressUrl", progressUrl);
        if (posterUrl != null) {
            out.put("posterUrl", posterUrl);
        }
        return out;
    }
}
