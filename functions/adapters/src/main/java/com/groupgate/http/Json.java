package com.groupgate.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.groupgate.error.RefusalException;

/** The one ObjectMapper per container, and strict reading of request bodies. */
public final class Json {
    /** Bodies over this many bytes are refused before parsing. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    /**
     * Strict on input: text after the first JSON value ({@code {"a":1} {"a":2}}) and a field
     * given twice are malformed, not silently resolved to one of the readings.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).build());
    }

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
        }
    }

    /**
     * The request body as a JSON object; an absent body reads as {}. A body that is not
     * {@code application/json} (UTF-8) is a 415 naming {@code content-type}; malformed JSON, a
     * non-object, text that is not valid Unicode (bytes that are not UTF-8, an unpaired
     * surrogate such as {@code "\ud800"}) or a body over 16 KiB is a 400/413 naming the field.
     */
    public static ObjectNode body(ApiRequest request) {
        return body(request, MAX_BODY_BYTES);
    }

    /**
     * The request body as a JSON object, refused (413) over {@code maxBytes}: for the few
     * routes whose bodies are documented as larger than 16 KiB (word lists).
     */
    public static ObjectNode body(ApiRequest request, int maxBytes) {
        BodyText text = request.bodyText();
        if (text == null || text.text().isBlank()) {
            return MAPPER.createObjectNode();
        }
        MediaType.require(request.header("content-type"), "application/json",
                "a JSON body needs Content-Type: application/json");
        String body = text.text();
        if (body.length() > maxBytes || body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBytes) {
            throw new RefusalException(com.groupgate.error.Refusal.PAYLOAD_TOO_LARGE,
                    "body: larger than " + (maxBytes % 1024 == 0 ? maxBytes / 1024 + " KiB" : maxBytes + " bytes"),
                    "body", -1);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw text.malformed() ? ApiRequest.notUtf8("body") : RefusalException.badField("body", "malformed JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw RefusalException.badField("body", "must be a JSON object");
        }
        String invalid = JsonText.firstInvalidField(object).orElse(null);
        if (invalid != null) {
            throw text.malformed() ? ApiRequest.notUtf8(invalid)
                    : RefusalException.badField(invalid, "is not valid Unicode text (an unpaired surrogate)");
        }
        return object;
    }
}
