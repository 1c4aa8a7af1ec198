package com.groupgate.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TenantIdTest {
    @Test
    void aParsedIdKeepsItsTextAndEqualsTheSameIdMadeFromBytes() {
        Id id = Id.random();
        String text = id.toString();
        TenantId parsed = TenantId.parse(text).orElseThrow();
        assertSame(text, parsed.text(), "the text read is the text written: nothing encoded again");
        TenantId made = new TenantId(id);
        assertEquals(made, parsed);
        assertEquals(made.hashCode(), parsed.hashCode());
        assertEquals(text, made.text());
        assertSame(made.text(), made.text(), "encoded once, on first use");
        assertEquals(text, made.toString());
    }

    @Test
    void anUpperCaseTextParsesToTheCanonicalLowerCaseText() {
        Id id = Id.random();
        TenantId parsed = TenantId.parse(id.toString().toUpperCase(Locale.ROOT)).orElseThrow();
        assertEquals(id.toString(), parsed.text());
        assertEquals(new TenantId(id), parsed);
    }

    @Test
    void differentIdsDifferAndNonIdsDoNotParse() {
        assertNotEquals(TenantId.random(), TenantId.random());
        assertTrue(TenantId.parse("not-an-id").isEmpty());
        assertTrue(TenantId.parse(null).isEmpty());
        assertNotEquals(new TenantId(Id.random()), "x");
    }
}
