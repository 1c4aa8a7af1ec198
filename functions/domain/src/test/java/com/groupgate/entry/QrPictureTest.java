package com.groupgate.entry;

import static com.groupgate.entry.QrPictures.encode;
import static com.groupgate.entry.QrPictures.photographed;
import static com.groupgate.entry.QrPictures.qr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
}
