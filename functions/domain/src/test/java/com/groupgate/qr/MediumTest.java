package com.groupgate.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.Id;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanToken;
import com.groupgate.token.ScanUrl;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediumTest {
    /** template.yaml's default ScanBaseUrl. */
    private static final String DEFAULT_BASE = "HTTPS://GG.EXAMPLE.COM/S/";

    private static String groupCodeScanUrl() {
        byte[] secret = new byte[SigningKey.SECRET_BYTES];
        Arrays.fill(secret, (byte) 3);
        String token = TokenCodec.issueShort(KeyRing.of(new SigningKey(1, secret, false)), new Id(42), new Id(7),
                ScanToken.NEVER, new byte[] {1, 2, 3, 4});
        return ScanUrl.scanUrl(DEFAULT_BASE, token);
    }

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
        int version = QrImage.qrVersionFor(groupCodeScanUrl(), medium.ecc());
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
