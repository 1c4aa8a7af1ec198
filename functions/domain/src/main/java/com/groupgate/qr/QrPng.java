package com.groupgate.qr;

import java.util.Arrays;
import java.util.Objects;

/**
 * A rendered QR code: the PNG file, the QR version (1..40) it needed, and its width and
 * height in pixels (it is square, quiet zone included).
 */
public record QrPng(byte[] png, int qrVersion, int sizePx) {
    public QrPng {
        Objects.requireNonNull(png, "png");
        if (qrVersion < 1 || qrVersion > 40) {
            throw new IllegalArgumentException("qrVersion must be 1..40, was " + qrVersion);
        }
        if (sizePx < 1) {
            throw new IllegalArgumentException("sizePx must be positive, was " + sizePx);
        }
        png = png.clone();
    }

    /** A copy of the PNG bytes. */
    @Override
    public byte[] png() {
        return png.clone();
    }

    /** Size of the PNG file in bytes. */
    public int byteCount() {
        return png.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QrPng other && qrVersion == other.qrVersion && sizePx == other.sizePx
                && Arrays.equals(png, other.png);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(png) * 31 + qrVersion;
    }

    @Override
    public String toString() {
        return "QrPng[" + png.length + " bytes, version " + qrVersion + ", " + sizePx + " px]";
    }
}
