package com.groupgate.batch;

import com.groupgate.qr.Medium;
import com.groupgate.qr.QrImage;
import java.util.Set;

/**
 * Batch files as plain 1-bit PNGs ({@link QrImage}) at the medium's error correction and
 * module size: the symbol alone, the label left to the manifest. The designs module's
 * renderer draws PNG rows with it too, so a PNG in the ZIP is the code's own image.
 */
public final class PngDesigns implements DesignRenderer {
    @Override
    public Set<PrintFormat> formats() {
        return Set.of(PrintFormat.PNG);
    }

    @Override
    public byte[] render(String scanUrl, Medium medium, PrintFormat format, String label) {
        if (format != PrintFormat.PNG) {
            throw new IllegalArgumentException("PngDesigns draws png only, not " + format.wireName());
        }
        return QrImage.render(scanUrl, medium.ecc(), modulePx(scanUrl, medium)).png();
    }

    /** The module size a code of {@code scanUrl} gets at {@code medium} (its QR version decides). */
    public static int modulePx(String scanUrl, Medium medium) {
        return Math.min(QrImage.MAX_MODULE_PX, medium.modulePx(QrImage.qrVersionFor(scanUrl, medium.ecc())));
    }
}
