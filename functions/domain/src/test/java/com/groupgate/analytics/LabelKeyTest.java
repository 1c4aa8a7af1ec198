package com.groupgate.analytics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LabelKeyTest {

    @Property
    void everyLabelComesBackFromItsKeyWhichIsSafeInATableKey(@ForAll String label) {
        String key = LabelKey.of(label.isEmpty() ? "x" : label);
        assertTrue(LabelKey.isKey(key));
        assertTrue(key.chars().allMatch(c -> c > ' ' && c != '#'), key);
        // A string with a lone surrogate has no UTF-8 of its own; every other comes back whole.
        if (!label.isEmpty() && label.equals(new String(label.getBytes(UTF_8), UTF_8))) {
            assertEquals(label, LabelKey.label(key));
        }
    }

    @Test
    void codesWithoutALabelCountUnderNoneWhichReadsBackAsNull() {
        assertEquals(LabelKey.NO_LABEL, LabelKey.of(null));
        assertNull(LabelKey.label(LabelKey.NO_LABEL));
        assertTrue(LabelKey.isKey(LabelKey.NO_LABEL));
        assertNotEquals(LabelKey.NO_LABEL, LabelKey.of("(none)"), "a store named (none) is a label of its own");
        assertEquals("(none)", LabelKey.label(LabelKey.of("(none)")));
    }

    @Test
    void keysSortAsTheLabelsBytesSoPagesComeInLabelOrder() {
        List<String> labels = List.of("A", "B", "a", "店", "徐汇", "Store 1", "Store #2");
        List<String> byKey = new ArrayList<>(labels);
        byKey.sort(Comparator.comparing(LabelKey::of));
        List<String> byBytes = new ArrayList<>(labels);
        byBytes.sort((x, y) -> Arrays.compareUnsigned(
                x.getBytes(UTF_8), y.getBytes(UTF_8)));
        assertEquals(byBytes, byKey);
    }

    @Test
    void anythingElseIsNotALabelKey() {
        for (String notKey : List.of("", "abc", "ABCD", "zz", "ff", "e5ba", "(None)", "6 1")) {
            assertFalse(LabelKey.isKey(notKey), notKey);
        }
        assertThrows(IllegalArgumentException.class, () -> LabelKey.label("zz"));
    }
}
