package com.groupgate.qr;

import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.QRCode;
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

    private QrMatrix(boolean[] dark, int size, int version, Ecc ecc) {
        this.dark = dark;
        this.size = size;
        this.version = version;
        this.ecc = ecc;
    }

    /**
     * The symbol of {@code text} at level {@code ecc}, as {@link QrImage} encodes it.
     *
     * @throws IllegalArgumentException when the text is empty or does not fit version 40 at that level
     */
    public static QrMatrix encode(String text, Ecc ecc) {
        QRCode code = QrImage.encode(text, Objects.requireNonNull(ecc, "ecc"));
        ByteMatrix m = code.getMatrix();
        int n = m.getWidth();
        boolean[] dark = new boolean[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                dark[y * n + x] = m.get(x, y) == 1;
            }
        }
        return new QrMatrix(dark, n, code.getVersion().getVersionNumber(), ecc);
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

    /** Whether the module at column {@code x}, row {@code y} (0..size-1) is dark. */
    public boolean dark(int x, int y) {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            throw new IndexOutOfBoundsException("module (" + x + ", " + y + ") outside a " + size + "-module symbol");
        }
        return dark[y * size + x];
    }
}
