package com.groupgate.qr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrReadBackTest {
    private static String randomScanUrl(Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder url = new StringBuilder("HTTP://127.0.0.1:3000/S/");
        for (int i = 0; i < 87; i++) {
            url.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return url.toString();
    }

    private static boolean pngDecodes(String text) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(QrImage.render(text, Ecc.M, 8).png()));
        try {
            return text.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image)))).getText());
        } catch (com.google.zxing.ReaderException e) {
            return false;
        }
    }

    @Test
    void whatPassesTheCheckDecodesFromTheRenderedPng() throws Exception {
        Random random = new Random(7);
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            String url = randomScanUrl(random);
            if (QrReadBack.readsBack(url, Ecc.M, 8)) {
                assertTrue(pngDecodes(url), url);
            } else {
                refused++;
            }
        }
        assertTrue(refused > 0, "the sample should hold a symbol the detector misses, or the check proves nothing");
        assertTrue(refused < 20, "the check refuses far more than the detector misses: " + refused);
    }
}
