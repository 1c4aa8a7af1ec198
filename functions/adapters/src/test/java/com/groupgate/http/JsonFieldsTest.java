package com.groupgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
    private static JsonFields fields(String json) {
        try {
            return JsonFields.of((ObjectNode) Json.MAPPER.readTree(json), Set.of("words"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String refusedField(String json, int maxLength, int maxEntries) {
        RefusalException e = assertThrows(RefusalException.class,
                () -> fields(json).longStrings("words", maxLength, maxEntries));
        assertEquals(Refusal.BAD_REQUEST, e.refusal());
        return e.field();
    }

    @Test
    void longListsAreReadPastTheUsualHundredEntries() {
        String json = Json.write(Map.of("words", java.util.Collections.nCopies(5_000, "词")));
        assertEquals(5_000, fields(json).longStrings("words", 4, 10_000).size());
        assertNull(fields("{}").longStrings("words", 4, 10));
        assertEquals(List.of(), fields("{\"words\":[]}").longStrings("words", 4, 10));
    }

    @Test
    void aBadEntryIsNamedByItsIndex() {
        assertEquals("words[2]", refusedField("{\"words\":[\"a\",\"b\",7]}", 4, 10));
        assertEquals("words[1]", refusedField("{\"words\":[\"a\",\"abcde\"]}", 4, 10));
        assertEquals("words", refusedField("{\"words\":[\"a\",\"b\",\"c\"]}", 4, 2));
        assertEquals("words", refusedField("{\"words\":\"a\"}", 4, 10));
    }

    @Test
    void lengthsCountCodePoints() {
        assertEquals(1, fields("{\"words\":[\"😀😀😀😀\"]}").longStrings("words", 4, 10).size(),
                "four emoji are four characters, not eight");
    }

    @Test
    void aLargerBodyLimitIsTheRoutesToChoose() {
        ApiRequest request = new ApiRequest("PUT", "/v1/blocked-words", Map.of("content-type", "application/json"), Map.of(),
                "{\"words\":[\"" + "x".repeat(20_000) + "\"]}", false, "198.51.100.7", Map.of());
        RefusalException e = assertThrows(RefusalException.class, () -> Json.body(request));
        assertEquals(Refusal.PAYLOAD_TOO_LARGE, e.refusal());
        assertEquals(1, Json.body(request, 64 * 1024).get("words").size());
    }
}
