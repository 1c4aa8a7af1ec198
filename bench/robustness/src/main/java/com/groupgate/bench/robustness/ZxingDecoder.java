package com.groupgate.bench.robustness;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;

/**
 * zxing's {@code QRCodeReader} over its {@code HybridBinarizer}, as phone scanners built on
 * zxing run it; with {@code TRY_HARDER} the finder-pattern search visits every row instead
 * of skipping some (the mode a server-side check or a still photo uses).
 */
final class ZxingDecoder implements QrDecoder {
    private final boolean tryHarder;
    private final Map<DecodeHintType, Object> hints;

    ZxingDecoder(boolean tryHarder) {
        this.tryHarder = tryHarder;
        this.hints = tryHarder ? Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE) : Map.of();
    }

    @Override
    public String name() {
        return tryHarder ? "zxing TRY_HARDER" : "zxing";
    }

    @Override
    public boolean reads(Camera.Photo photo, String expected) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new PlanarYUVLuminanceSource(photo.gray(),
                photo.width(), photo.height(), 0, 0, photo.width(), photo.height(), false)));
        try {
            return expected.equals(new QRCodeReader().decode(bitmap, hints).getText());
        } catch (ReaderException e) {
            return false;
        }
    }
}
