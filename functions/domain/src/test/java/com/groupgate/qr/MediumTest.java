package com.groupgate.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediumTest {
    /**
     * A group code's scan URL under template.yaml's default base: a short (v2) token, 66
     * base32 characters, 91 in all.
     */
    private static final String GROUP_CODE_URL = "HTTPS://GG.EXAMPLE.COM/S/"
            + "AIAAAAAAAAAAAKQAAAAAAAAAAB7777777YBAQCDWVJ3L2F6M5S4DQXGTA7ONOYRIH2";

    @Test
    void wireNamesAreTheFiveLowercasePresets() {
        assertEquals(List.of("screen", "flyer", "poster", "billboard", "sticker"),
                Arrays.stream(Medium.values()).map(Medium::wireName).toList());
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void parseReadsEachWireNameBack(Medium medium) {
        assertEquals(Optional.of(medium), Medium.parse(medium.wireName()));
    }

    @Test
    void parseRefusesUnknownMixedCaseBlankAndMissingNames() {
        assertFalse(Medium.parse("POSTER").isPresent());
        assertFalse(Medium.parse("Poster").isPresent());
        assertFalse(Medium.parse(" poster").isPresent());
        assertFalse(Medium.parse("banner").isPresent());
        assertFalse(Medium.parse("").isPresent());
        assertFalse(Medium.parse(null).isPresent());
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void aGroupCodeFillsMostOfTheTargetSizeWithWholePixelModules(Medium medium) {
        int version = QrImage.qrVersionFor(GROUP_CODE_URL, medium.ecc());
        int printedPx = medium.modulePx(version) * medium.modulesAcross(version);
        assertTrue(printedPx <= medium.sizePx(), medium + " overflows its size: " + printedPx);
        assertTrue(printedPx >= 0.85 * medium.sizePx(), medium + " wastes its size: " + printedPx + " of " + medium.sizePx());
        assertTrue(medium.modulePx(version) >= 2, medium + " modules of one pixel blur on print");
        assertTrue(medium.modulePx(version) <= QrImage.MAX_MODULE_PX, medium + " modules larger than a PNG allows");
        assertEquals(medium.modulePx(version) * 25.4 / medium.dpi(), medium.moduleMm(version), 1e-9);
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void eachPresetIsSizedForItsViewingDistance(Medium medium) {
        // Phones read a code out to about ten times its width; closer than that to be safe.
        double ratio = medium.viewingDistanceMm() / medium.sizeMm();
        assertTrue(ratio >= 4 && ratio <= 11, medium + " is read from " + ratio + " times its size");
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void theCodeFitsItsPdfPageWithARoomForAFrame(Medium medium) {
        Medium.PageSize page = medium.page();
        assertTrue(page.widthMm() >= medium.sizeMm() + 20, medium + " on " + page.name());
        assertTrue(page.heightMm() >= medium.sizeMm() + 20, medium + " on " + page.name());
        assertTrue(medium.quietZoneModules() >= 1);
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void everyPresetKeepsAtLeastThreeModulesOfQuietZone(Medium medium) {
        // Two light modules lost OpenCV's covered corners in print (BENCHMARKS.md, "Print robustness").
        assertTrue(medium.quietZoneModules() >= 3, medium + " keeps " + medium.quietZoneModules());
    }

    @Test
    void theSampleUrlIsAGroupCodesLength() {
        assertEquals(91, GROUP_CODE_URL.length());
    }

    @Test
    void pageSizesAreTheIsoSizesInPoints() {
        assertEquals(595.3f, Medium.PageSize.A4.widthPt(), 0.1f);
        assertEquals(841.9f, Medium.PageSize.A4.heightPt(), 0.1f);
        assertEquals(297.6f, Medium.PageSize.A6.widthPt(), 0.1f);
        assertEquals(105.0, Medium.PageSize.A6.widthMm(), 1e-3);
    }

    @Test
    void moduleSizeIsOnlyDefinedForRealQrVersions() {
        assertThrows(IllegalArgumentException.class, () -> Medium.POSTER.modulePx(0));
        assertThrows(IllegalArgumentException.class, () -> Medium.POSTER.modulePx(41));
    }
}
