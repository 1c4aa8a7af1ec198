package com.groupgate.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretValuesTest {
    @Test
    void acceptsTheCurrentAndThePreviousValueAndNothingElse() {
        SecretValues values = SecretValues.of("new-value", "old-value");
        assertTrue(values.accepts("new-value"));
        assertTrue(values.accepts("old-value"));
        assertFalse(values.accepts("new-valu"));
        assertFalse(values.accepts("new-value "));
        assertFalse(values.accepts(""));
        assertFalse(values.accepts(null));
    }

    @Test
    void nullAndEmptyValuesAreDroppedSoNothingIsAcceptedForThem() {
        SecretValues values = new SecretValues(Arrays.asList(null, "", "only", "only"));
        assertEquals(List.of("only"), values.values());
        assertTrue(SecretValues.of((String) null).isEmpty());
        assertFalse(SecretValues.NONE.accepts(""));
        assertFalse(SecretValues.of("").accepts(""));
    }

    @Test
    void itsTextNeverShowsAValue() {
        String text = SecretValues.of("s3cr3t-origin", "older").toString();
        assertFalse(text.contains("s3cr3t"), text);
        assertFalse(text.contains("older"), text);
    }
}
