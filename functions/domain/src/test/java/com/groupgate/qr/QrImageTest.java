package com.groupgate.qr;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.nio.file.Path;
import java.nio.file.Files;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Mode;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import com.groupgate.id.Id;
import com.groupgate.token.CodeKind;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanToken;
import com.groupgate.token.ScanUrl;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QrImageTest {
    private static final String LOCAL_BASE = "HTTP://127.0.0.1:3000/S/";
    private static final String SHORT_BASE = "HTTPS://GG.EXAMPLE.CN/S/";

    static String token() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        KeyRing ring = KeyRing.of(new SigningKey(1, secret, false));
        return TokenCodec.issue(ring, CodeKind.GROUP_CODE, Id.random(), Id.random(), Id.random(), ScanToken.NEVER,
                new SecureRandom());
    }

    private static String decode(QrPng qr) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(qr.png()));
        assertEquals(qr.sizePx(), image.getWidth());
        assertEquals(qr.sizePx(), image.getHeight());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        // zxing's finder-pattern detector needs more than one pixel a module; a 1-px image
        // is read as the pure barcode it is.
        Map<DecodeHintType, Object> hints = qr.sizePx() == (17 + 4 * qr.qrVersion() + 8)
                ? Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)
                : Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        return new QRCodeReader().decode(bitmap, hints).getText();
    }

    @ParameterizedTest
    @EnumSource(Ecc.class)
    void everyLevelAndModuleSizeDecodesBackToTheText(Ecc ecc) throws Exception {
        // As codes are issued: about one symbol in a hundred is one zxing's detector cannot
        // locate whoever renders it, so issuance takes one that reads back (QrReadBack).
        String url;
        do {
            url = ScanUrl.scanUrl(LOCAL_BASE, token());
        } while (!QrReadBack.readsBack(url, ecc, 8));
        for (int modulePx : new int[] {1, 2, 3, 5, 8, 13}) {
            QrPng qr = QrImage.render(url, ecc, modulePx);
            assertEquals(url, decode(qr), ecc + " at " + modulePx + " px");
            assertEquals(QrImage.qrVersionFor(url, ecc), qr.qrVersion());
            assertEquals((17 + 4 * qr.qrVersion() + 8) * modulePx, qr.sizePx());
        }
    }

    @Test
    void lowercaseAndNonAsciiTextDecodesBackInByteMode() throws Exception {
        String text = "https://gg.example.cn/s/hello?x=1 群";
        assertEquals(text, decode(QrImage.render(text, Ecc.M, 4)));
    }

    static String shortToken(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        KeyRing ring = KeyRing.of(new SigningKey(1 + random.nextInt(255), secret, false));
        long expiry = random.nextBoolean() ? ScanToken.NEVER : 1 + (random.nextLong() >>> 33);
        return TokenCodec.issueShort(ring, Id.random(), Id.random(), expiry, random);
    }

    @Test
    void groupCodeScanUrlWithA24CharacterBaseIsQrVersion4AtLevelM() throws Exception {
        assertEquals(24, LOCAL_BASE.length());
        assertEquals(24, SHORT_BASE.length());
        SecureRandom random = new SecureRandom();
        for (String base : new String[] {LOCAL_BASE, SHORT_BASE}) {
            for (int i = 0; i < 500; i++) {
                String url = ScanUrl.scanUrl(base, shortToken(random));
                assertEquals(90, url.length());
                // zxing's own encoder, as every renderer here uses it, picks the smallest version.
                QRCode code = Encoder.encode(url, ErrorCorrectionLevel.M);
                assertEquals(Mode.ALPHANUMERIC, code.getMode(), url);
                assertEquals(4, code.getVersion().getVersionNumber(), url);
                assertEquals(4, QrImage.qrVersionFor(url, Ecc.M), url);
            }
        }
    }

    /** template.yaml's default ScanBaseUrl: what a deployment gets unless it names its own. */
    static String templateDefaultScanBase() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "template.yaml above the working directory");
        Matcher m = Pattern.compile("(?m)^  ScanBaseUrl:\\n(?:    .*\\n)*?    Default: (\\S+)")
                .matcher(Files.readString(dir.resolve("template.yaml")));
        assertTrue(m.find(), "ScanBaseUrl has a default in template.yaml");
        return m.group(1);
    }

    @Test
    void templatesDefaultScanBaseGivesGroupCodesQrVersion4AtLevelM() throws Exception {
        String base = templateDefaultScanBase();
        assertTrue(base.length() <= 24, base + " is longer than 24 characters");
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            String url = ScanUrl.scanUrl(base, shortToken(random));
            assertEquals(4, QrImage.qrVersionFor(url, Ecc.M), url);
        }
    }

    @Test
    void shortScanUrlOfA24CharacterBaseDecodesBackAtVersion4() throws Exception {
        String url;
        do {
            url = ScanUrl.scanUrl(SHORT_BASE, shortToken(new SecureRandom()));
        } while (!QrReadBack.readsBack(url, Ecc.M, 8));
        QrPng qr = QrImage.render(url, Ecc.M, 8);
        assertEquals(4, qr.qrVersion());
        assertEquals(url, decode(qr));
    }

    @Test
    void v1ScanUrlWithA24CharacterBaseStillFitsVersion5AtLevelM() throws Exception {
        for (String base : new String[] {LOCAL_BASE, SHORT_BASE}) {
            for (int i = 0; i < 20; i++) {
                String url = ScanUrl.scanUrl(base, token());
                assertEquals(111, url.length());
                int version = QrImage.qrVersionFor(url, Ecc.M);
                assertTrue(version <= 5, url + " needs version " + version);
            }
        }
    }

    @Test
    void pngIsOneBitGrayscaleWithOnlyCriticalChunksAndValidCrcs() {
        byte[] png = QrImage.render(ScanUrl.scanUrl(SHORT_BASE, token()), Ecc.M, 8).png();
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, Arrays.copyOf(png, 8));
        StringBuilder types = new StringBuilder();
        int at = 8;
        while (at < png.length) {
            int length = ((png[at] & 0xFF) << 24) | ((png[at + 1] & 0xFF) << 16) | ((png[at + 2] & 0xFF) << 8)
                    | (png[at + 3] & 0xFF);
            String type = new String(png, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            types.append(type).append(' ');
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, 4 + length);
            int stored = ((png[at + 8 + length] & 0xFF) << 24) | ((png[at + 9 + length] & 0xFF) << 16)
                    | ((png[at + 10 + length] & 0xFF) << 8) | (png[at + 11 + length] & 0xFF);
            assertEquals((int) crc.getValue(), stored, type + " CRC");
            if (type.equals("IHDR")) {
                assertEquals(1, png[at + 8 + 8], "bit depth");
                assertEquals(0, png[at + 8 + 9], "colour type");
            }
            at += 12 + length;
        }
        assertEquals("IHDR IDAT IEND ", types.toString());
    }

    @Test
    void pngIsNoLargerThanQrencodeForTheSameUrl() {
        // Sizes of `qrencode -l M -s 8 -m 4 -o out.png URL` (qrencode 4.1.1) for these URLs.
        String token = "3TSX5L43VRA45EX4EK3WEMOZWPVE3E3J3OFF6OWL5YHJO7YDDP5NG3WIIATDICX3P6OJW54TDEB2EBQPO7HXVKQ";
        Map<String, Integer> qrencodeBytes = Map.of(LOCAL_BASE, 551, SHORT_BASE, 556);
        qrencodeBytes.forEach((base, limit) -> {
            QrPng qr = QrImage.render(base + token, Ecc.M, 8);
            assertEquals(360, qr.sizePx());
            assertTrue(qr.byteCount() <= limit, base + ": " + qr + " vs qrencode " + limit);
        });
    }

    @Test
    void renderRejectsBadArgumentsNamingThem() {
        assertMessageNames("modulePx", () -> QrImage.render("A", Ecc.M, 0));
        assertMessageNames("modulePx", () -> QrImage.render("A", Ecc.M, 41));
        assertMessageNames("text", () -> QrImage.render(null, Ecc.M, 4));
        assertMessageNames("text", () -> QrImage.render("", Ecc.M, 4));
        assertMessageNames("ecc", () -> QrImage.render("A", null, 4));
        assertMessageNames("text", () -> QrImage.render("9".repeat(8000), Ecc.H, 4));
    }

    static void assertMessageNames(String argument, org.junit.jupiter.api.function.Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(argument),
                "message should name " + argument + ": " + e.getMessage());
    }
}
