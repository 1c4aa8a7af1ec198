package com.groupgate.design;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a rendered design reads back as its code's text: zxing's QR reader on the design's
 * luminance, the hybrid binarizer first (uneven light) and the global one second, as a phone
 * camera app reads a clean print. A design that fails is never served.
 */
public final class DesignReadBack {
    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

    private DesignReadBack() {
    }

    /**
     * Whether the grey picture {@code luminance} ({@code width} × {@code height}, one byte a
     * pixel, row by row, 0 black) holds a QR symbol that decodes to exactly {@code text}.
     */
    public static boolean reads(byte[] luminance, int width, int height, String text) {
        Objects.requireNonNull(text, "text");
        if (luminance.length != width * height) {
            throw new IllegalArgumentException("luminance has " + luminance.length + " bytes for " + width + " x " + height);
        }
        LuminanceSource source = new PlanarYUVLuminanceSource(luminance, width, height, 0, 0, width, height, false);
        return text.equals(decode(new BinaryBitmap(new HybridBinarizer(source))))
                || text.equals(decode(new BinaryBitmap(new GlobalHistogramBinarizer(source))));
    }

    private static String decode(BinaryBitmap bitmap) {
        try {
            return new QRCodeReader().decode(bitmap, HINTS).getText();
        } catch (ReaderException e) {
            return null;
        }
    }
}
