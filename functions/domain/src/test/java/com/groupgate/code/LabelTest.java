package com.groupgate.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.RefusalException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelTest {

    @Test
    void aStoreNameOfFortyCharactersInAnyScriptIsALabel() {
        assertEquals("徐汇漕溪北路店 #3", Label.of("徐汇漕溪北路店 #3").value());
        assertEquals(40, Label.of("店".repeat(40)).value().length());
        assertEquals(80, Label.of("😀".repeat(40)).value().length());
    }

    @Test
    void blankLongControlAndBrokenLabelsAreRefusedNamingLabel() {
        for (String bad : List.of("", "  ", "店".repeat(41), "line\nbreak", "tab\there", " padded", "\uD800x")) {
            RefusalException e = assertThrows(RefusalException.class, () -> Label.of(bad), bad);
            assertEquals("label", e.field());
        }
    }
}
