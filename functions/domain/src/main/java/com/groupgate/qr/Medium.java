package com.groupgate.qr;

import java.util.Locale;
import java.util.Optional;

/**
 * Print and screen presets: for a viewing distance, the error correction, the module's size
 * (in millimetres, and in pixels at the medium's resolution), the quiet zone, and the PDF
 * page a design of it is laid out on.
 *
 * <p>A module should be about 1/100 of the distance it is read from (a phone camera resolves
 * a 1 mm module at 10–20 cm); print adds ink spread, screens moiré, hence more error
 * correction where the medium is rougher or more likely to be damaged.
 */
public enum Medium {
    /** A phone or monitor, read at arm's length: 8 px modules at 96 dpi. */
    SCREEN(Ecc.M, 2.1, 96, 4, 105, 148),
    /** A flyer or table tent read at 20–30 cm: 1 mm modules at 300 dpi, A5. */
    FLYER(Ecc.Q, 1.0, 300, 4, 148, 210),
    /** A poster read at 1–2 m: 3 mm modules at 150 dpi, A3. */
    POSTER(Ecc.Q, 3.0, 150, 4, 297, 420),
    /** A billboard read at 10 m and more, weathered: 20 mm modules at 25 dpi, A0 tiles. */
    BILLBOARD(Ecc.H, 20.0, 25, 4, 841, 1189),
    /** A small sticker, scuffed and curved: 0.6 mm modules at 600 dpi, a 60 mm square. */
    STICKER(Ecc.H, 0.6, 600, 4, 60, 60);

    private final Ecc ecc;
    private final double moduleMm;
    private final int dpi;
    private final int quietZoneModules;
    private final double pageWidthMm;
    private final double pageHeightMm;

    Medium(Ecc ecc, double moduleMm, int dpi, int quietZoneModules, double pageWidthMm, double pageHeightMm) {
        this.ecc = ecc;
        this.moduleMm = moduleMm;
        this.dpi = dpi;
        this.quietZoneModules = quietZoneModules;
        this.pageWidthMm = pageWidthMm;
        this.pageHeightMm = pageHeightMm;
    }

    /** The medium named {@code text} (lowercase, as the API takes it), if any. */
    public static Optional<Medium> parse(String text) {
        for (Medium m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public Ecc ecc() {
        return ecc;
    }

    public double moduleMm() {
        return moduleMm;
    }

    public int dpi() {
        return dpi;
    }

    /** The module's side in pixels at {@link #dpi()}, at least 1. */
    public int modulePx() {
        return Math.max(1, (int) Math.round(moduleMm / 25.4 * dpi));
    }

    public int quietZoneModules() {
        return quietZoneModules;
    }

    public double pageWidthMm() {
        return pageWidthMm;
    }

    public double pageHeightMm() {
        return pageHeightMm;
    }

    /** The name the API takes, lowercase. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
