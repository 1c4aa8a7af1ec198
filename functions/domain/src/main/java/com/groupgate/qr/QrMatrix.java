package com.groupgate.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.Map;
import java.util.Objects;

/**
 * The modules of a QR symbol, without its quiet zone: what every design (PNG, SVG, PDF)
 * draws, so that all formats carry the very same symbol.
 */
public final class QrMatrix {
    private final boolean[] dark;
    private final int size;
    private final int version;
    private final Ecc ecc;
    private final int mask;

    private QrMatrix(boolean[] dark, int size, int version, Ecc ecc, int mask) {
        this.dark = dark;
        this.size = size;
        this.version = version;
        this.ecc = ecc;
        this.mask = mask;
    }

    /**
     * The symbol of {@code text} at level {@code ecc}, as {@link QrImage} encodes it.
     *
     * @throws IllegalArgumentException when the text is empty or does not fit version 40 at that level
     */
    public static QrMatrix encode(String text, Ecc ecc) {
        return of(QrImage.encode(text, Objects.requireNonNull(ecc, "ecc")), ecc);
    }

    /**
     * The symbol of {@code text} at level {@code ecc} with mask pattern {@code mask} (0..7)
     * rather than the one zxing judges best: the same data, every module of the data area
     * flipped differently. A symbol whose pattern a reader's detector misses (about one in a
     * hundred) usually reads with another mask.
     */
    public static QrMatrix encode(String text, Ecc ecc, int mask) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ecc, "ecc");
        if (mask < 0 || mask > 7) {
            throw new IllegalArgumentException("mask must be 0..7, was " + mask);
        }
        try {
            return of(Encoder.encode(text, ecc.zxing(), Map.of(EncodeHintType.CHARACTER_SET, "UTF-8",
                    EncodeHintType.QR_MASK_PATTERN, mask)), ecc);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code at level " + ecc + ": " + e.getMessage(), e);
        }
    }

    private static QrMatrix of(QRCode code, Ecc ecc) {
        ByteMatrix m = code.getMatrix();
        int n = m.getWidth();
        boolean[] dark = new boolean[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                dark[y * n + x] = m.get(x, y) == 1;
            }
        }
        return new QrMatrix(dark, n, code.getVersion().getVersionNumber(), ecc, code.getMaskPattern());
    }

    /** Modules on a side (21 for version 1, 4 more per version). */
    public int size() {
        return size;
    }

    public int version() {
        return version;
    }

    public Ecc ecc() {
        return ecc;
    }

    /** The mask pattern (0..7) applied to the data modules. */
    public int mask() {
        return mask;
    }

    /** Whether the module at column {@code x}, row {@code y} (0..size-1) is dark. */
    public boolean dark(int x, int y) {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            throw new IndexOutOfBoundsException("module (" + x + ", " + y + ") outside a " + size + "-module symbol");
        }
        return dark[y * size + x];
    }
}
