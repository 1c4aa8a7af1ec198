package com.groupgate.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.qr.Ecc;
import com.groupgate.qr.QrMatrix;
import org.junit.jupiter.api.Test;

class DesignLayoutTest {

    @Test
    void theLogoSquareIsOddCentredAndAtMostAFifthOfTheSymbol() {
        for (int version = 1; version <= 40; version++) {
            int n = 17 + 4 * version;
            int side = DesignLayout.largestLogoSide(n);
            assertEquals(1, side % 2, "odd at " + n);
            assertTrue((double) side * side <= 0.20 * n * n, "at most 20 % at " + n);
            assertTrue((double) (side + 2) * (side + 2) > 0.20 * n * n, "the largest odd side at " + n);
        }
        DesignLayout layout = new DesignLayout(37, 4, DesignLayout.largestLogoSide(37), 0);
        assertEquals(15, layout.logoSide());
        assertEquals(4 + 11, layout.logoOrigin());
        assertTrue(layout.underLogo(18, 18));
        assertTrue(layout.underLogo(11, 25));
        assertFalse(layout.underLogo(10, 18));
        assertFalse(layout.underLogo(26, 18));
    }

    @Test
    void aLogoSquareOverAFifthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DesignLayout(37, 4, 17, 0));
    }

    @Test
    void theFrameAddsABandUnderTheQuietZone() {
        QrMatrix m = QrMatrix.encode("HTTP://GG.EXAMPLE.COM/S/ABC", Ecc.M);
        DesignLayout plain = DesignLayout.of(m, 4, false, false);
        DesignLayout framed = DesignLayout.of(m, 4, false, true);
        assertEquals(plain.width(), plain.height());
        assertEquals(framed.width() + framed.frameBand(), framed.height());
        assertTrue(framed.frameBand() >= 5);
    }
}
