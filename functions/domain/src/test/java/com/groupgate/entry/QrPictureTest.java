package com.groupgate.entry;

import static com.groupgate.entry.QrPictures.encode;
import static com.groupgate.entry.QrPictures.photographed;
import static com.groupgate.entry.QrPictures.qr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Group QR pictures as tenants upload them: clean renders, phone photos at an angle, and what is not one. */
class QrPictureTest {
    static final String WECHAT = QrPictures.WECHAT;

    @Test
    void aPngAndAJpegOfAGroupQrDecodeToItsPayload() throws Exception {
        for (String format : new String[] {"png", "jpg"}) {
            byte[] bytes = encode(qr(WECHAT, 400), format);
            QrPicture.Decoded d = assertInstanceOf(QrPicture.Decoded.class, QrPicture.read(bytes), format);
            assertEquals(WECHAT, d.payload());
            assertEquals(Optional.of(format.equals("png") ? "image/png" : "image/jpeg"), QrPicture.contentTypeOf(bytes));
        }
    }

    @Test
    void aPhotoTurnedTenDegreesAndScaledDownStillDecodes() throws Exception {
        byte[] photo = encode(photographed(qr(WECHAT, 600), 10, 0.55), "jpg");
        assertEquals(new QrPicture.Decoded(WECHAT), QrPicture.read(photo));
        byte[] large = encode(photographed(qr(WECHAT, 1800), -10, 1.0), "jpg");
        assertEquals(new QrPicture.Decoded(WECHAT), QrPicture.read(large));
    }

    @Test
    void aPictureWithoutAQrCodeIsNone() throws Exception {
        assertInstanceOf(QrPicture.NoQrCode.class, QrPicture.read(encode(QrPictures.noQrCode(), "png")));
        assertInstanceOf(QrPicture.NotAnImage.class, QrPicture.read("GIF89a not really".getBytes()));
        assertEquals(Optional.empty(), QrPicture.contentTypeOf("GIF89a".getBytes()));
    }

