package com.groupgate.http;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.Locale;

/**
 * What a route that reads a body takes: {@code Content-Type: <type>}, optionally with
 * {@code charset=utf-8} (quoted or not). Anything else is a 415 naming {@code content-type}: a
 * form ({@code curl -d} without {@code -H 'Content-Type: application/json'}), no Content-Type
 * at all, or text declared in another charset (GBK bytes read as UTF-8 would be stored
 * garbled). The client's value is not echoed back. JSON routes ({@link Json#body}) and the
 * batch upload ({@code text/csv}) both go by it.
 */
public final class MediaType {
    static final String FIELD = "content-type";

    private MediaType() {
    }

    /**
     * @param type        the one media type taken, lowercase ({@code application/json}, {@code text/csv})
     * @param whenMissing what the 415 says when there is no Content-Type at all
     * @throws RefusalException a 415 naming {@code content-type} when {@code contentType} is not
     *                          {@code type} in UTF-8
     */
    public static void require(String contentType, String type, String whenMissing) {
        if (contentType == null || contentType.isBlank()) {
            throw refused(whenMissing);
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(type)) {
            throw refused("must be " + type);
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int eq = parameter.indexOf('=');
            String name = (eq < 0 ? parameter : parameter.substring(0, eq)).strip();
            if (!name.equalsIgnoreCase("charset")) {
                continue;
            }
            String value = eq < 0 ? "" : parameter.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!value.equalsIgnoreCase("utf-8")) {
                throw refused("the only charset taken is utf-8");
            }
        }
    }

    private static RefusalException refused(String message) {
        return new RefusalException(Refusal.UNSUPPORTED_MEDIA_TYPE, FIELD + ": " + message, FIELD, -1);
    }
}
