package com.groupgate.localrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * One Lambda event filter pattern ({@code FilterCriteria.Filters[].Pattern}), matched
 * against a record's JSON form the way Lambda (and EventBridge) match them: every field of
 * the pattern must match; a nested object descends into the record; a leaf is a list of
 * alternatives, each a literal (string, number, boolean, null) or an operator:
 * {@code exists}, {@code prefix}, {@code suffix}, {@code equals-ignore-case},
 * {@code anything-but} (literals or {@code {"prefix":...}}) and {@code numeric}
 * ({@code [">", 0, "<=", 5]}, {@code ["=", 3]}). A record value that is an array matches
 * when any element does. {@code {"exists": true}} needs a present leaf (not an object);
 * {@code {"exists": false}} needs the field absent.
 */
public final class FilterPattern {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode pattern;
    private final String source;

    private FilterPattern(ObjectNode pattern, String source) {
        this.pattern = pattern;
        this.source = source;
    }

    /** Parses and checks a pattern; an unsupported operator is refused here, not at match time. */
    public static FilterPattern parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("pattern: malformed JSON: " + json, e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("pattern: must be a JSON object: " + json);
        }
        check(object, json);
        return new FilterPattern(object, json);
    }

    public boolean matches(JsonNode record) {
        return matchesObject(pattern, record);
    }

    @Override
    public String toString() {
        return source;
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode value) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode child = value != null && value.isObject() ? value.get(field.getKey()) : null;
            boolean ok = field.getValue().isObject() ? matchesObject(field.getValue(), child)
                    : matchesAny(field.getValue(), child);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(JsonNode alternatives, JsonNode value) {
        for (JsonNode alternative : alternatives) {
            if (matchesOne(alternative, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesOne(JsonNode matcher, JsonNode value) {
        if (matcher.isObject() && matcher.has("exists")) {
            boolean present = value != null && !value.isMissingNode() && !value.isObject();
            return matcher.get("exists").asBoolean() ? present : value == null || value.isMissingNode();
        }
        if (value == null || value.isMissingNode() || value.isObject()) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (matchesOne(matcher, element)) {
                    return true;
                }
            }
            return false;
        }
        if (!matcher.isObject()) {
            return literalEquals(matcher, value);
        }
        Map.Entry<String, JsonNode> op = matcher.fields().next();
        JsonNode arg = op.getValue();
        return switch (op.getKey()) {
            case "prefix" -> value.isTextual() && value.textValue().startsWith(arg.asText());
            case "suffix" -> value.isTextual() && value.textValue().endsWith(arg.asText());
            case "equals-ignore-case" -> value.isTextual() && value.textValue().equalsIgnoreCase(arg.asText());
            case "anything-but" -> !anythingButExcludes(arg, value);
            case "numeric" -> numericMatches(arg, value);
            default -> throw new IllegalStateException("unchecked operator " + op.getKey());
        };
    }

    /** True when {@code value} is one of what {@code anything-but} lists. */
    private static boolean anythingButExcludes(JsonNode arg, JsonNode value) {
        if (arg.isObject() && arg.has("prefix")) {
            return value.isTextual() && value.textValue().startsWith(arg.get("prefix").asText());
        }
        if (arg.isArray()) {
            for (JsonNode excluded : arg) {
                if (literalEquals(excluded, value)) {
                    return true;
                }
            }
            return false;
        }
        return literalEquals(arg, value);
    }

    private static boolean numericMatches(JsonNode arg, JsonNode value) {
        BigDecimal v = number(value);
        if (v == null) {
            return false;
        }
        for (int i = 0; i + 1 < arg.size(); i += 2) {
            int c = v.compareTo(arg.get(i + 1).decimalValue());
            boolean ok = switch (arg.get(i).asText()) {
                case "=" -> c == 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean literalEquals(JsonNode literal, JsonNode value) {
        if (literal.isNumber()) {
            BigDecimal v = number(value);
            return v != null && v.compareTo(literal.decimalValue()) == 0;
        }
        return literal.equals(value);
    }

    /** Numbers in DynamoDB JSON are strings ({@code {"N":"5"}}); both forms compare numerically. */
    private static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.textValue());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static void check(JsonNode pattern, String source) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode v = field.getValue();
            if (v.isObject()) {
                check(v, source);
            } else if (v.isArray()) {
                for (JsonNode matcher : v) {
                    if (matcher.isObject()) {
                        if (matcher.size() != 1) {
                            throw new IllegalArgumentException("pattern: one operator per matcher in " + source);
                        }
                        String op = matcher.fieldNames().next();
                        if (!java.util.Set.of("exists", "prefix", "suffix", "equals-ignore-case", "anything-but",
                                "numeric").contains(op)) {
                            throw new IllegalArgumentException("pattern: unsupported operator " + op + " in " + source);
                        }
                    } else if (matcher.isArray()) {
                        throw new IllegalArgumentException("pattern: nested list at " + field.getKey() + " in " + source);
                    }
                }
            } else {
                throw new IllegalArgumentException("pattern: " + field.getKey()
                        + " must be an object or a list of matchers in " + source);
            }
        }
    }
}
