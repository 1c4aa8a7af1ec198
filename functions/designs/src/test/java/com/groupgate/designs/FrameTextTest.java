package com.groupgate.designs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.design.DesignColours;
import com.groupgate.design.DesignFormat;
import com.groupgate.error.RefusalException;
import com.groupgate.qr.Ecc;
import com.groupgate.qr.Medium;
import com.groupgate.qr.QrMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A tenant's own frame text without AWS: what is refused, what fits each medium, and that every format draws it. */
class FrameTextTest {
    private static final String SCAN_URL = DesignRenderingTest.SCAN_URL;
    private static final Designer DESIGNER = new Designer();
    private static final String OWN = "扫码领券 Scan for 10% off";

    private static DesignQuery query(DesignFormat format, Medium medium) {
        return new DesignQuery(format, medium, false, DesignColours.DEFAULT, DesignQuery.DEFAULT_FRAME);
    }

    private static String refusedField(String text) {
        RefusalException e = assertThrows(RefusalException.class, () -> FrameTextParam.check(text), text);
        assertEquals(400, e.refusal().httpStatus(), text);
        return e.field();
    }

    @Test
    void aFrameTextIsStrippedAndTakenUpToThirtyCharacters() {
        assertEquals("到店扫码", FrameTextParam.check("  到店扫码 "));
        String thirty = "a".repeat(FrameTextParam.MAX_CHARS);
        assertEquals(thirty, FrameTextParam.check(thirty));
        assertEquals("frameText", refusedField(thirty + "a"));
    }

    @Test
    void bidiControlsControlsBrokenUnicodeBlanksAndUnprintableCharactersAreRefusedNamingFrameText() {
        for (String bad : List.of("\u202Enioj", "scan\u2066here", "two\nlines", "tab\there", "zero\u200Bwidth",
                "half \uD83D", "\uFFFD", "   ", "扫码 \uD83D\uDE00")) {
            assertEquals("frameText", refusedField(bad), bad);
        }
    }

    @Test
    void theDefaultCallsToActionPrintLegiblyOnEveryMediumAndVersion() {
        for (String zone : List.of("Asia/Shanghai", "Asia/Taipei", "Europe/Berlin")) {
            String text = FrameTexts.forZone(ZoneId.of(zone));
            for (Medium medium : Medium.values()) {
                for (int version = 2; version <= 10; version++) {
                    DesignQuery q = query(DesignFormat.PNG, medium);
                    String url = urlOfVersion(version, medium.ecc());
                    assertTrue(FrameFit.emMm(q, url, text) >= FrameFit.minEmMm(medium),
                            text + " on a " + medium + " at version " + version);
                }
            }
        }
    }

    /**
     * What fits, measured: the most ideographs (the widest common characters) a frame takes
     * at each medium for a group code of the default base URL (version 4), as README lists;
     * a screen's would take 39, past the 30-character cap.
     */
    @Test
    void theLongestLegibleTextOfEachMediumIsWhatReadmeLists() {
        Map<Medium, Integer> fits = new LinkedHashMap<>();
        for (Medium medium : Medium.values()) {
            int n = 1;
            while (n < 60 && FrameFit.emMm(query(DesignFormat.PNG, medium), SCAN_URL, "店".repeat(n + 1))
                    >= FrameFit.minEmMm(medium)) {
                n++;
            }
            fits.put(medium, n);
        }
        assertEquals(4, QrMatrix.encode(SCAN_URL, Ecc.M).version());
        assertEquals(Map.of(Medium.SCREEN, 39, Medium.FLYER, 20, Medium.POSTER, 20, Medium.BILLBOARD, 20,
                Medium.STICKER, 24), fits);
    }

    @Test
    void aTextTooLongForTheMediumIsRefusedNamingFrameTextAndSayingWhatItNeeds() {
        DesignQuery sticker = query(DesignFormat.PNG, Medium.STICKER);
        FrameFit.require(sticker, SCAN_URL, "扫码加入会员群");
        RefusalException e = assertThrows(RefusalException.class,
                () -> FrameFit.require(query(DesignFormat.PNG, Medium.FLYER), SCAN_URL, "店".repeat(30)));
        assertEquals("frameText", e.field());
        assertTrue(e.getMessage().contains("flyer") && e.getMessage().contains("35 cm"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(DesignFormat.class)
    void everyFormatDrawsTheTenantsTextAndStillDecodes(DesignFormat format) throws IOException {
        Designer.Design d = DESIGNER.render(query(format, Medium.POSTER),
                new Designer.Content(SCAN_URL, null, OWN, "深圳南山店 顾客群", "门店海报"));
        assertEquals(SCAN_URL, DesignFiles.decode(format, d.bytes()));
        Designer.Design plain = DESIGNER.render(query(format, Medium.POSTER),
                new Designer.Content(SCAN_URL, null, FrameTexts.forZone(ZoneId.of("Asia/Shanghai")), "深圳南山店 顾客群",
                        "门店海报"));
        assertFalse(java.util.Arrays.equals(plain.bytes(), d.bytes()), "the text is drawn");
        switch (format) {
            case PDF -> {
                try (PDDocument doc = Loader.loadPDF(d.bytes())) {
                    assertTrue(new PDFTextStripper().getText(doc).contains(OWN), "real text in the embedded font");
                }
            }
            case SVG -> assertTrue(new String(d.bytes(), StandardCharsets.UTF_8).contains("<title>扫码领券 Scan for 10% off"));
            default -> {
            }
        }
    }

    @Test
    void theEtagVariesWithTheFrameText() {
        DesignQuery q = query(DesignFormat.PNG, Medium.FLYER);
        String own = Designer.etag(q, new Designer.Content(SCAN_URL, null, OWN, "n", null));
        assertNotEquals(own, Designer.etag(q, new Designer.Content(SCAN_URL, null, OWN + "!", "n", null)));
        assertNotEquals(own, Designer.etag(q, new Designer.Content(SCAN_URL, null, "微信扫码 加入群聊", "n", null)));
        assertEquals(own, Designer.etag(q, new Designer.Content(SCAN_URL, null, OWN, "n", null)));
    }

    /** A URL of the shape of a scan URL whose symbol at {@code ecc} is QR version {@code version}. */
    private static String urlOfVersion(int version, Ecc ecc) {
        StringBuilder url = new StringBuilder("HTTPS://GG.EXAMPLE.COM/S/");
        while (QrMatrix.encode(url.toString(), ecc).version() < version) {
            url.append('A');
        }
        assertEquals(version, QrMatrix.encode(url.toString(), ecc).version());
        return url.toString();
    }
}
