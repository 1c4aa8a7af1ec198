package com.groupgate.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QrMatrixTest {
    private static final String URL = "HTTPS://GG.EXAMPLE.COM/S/2AB3CD4EF5GH6JK7LM8NP9QR2ST3UV4WX5YZ6";

    @Test
    void everyMaskCarriesTheSameTextInOtherModules() throws Exception {
        QrMatrix chosen = QrMatrix.encode(URL, Ecc.Q);
        for (int mask = 0; mask < 8; mask++) {
            QrMatrix m = QrMatrix.encode(URL, Ecc.Q, mask);
            assertEquals(mask, m.mask());
            assertEquals(chosen.size(), m.size());
            assertEquals(URL, read(m), "mask " + mask);
            if (mask != chosen.mask()) {
                assertNotEquals(Arrays.hashCode(picture(chosen, 1)), Arrays.hashCode(picture(m, 1)), "mask " + mask);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> QrMatrix.encode(URL, Ecc.Q, 8));
    }

    private static String read(QrMatrix m) throws Exception {
        int px = 4;
        int side = (m.size() + 8) * px;
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new PlanarYUVLuminanceSource(
                picture(m, px), side, side, 0, 0, side, side, false)))).getText();
    }

    private static byte[] picture(QrMatrix m, int px) {
        int side = (m.size() + 8) * px;
        byte[] gray = new byte[side * side];
        Arrays.fill(gray, (byte) 0xFF);
        for (int y = 0; y < m.size(); y++) {
            for (int x = 0; x < m.size(); x++) {
                if (m.dark(x, y)) {
                    for (int dy = 0; dy < px; dy++) {
                        Arrays.fill(gray, ((y + 4) * px + dy) * side + (x + 4) * px, ((y + 4) * px + dy) * side
                                + (x + 5) * px, (byte) 0);
                    }
                }
            }
        }
        return gray;
    }
}
