package com.groupgate.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import org.junit.jupiter.api.Test;

/** The one Content-Type check of JSON routes and the CSV batch upload. */
class MediaTypeTest {

    private static RefusalException refusedCsv(String contentType) {
        return assertThrows(RefusalException.class,
                () -> MediaType.require(contentType, "text/csv", "a batch is sent as Content-Type: text/csv"));
    }

    @Test
    void theNamedTypeIsTakenInUtf8WhateverTheCaseAndQuoting() {
        for (String ok : new String[] {"text/csv", "Text/CSV", "text/csv; charset=utf-8", "text/csv;charset=\"UTF-8\"",
            "text/csv; header=present"}) {
            assertDoesNotThrow(() -> MediaType.require(ok, "text/csv", "missing"), ok);
        }
        assertDoesNotThrow(() -> MediaType.require("application/json; charset=utf-8", "application/json", "missing"));
    }

    @Test
    void anotherTypeCharsetOrNoneIs415NamingContentType() {
        RefusalException json = refusedCsv("application/json");
        assertEquals(Refusal.UNSUPPORTED_MEDIA_TYPE, json.refusal());
        assertEquals("content-type: must be text/csv", json.getMessage());
        assertEquals("content-type", json.field());
        assertEquals("content-type: the only charset taken is utf-8", refusedCsv("text/csv; charset=gbk").getMessage());
        assertEquals("content-type: a batch is sent as Content-Type: text/csv", refusedCsv(" ").getMessage());
        assertEquals("content-type: a batch is sent as Content-Type: text/csv", refusedCsv(null).getMessage());
    }
}
