package com.groupgate.entry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** An uploaded logo or poster template: its type, size and sides are known before any pixel is decoded. */
class UploadedPictureTest {
    private static final byte[] PNG = QrPictures.encode(new BufferedImage(320, 400, BufferedImage.TYPE_INT_RGB), "png");
    private static final byte[] JPEG = QrPictures.encode(new BufferedImage(320, 400, BufferedImage.TYPE_INT_RGB), "jpg");

    @Test
    void aPictureOfTheDeclaredTypeIsReadForItsSidesFromItsHeader() {
        UploadedPicture picture = UploadedPicture.check("Image/PNG; charset=binary", () -> PNG, 1 << 20);
        assertEquals("image/png", picture.contentType());
        assertEquals(320, picture.width());
        assertEquals(400, picture.height());
        assertArrayEquals(PNG, picture.file());
        assertEquals("image/jpeg", UploadedPicture.check("image/jpeg", () -> JPEG, 1 << 20).contentType());
    }

    @Test
    void anotherTypeIsRefusedBeforeTheBodyIsRead() {
        RefusalException e = assertThrows(RefusalException.class,
                () -> UploadedPicture.check("image/gif", () -> fail("the body was read"), 1 << 20));
        assertEquals(Refusal.UNSUPPORTED_MEDIA_TYPE, e.refusal());
        assertEquals("body", e.field());
        assertEquals(Refusal.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(RefusalException.class, () -> UploadedPicture.check(null, () -> PNG, 1 << 20)).refusal());
    }

    @Test
    void aFilePastTheLimitIsRefusedNamingTheLimit() {
        RefusalException mib = assertThrows(RefusalException.class, () -> UploadedPicture.check("image/png",
                () -> new byte[2 * 1024 * 1024 + 1], 2 * 1024 * 1024));
        assertEquals(Refusal.PAYLOAD_TOO_LARGE, mib.refusal());
        assertEquals("body: larger than 2 MiB", mib.getMessage());
        RefusalException kib = assertThrows(RefusalException.class, () -> UploadedPicture.check("image/png",
                () -> new byte[512 * 1024 + 1], 512 * 1024));
        assertEquals("body: larger than 512 KiB", kib.getMessage());
    }

    @Test
    void bytesOfAnotherTypeThanDeclaredAreRefused() {
        RefusalException e = assertThrows(RefusalException.class, () -> UploadedPicture.check("image/jpeg", () -> PNG, 1 << 20));
        assertEquals(Refusal.UNSUPPORTED_MEDIA_TYPE, e.refusal());
        assertEquals("body: the bytes are not a JPEG picture", e.getMessage());
        assertEquals(Refusal.UNSUPPORTED_MEDIA_TYPE, assertThrows(RefusalException.class,
                () -> UploadedPicture.check("image/png", () -> new byte[0], 1 << 20)).refusal());
    }
}
