package com.groupgate.designs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.design.DesignColours;
import com.groupgate.design.DesignFormat;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.qr.Medium;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Designs rendered without AWS: each format and medium, logos, colours, the PDF's insides, the read check. */
class DesignRenderingTest {
    /** A group code's scan URL of the real shape: the default base URL and a short (v2) token. */
    static final String SCAN_URL = "HTTPS://GG.EXAMPLE.COM/S/2AB3CD4EF5GH6JK7LM8NP9QR2ST3UV4WX5YZ6";
    private static final Designer DESIGNER = new Designer();

    static Stream<Arguments> formatsAndMedia() {
        List<Arguments> out = new ArrayList<>();
        for (DesignFormat f : DesignFormat.values()) {
            for (Medium m : Medium.values()) {
                out.add(Arguments.of(f, m));
            }
        }
        return out.stream();
    }

    private static Designer.Content content(Designer.LogoPicture logo, String frame) {
        return new Designer.Content(SCAN_URL, logo, frame, "深圳南山店 顾客群", "门店海报");
    }

    private static Designer.LogoPicture logo() {
        byte[] png = DesignFiles.logoPng(512);
        return new Designer.LogoPicture(png, "image/png", "i/l/x/logo-test.png");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndMedia")
    void everyFormatAndMediumDecodesBackToTheScanUrl(DesignFormat format, Medium medium) {
        Designer.Design d = DESIGNER.render(new DesignQuery(format, medium, false, DesignColours.DEFAULT, null),
                content(null, null));
        assertEquals(format.contentType(), d.contentType());
        assertEquals(SCAN_URL, DesignFiles.decode(format, d.bytes()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndMedia")
    void aLogoAtTheLargestAllowedSizeWithColoursAndAFrameStillDecodes(DesignFormat format, Medium medium) {
        DesignColours colours = DesignColours.of("1a3d7c", "fdf6e3");
        Designer.Design d = DESIGNER.render(new DesignQuery(format, medium, true, colours, DesignQuery.DEFAULT_FRAME),
                content(logo(), "微信扫码 加入群聊"));
        assertEquals(SCAN_URL, DesignFiles.decode(format, d.bytes()));
    }

    @Test
    void aLogoForcesErrorCorrectionH() {
        assertEquals(com.groupgate.qr.Ecc.H, Designer.ecc(new DesignQuery(DesignFormat.PNG, Medium.SCREEN, true,
                DesignColours.DEFAULT, null)));
        assertEquals(Medium.FLYER.ecc(), Designer.ecc(new DesignQuery(DesignFormat.PNG, Medium.FLYER, false,
                DesignColours.DEFAULT, null)));
    }

    @Test
    void thePdfCarriesAVectorCodeAndItsTextInAnEmbeddedFontSubset() throws IOException {
        Designer.Design d = DESIGNER.render(new DesignQuery(DesignFormat.PDF, Medium.POSTER, false,
                DesignColours.DEFAULT, DesignQuery.DEFAULT_FRAME), content(null, "微信扫码 加入群聊"));
        try (PDDocument doc = Loader.loadPDF(d.bytes())) {
            PDPage page = doc.getPage(0);
            // Vector: rectangles filled, and no picture anywhere on the page.
            assertFalse(page.getResources().getXObjectNames().iterator().hasNext(), "no image XObject");
            long rectangles = operators(page).stream().filter(o -> o.getName().equals("re")).count();
            assertTrue(rectangles > 100, "the modules are drawn as rectangles: " + rectangles);
            // The font: a Type 0 font embedding a subset (its name tagged ABCDEF+) of Noto Sans SC.
            COSName fontName = page.getResources().getFontNames().iterator().next();
            PDFont font = page.getResources().getFont(fontName);
            assertTrue(font instanceof PDType0Font, font.getClass().getName());
            assertTrue(font.isEmbedded(), "embedded");
            assertTrue(font.getName().matches("[A-Z]{6}\\+NotoSansSC.*"), "a subset: " + font.getName());
            // Far smaller than the 5.5 MB font it was cut from.
            assertTrue(d.bytes().length < 200_000, "the PDF is " + d.bytes().length + " bytes");
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("深圳南山店 顾客群"), text);
            assertTrue(text.contains("门店海报"), text);
            assertTrue(text.contains("微信扫码 加入群聊"), text);
        }
    }

    @Test
    void aDesignThatDoesNotReadBackIsRefusedAsDesignUnreadable() {
        // A camera that sees a smudge over the middle third of whatever was rendered.
        Designer smudged = new Designer(image -> {
            BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = copy.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.setColor(Color.GRAY);
            g.fillRect(0, image.getHeight() / 3, image.getWidth(), image.getHeight() / 3);
            g.dispose();
            return copy;
        });
        for (DesignFormat format : DesignFormat.values()) {
            RefusalException e = assertThrows(RefusalException.class, () -> smudged.render(new DesignQuery(format,
                    Medium.SCREEN, false, DesignColours.DEFAULT, null), content(null, null)));
            assertEquals(Refusal.DESIGN_UNREADABLE, e.refusal(), format.name());
        }
    }

    @Test
    void aDesignThatDoesNotReadIsDrawnWithAnotherMaskBeforeItIsRefused() {
        // A camera that misses the first two pictures it is shown, whatever they are.
        int[] seen = new int[1];
        Designer unlucky = new Designer(image -> ++seen[0] <= 2 ? new BufferedImage(image.getWidth(),
                image.getHeight(), BufferedImage.TYPE_INT_RGB) : image);
        DesignQuery q = new DesignQuery(DesignFormat.PNG, Medium.POSTER, false, DesignColours.DEFAULT, null);
        Designer.Design d = unlucky.render(q, content(null, null));
        assertEquals(3, seen[0]);
        assertEquals(SCAN_URL, DesignFiles.decode(DesignFormat.PNG, d.bytes()));
        int chosen = com.groupgate.qr.QrMatrix.encode(SCAN_URL, Medium.POSTER.ecc()).mask();
        assertFalse(java.util.Arrays.equals(d.bytes(), DESIGNER.render(q, content(null, null)).bytes()),
                "another mask than zxing's choice (" + chosen + "): other modules");
    }

    @Test
    void theEtagChangesWithEveryInputAndOnlyWithThem() {
        DesignQuery q = new DesignQuery(DesignFormat.SVG, Medium.FLYER, false, DesignColours.DEFAULT, null);
        String tag = Designer.etag(q, content(null, null));
        assertEquals(tag, Designer.etag(q, content(null, null)));
        assertTrue(tag.matches("\"[0-9a-f]{32}\""), tag);
        assertFalse(tag.equals(Designer.etag(new DesignQuery(DesignFormat.PDF, Medium.FLYER, false,
                DesignColours.DEFAULT, null), content(null, null))));
        assertFalse(tag.equals(Designer.etag(new DesignQuery(DesignFormat.SVG, Medium.FLYER, false,
                DesignColours.of("222222", null), null), content(null, null))));
        assertFalse(tag.equals(Designer.etag(q, content(null, "微信扫码 加入群聊"))));
    }

    private static List<Operator> operators(PDPage page) throws IOException {
        List<Operator> out = new ArrayList<>();
        for (Object token : new PDFStreamParser(page).parse()) {
            if (token instanceof Operator o) {
                out.add(o);
            }
        }
        return out;
    }
}
