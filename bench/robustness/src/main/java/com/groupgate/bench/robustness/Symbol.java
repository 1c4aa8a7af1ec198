package com.groupgate.bench.robustness;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import com.groupgate.qr.Ecc;
import com.groupgate.qr.Medium;
import java.util.Map;

/**
 * A QR symbol as printed: its modules, its quiet zone and the physical size of a module,
 * centred in a square of {@code targetMm} whose rest is blank paper (as zxing's
 * {@code QRCodeWriter} pads an image that is not a whole number of modules).
 */
record Symbol(String text, boolean[][] dark, int qrVersion, String ecc, int quietZoneModules, double moduleMm,
              double targetMm) {
    /** zxing's {@code QRCodeWriter} without hints: level L, a 4-module quiet zone. */
    static final int ZXING_DEFAULT_QUIET_ZONE = 4;

    /** How GroupGate renders {@code text} for {@code medium} (the encoding of {@code QrImage}). */
    static Symbol preset(String text, Medium medium) {
        return encoded(text, medium.ecc(), medium.quietZoneModules(), medium);
    }

    /**
     * {@code text} at level {@code ecc} with a quiet zone of {@code quietZoneModules}, filling
     * {@code sizeOf}'s printed square with whole-pixel modules at its resolution: a candidate
     * preset.
     */
    static Symbol encoded(String text, Ecc ecc, int quietZoneModules, Medium sizeOf) {
        QRCode code = encode(text, ErrorCorrectionLevel.valueOf(ecc.name()),
                Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"));
        int modulesAcross = code.getMatrix().getWidth() + 2 * quietZoneModules;
        int modulePx = Math.max(1, sizeOf.sizePx() / modulesAcross);
        return new Symbol(text, modules(code.getMatrix()), code.getVersion().getVersionNumber(), ecc.name(),
                quietZoneModules, modulePx * 25.4 / sizeOf.dpi(), sizeOf.sizeMm());
    }

    /**
     * What {@code new QRCodeWriter().encode(text, QR_CODE, side, side)} draws for the same
     * printed square at the same resolution: level L, quiet zone 4, the largest whole number
     * of pixels a module that fits.
     */
    static Symbol zxingDefault(String text, Medium sameSizeAs) {
        QRCode code = encode(text, ErrorCorrectionLevel.L, Map.of());
        int modulesAcross = code.getMatrix().getWidth() + 2 * ZXING_DEFAULT_QUIET_ZONE;
        int modulePx = Math.max(1, sameSizeAs.sizePx() / modulesAcross);
        return new Symbol(text, modules(code.getMatrix()), code.getVersion().getVersionNumber(), "L",
                ZXING_DEFAULT_QUIET_ZONE, modulePx * 25.4 / sameSizeAs.dpi(), sameSizeAs.sizeMm());
    }

    private static QRCode encode(String text, ErrorCorrectionLevel level, Map<EncodeHintType, ?> hints) {
        try {
            return Encoder.encode(text, level, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("does not fit a QR code: " + text, e);
        }
    }

    private static boolean[][] modules(ByteMatrix matrix) {
        boolean[][] dark = new boolean[matrix.getHeight()][matrix.getWidth()];
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                dark[y][x] = matrix.get(x, y) == 1;
            }
        }
        return dark;
    }

    /** Modules across the symbol, quiet zone excluded. */
    int modules() {
        return dark.length;
    }

    /** Side of the symbol, quiet zone excluded, in millimetres. */
    double symbolMm() {
        return modules() * moduleMm;
    }

    /**
     * Whether the point ({@code xMm}, {@code yMm}), from the centre of the printed square
     * (y downwards), is on a dark module; the quiet zone and the padding are light.
     */
    boolean darkAt(double xMm, double yMm) {
        double half = symbolMm() / 2;
        int column = (int) Math.floor((xMm + half) / moduleMm);
        int row = (int) Math.floor((yMm + half) / moduleMm);
        return row >= 0 && column >= 0 && row < modules() && column < modules() && dark[row][column];
    }
}
