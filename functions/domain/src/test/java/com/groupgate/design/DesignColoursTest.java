package com.groupgate.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import org.junit.jupiter.api.Test;

class DesignColoursTest {

    @Test
    void contrastRatioIsWcags() {
        assertEquals(21.0, Colour.contrastRatio(Colour.BLACK, Colour.WHITE), 1e-9);
        assertEquals(1.0, Colour.contrastRatio(Colour.parse("777777", "fg"), Colour.parse("#777777", "bg")), 1e-9);
        // WCAG's own example values: #767676 on white is 4.54:1.
        assertEquals(4.54, Colour.contrastRatio(Colour.parse("767676", "fg"), Colour.WHITE), 0.01);
    }

    @Test
    void darkEnoughColoursOnALightGroundAreAccepted() {
        DesignColours c = DesignColours.of("#1a3d7c", "fdf6e3");
        assertEquals(0x1a3d7c, c.dark().rgb());
        assertEquals(0xfdf6e3, c.light().rgb());
        assertEquals(DesignColours.DEFAULT, DesignColours.of(null, null));
    }

    @Test
    void contrastBelowFourToOneIsRefusedAsLowContrast() {
        RefusalException e = assertThrows(RefusalException.class, () -> DesignColours.of("888888", "ffffff"));
        assertEquals(Refusal.LOW_CONTRAST, e.refusal());
        assertEquals("fg", e.field());
    }

    @Test
    void lightModulesDarkerThanDarkOnesAreRefusedAsLowContrastWhateverTheRatio() {
        RefusalException e = assertThrows(RefusalException.class, () -> DesignColours.of("ffffff", "000000"));
        assertEquals(Refusal.LOW_CONTRAST, e.refusal());
    }

    @Test
    void aColourThatIsNotSixHexDigitsIsABadRequestNamingItsField() {
        RefusalException e = assertThrows(RefusalException.class, () -> DesignColours.of("000000", "red"));
        assertEquals(Refusal.BAD_REQUEST, e.refusal());
        assertEquals("bg", e.field());
        assertEquals("fg", assertThrows(RefusalException.class, () -> DesignColours.of("#12345", null)).field());
    }
}
