package com.groupgate.storage;

import com.groupgate.aws.Attr;
import com.groupgate.code.Channel;
import com.groupgate.id.TenantId;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns a stored enum-like or id attribute into its type, once, in a table's
 * {@code from(item)}. Everything GroupGate stores it wrote itself from the same types, so
 * a value none names means the table holds data this code cannot read (a newer writer, a
 * hand edit): it fails loudly ({@link IllegalStateException} naming the attribute) rather
 * than guessing, and the request answers 500 instead of acting on a misread item.
 */
public final class StoredValues {
    private StoredValues() {
    }

    /**
     * The id in {@code item}'s {@code attribute}, read by {@code parse} (such as {@code TenantId::parse}).
     *
     * @throws IllegalStateException naming {@code attribute} when it is missing or not an id
     */
    public static <T> T id(Map<String, AttributeValue> item, String attribute, Function<String, Optional<T>> parse) {
        String text = Attr.str(item, attribute);
        return parse.apply(text).orElseThrow(() -> new IllegalStateException("stored " + attribute + " is "
                + (text == null ? "missing" : "not an id")));
    }

    /** As {@link #id}, or null when {@code attribute} is absent. */
    public static <T> T idOrNull(Map<String, AttributeValue> item, String attribute,
                                 Function<String, Optional<T>> parse) {
        return item.containsKey(attribute) ? id(item, attribute, parse) : null;
    }

    /**
     * The channel in {@code item}'s {@code attribute}, or null when it is absent.
     *
     * @throws IllegalStateException naming {@code attribute} when it holds no channel name
     */
    public static Channel channelOrNull(Map<String, AttributeValue> item, String attribute) {
        String text = Attr.str(item, attribute);
        if (text == null) {
            return null;
        }
        if (!Channel.isValid(text)) {
            throw new IllegalStateException("stored " + attribute + " is not a channel");
        }
        return Channel.of(text);
    }

    /**
     * The constant of {@code values} whose stored form ({@code form}) is {@code text}.
     *
     * @throws IllegalStateException naming {@code attribute} when none is, or {@code text} is null
     */
    public static <E extends Enum<E>> E oneOf(String attribute, String text, E[] values, Function<E, String> form) {
        for (E value : values) {
            if (form.apply(value).equals(text)) {
                return value;
            }
        }
        throw new IllegalStateException("stored " + attribute + " is " + (text == null ? "missing" : "'" + text + "'")
                + ", none of " + Arrays.stream(values).map(form).collect(Collectors.joining(", ")));
    }
}
