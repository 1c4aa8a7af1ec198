package com.groupgate.designs;

import com.groupgate.design.DesignLayout;
import com.groupgate.error.RefusalException;
import com.groupgate.qr.Medium;
import com.groupgate.qr.QrMatrix;
import java.util.Locale;

/**
 * Whether a frame text can be read where its design hangs. The text is drawn on one line,
 * at half the frame's band, smaller when it would be wider than the design; so a long text
 * prints small. It must print at least {@link #EM_PER_VIEWING_DISTANCE} of the medium's
 * viewing distance high (its em): three times the 5′ letter that 20/20 vision just
 * resolves, a size read without effort. What fits depends on the medium and on the code's
 * version (its modules across); README's Designs section lists the measured limits.
 */
final class FrameFit {
    /** The smallest em, as a share of the viewing distance: 3 × 5 arc minutes ≈ 1/230. */
    static final double EM_PER_VIEWING_DISTANCE = 1 / 230.0;

    private FrameFit() {
    }

    /** The printed em of {@code text} in the frame of {@code q}'s design of {@code scanUrl}, in millimetres. */
    static double emMm(DesignQuery q, String scanUrl, String text) {
        QrMatrix matrix = QrMatrix.encode(scanUrl, Designer.ecc(q));
        DesignLayout layout = DesignLayout.of(matrix, q.medium().quietZoneModules(), q.logo(), true);
        double modules = new Drawing(layout, matrix, q.colours(), null, text).frameTextSize();
        return modules * q.medium().moduleMm(matrix.version());
    }

    /** The smallest em readable from {@code medium}'s viewing distance, in millimetres. */
    static double minEmMm(Medium medium) {
        return medium.viewingDistanceMm() * EM_PER_VIEWING_DISTANCE;
    }

    /** Refuses (400 naming {@code frameText}) a text that would print too small to read on this design. */
    static void require(DesignQuery q, String scanUrl, String text) {
        double em = emMm(q, scanUrl, text);
        double min = minEmMm(q.medium());
        if (em < min) {
            throw RefusalException.badField(FrameTextParam.FIELD, String.format(Locale.ROOT,
                    "too long to read on a %s: it would print %.1f mm high, and read from %d cm it needs %.1f mm;"
                            + " shorten it", q.medium().name().toLowerCase(Locale.ROOT), em,
                    q.medium().viewingDistanceMm() / 10, min));
        }
    }
}