    @Test
    void aSmallFileThatUnpacksIntoTooManyPixelsIsRefusedUndecoded() throws Exception {
        BufferedImage huge = new BufferedImage(7000, 7000, BufferedImage.TYPE_BYTE_BINARY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(huge, "png", out);
        assertInstanceOf(QrPicture.TooLarge.class, QrPicture.read(out.toByteArray()));
    }

    /** The plan {@code bytes} get from their header alone, or the refusal. */
    private static QrPicture.Plan plan(byte[] bytes) {
        QrPicture.Plan[] plan = new QrPicture.Plan[1];
        QrPicture.Reading refused = QrPicture.plan(bytes, p -> plan[0] = p);
        assertEquals(null, refused, "refused: " + refused);
        return plan[0];
    }

    @Test
    void aSixteenBitRgbaBombUnderTheMegapixelCapIsRefusedFromItsHeader() {
        byte[] bomb = QrPictures.blankPng(6320, 6320, 16, 6);
        assertTrue(bomb.length < 400_000, "the bomb is a small file: " + bomb.length);
        QrPicture.TooLarge refused = assertInstanceOf(QrPicture.TooLarge.class, QrPicture.plan(bomb, p -> {
            throw new AssertionError("a bomb gets no decoding plan: " + p);
        }));
        assertTrue(refused.why().contains("6320x6320 at 64 bits"), refused.why());
        assertInstanceOf(QrPicture.TooLarge.class, QrPicture.read(bomb));
    }

    @Test
    void aHugeJpegIsRefusedFromItsHeader() {
        BufferedImage wide = new BufferedImage(7000, 3600, BufferedImage.TYPE_INT_RGB);
        QrPicture.TooLarge refused = assertInstanceOf(QrPicture.TooLarge.class,
                QrPicture.read(encode(wide, "jpg")));
        assertTrue(refused.why().contains("7000x3600 at 24 bits"), refused.why());
    }

    @Test
    void aJpegOfManyProgressiveScansIsRefusedUndecoded() {
        byte[] photo = encode(qr(WECHAT, 300), "jpg");
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        bomb.writeBytes(java.util.Arrays.copyOf(photo, photo.length - 2));
        for (int i = 0; i < 200; i++) {
            bomb.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0});
        }
        bomb.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        QrPicture.TooLarge refused = assertInstanceOf(QrPicture.TooLarge.class, QrPicture.read(bomb.toByteArray()));
        assertTrue(refused.why().contains("scans"), refused.why());
        assertEquals(1, QrPicture.jpegScans(photo), "a baseline JPEG has one scan");
    }

    @Test
    void aLargePhotoIsSubsampledWhileDecodedAndItsQrStillReads() {
        byte[] photo = encode(photographed(qr(WECHAT, 2600), 8, 1.0), "jpg");
        QrPicture.Plan plan = plan(photo);
        assertEquals(4160, plan.width());
        assertEquals(24, plan.bitsPerPixel());
        assertEquals(4, plan.subsampling(), "4160 px subsampled to at most 1200 on the long side");
        assertEquals(new QrPicture.Decoded(WECHAT), QrPicture.read(photo));
    }

    @Test
    void sixteenBitSamplesAreSubsampledToBoundTheDecodedRasterAndStillRead() {
        byte[] deep = QrPictures.png16(qr(WECHAT, 1600));
        QrPicture.Plan plan = plan(deep);
        assertEquals(64, plan.bitsPerPixel());
        assertEquals(2, plan.subsampling(), "1600 px at 8 bytes is 20 MiB; every second pixel is 5 MiB");
        assertEquals(new QrPicture.Decoded(WECHAT), QrPicture.read(deep));
    }

    @Test
    void aWechatScreenshotIsDecodedWhole() {
        byte[] screenshot = encode(qr(WECHAT, 430), "png");
        assertEquals(1, plan(screenshot).subsampling());
        assertEquals(new QrPicture.Decoded(WECHAT), QrPicture.read(screenshot));
    }

    @Test
    void theSubsamplingBoundsBothTheLongSideAndTheRaster() {
        assertEquals(1, QrPicture.subsampling(1200, 1000, 32));
        assertEquals(2, QrPicture.subsampling(1201, 1000, 32));
        assertEquals(1, QrPicture.subsampling(1200, 1200, 64), "1200x1200 at 8 bytes is 11 MiB");
        assertEquals(6, QrPicture.subsampling(6320, 6320, 64), "1054 px on the long side");
        assertEquals(2, QrPicture.subsampling(1600, 1600, 64));
    }

    @Test
    void aPngOverItsSampleBudgetIsRefusedUndecodedWhereAJpegOfTheSameSizeIsRead() {
        BufferedImage big = new BufferedImage(3000, 3000, BufferedImage.TYPE_INT_RGB);
        QrPicture.TooLarge png = assertInstanceOf(QrPicture.TooLarge.class, QrPicture.read(encode(big, "png")));
        assertTrue(png.why().contains("24 MiB"), png.why());
        assertInstanceOf(QrPicture.NoQrCode.class, QrPicture.read(encode(big, "jpg")));
    }

    @Test
    void aLargeProgressiveJpegIsRefusedUndecodedWhereASmallOneReads() {
        byte[] large = QrPictures.progressiveJpeg(photographed(qr(WECHAT, 1500), 5, 1.0));
        assertTrue(QrPicture.jpegProgressive(large));
        QrPicture.TooLarge refused = assertInstanceOf(QrPicture.TooLarge.class, QrPicture.read(large));
        assertTrue(refused.why().contains("8 MiB"), refused.why());
        byte[] small = QrPictures.progressiveJpeg(qr(WECHAT, 900));
        assertEquals(new QrPicture.Decoded(WECHAT), QrPicture.read(small));
        assertEquals(false, QrPicture.jpegProgressive(encode(qr(WECHAT, 300), "jpg")));
    }
}
