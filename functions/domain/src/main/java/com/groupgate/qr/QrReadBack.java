package com.groupgate.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import java.util.Arrays;

/**
 * Whether a camera-style QR reader finds and reads the symbol of {@code text}. About one
 * symbol in a hundred of our scan URLs has data whose module pattern zxing's detector does
 * not locate — at any size, and equally when zxing itself renders it — so a code is checked
 * once when it is issued, and re-salted when the check fails: a printed code must scan.
 * The check reads the module matrix directly (no image files, no AWT), like a phone
 * reading a clean print: finder-pattern detection, binarisation, error correction.
 */
public final class QrReadBack {
    /** A small print as a phone sees it, checked besides the image's own module size. */
    private static final int SMALL_PX = 4;

    private QrReadBack() {
    }

    /**
     * Whether the symbol reads back at {@code modulePx} pixels a module (the image handed
     * out) and at a small print's size; detection depends on scale for a few symbols.
     */
    public static boolean readsBack(String text, Ecc ecc, int modulePx) {
        ByteMatrix matrix = QrImage.encode(text, ecc).getMatrix();
        return readsBackAt(text, matrix, modulePx) && (modulePx == SMALL_PX || readsBackAt(text, matrix, SMALL_PX));
    }

    private static boolean readsBackAt(String text, ByteMatrix matrix, int px) {
        int side = (matrix.getWidth() + 2 * QrImage.QUIET_ZONE_MODULES) * px;
        byte[] gray = new byte[side * side];
        Arrays.fill(gray, (byte) 0xFF);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y) == 1) {
                    int top = (y + QrImage.QUIET_ZONE_MODULES) * px;
                    int left = (x + QrImage.QUIET_ZONE_MODULES) * px;
                    for (int dy = 0; dy < px; dy++) {
                        Arrays.fill(gray, (top + dy) * side + left, (top + dy) * side + left + px, (byte) 0);
                    }
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new PlanarYUVLuminanceSource(gray, side, side, 0, 0, side, side, false)));
        try {
            return text.equals(new QRCodeReader().decode(bitmap).getText());
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return false;
        }
    }
}
