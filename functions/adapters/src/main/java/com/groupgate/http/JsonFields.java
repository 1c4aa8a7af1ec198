package com.groupgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.groupgate.error.RefusalException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed, strict reads of a JSON object: unknown fields, wrong types and out-of-range
 * values are 400s that name the field (with its parent, as in {@code geo.allowCidrs}).
 * Reading never writes anything, so a refused request leaves no trace.
 */
public final class JsonFields {
    /** Lists longer than this are refused. */
    public static final int MAX_LIST = 100;

    private final ObjectNode node;
    private final String prefix;

    private JsonFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Reads {@code node}, refusing any field not in {@code allowed}. */
    public static JsonFields of(ObjectNode node, String prefix, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw RefusalException.badField(prefix + name, "unknown field");
            }
        }
        return new JsonFields(node, prefix);
    }

    public static JsonFields of(ObjectNode node, Set<String> allowed) {
        return of(node, "", allowed);
    }

    private JsonNode value(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /**
     * A string or null; refused when not a string or longer than {@code maxLength}
     * characters, counted as Unicode code points (an emoji is one character, as a person
     * and the domain's limits count it, not two UTF-16 units).
     */
    public String string(String name, int maxLength) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw RefusalException.badField(prefix + name, "must be a string");
        }
        String s = v.textValue();
        if (s.length() > maxLength && s.codePointCount(0, s.length()) > maxLength) {
            throw RefusalException.badField(prefix + name, "longer than " + maxLength + " characters");
        }
        return s;
    }

    public String requiredString(String name, int maxLength) {
        String s = string(name, maxLength);
        if (s == null || s.isBlank()) {
            throw RefusalException.badField(prefix + name, "is required");
        }
        return s;
    }

    /** Whether the body names {@code name} at all, null included (PATCH-like "set to none"). */
    public boolean has(String name) {
        return node.has(name);
    }

    /** An integer in [min, max] or null. */
    public Integer integer(String name, long min, long max) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw RefusalException.badField(prefix + name, "must be an integer");
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw RefusalException.badField(prefix + name, "must be between " + min + " and " + max);
        }
        return (int) n;
    }

    /** A boolean or null. */
    public Boolean bool(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw RefusalException.badField(prefix + name, "must be true or false");
        }
        return v.booleanValue();
    }

    /** A list of strings (at most 100) or an empty list. */
    public List<String> strings(String name, int maxLength) {
        JsonNode v = value(name);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw RefusalException.badField(prefix + name, "must be a list of strings");
        }
        if (v.size() > MAX_LIST) {
            throw RefusalException.badField(prefix + name, "more than " + MAX_LIST + " entries");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw RefusalException.badField(prefix + name, "must be a list of strings");
            }
            if (e.textValue().length() > maxLength) {
                throw RefusalException.badField(prefix + name, "entry longer than " + maxLength + " characters");
            }
            out.add(e.textValue());
        }
        return List.copyOf(out);
    }

    /**
     * A long list of strings (at most {@code maxEntries}), or null when absent; a bad entry
     * is named with its index ({@code words[3]}), its length counted in code points.
     */
    public List<String> longStrings(String name, int maxLength, int maxEntries) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw RefusalException.badField(prefix + name, "must be a list of strings");
        }
        if (v.size() > maxEntries) {
            throw RefusalException.badField(prefix + name, "more than " + maxEntries + " entries");
        }
        List<String> out = new ArrayList<>(v.size());
        int i = 0;
        for (JsonNode e : v) {
            String field = prefix + name + "[" + i++ + "]";
            if (!e.isTextual()) {
                throw RefusalException.badField(field, "must be a string");
            }
            String s = e.textValue();
            if (s.length() > maxLength && s.codePointCount(0, s.length()) > maxLength) {
                throw RefusalException.badField(field, "longer than " + maxLength + " characters");
            }
            out.add(s);
        }
        return out;
    }

    /** A nested object read with its own allowed fields, or null. */
    public JsonFields object(String name, Set<String> allowed) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof ObjectNode object)) {
            throw RefusalException.badField(prefix + name, "must be an object");
        }
        return of(object, prefix + name + ".", allowed);
    }
}
