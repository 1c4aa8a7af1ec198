package com.groupgate.http;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.Locale;

/**
 * What a JSON route takes: {@code Content-Type: application/json}, optionally with
 * {@code charset=utf-8}. Anything else is a 415 naming {@code content-type}: a form
 * ({@code curl -d} without {@code -H 'Content-Type: application/json'}), no Content-Type at
 * all, or JSON declared in another charset (GBK bytes read as UTF-8 would be stored garbled).
 * The client's value is not echoed back.
 */
final class JsonMediaType {
    static final String FIELD = "content-type";

    private JsonMediaType() {
    }

    static void require(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw refused("a JSON body needs Content-Type: application/json");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            throw refused("must be application/json");
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
