package com.groupgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Finds text in parsed JSON that is not valid Unicode: a string or field name holding an
 * unpaired UTF-16 surrogate (written as a {@code \ud800} escape, or the mark
 * {@link BodyText} leaves for bytes that were not UTF-8). Such text cannot be stored,
 * logged or written back as UTF-8, so it is refused at the door, named by its field as
 * {@link JsonFields} names fields ({@code geo.allowCidrs}, {@code words[3]}).
 */
final class JsonText {
    private JsonText() {
    }

    /** The field holding the first text that is not valid Unicode, or empty when all of it is. */
    static Optional<String> firstInvalidField(JsonNode root) {
        return find(root, "");
    }

    private static Optional<String> find(JsonNode node, String path) {
        if (node.isTextual()) {
            return valid(node.textValue()) ? Optional.empty() : Optional.of(path.isEmpty() ? "body" : path);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = find(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!valid(field.getKey())) {
                    // The name itself is not text: it cannot be echoed, so the object holding it is named.
                    return Optional.of(path.isEmpty() ? "body" : path);
                }
                Optional<String> found = find(field.getValue(), path.isEmpty() ? field.getKey()
                        : path + "." + field.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether every surrogate in {@code s} is half of a pair. */
    static boolean valid(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
