package com.groupgate.qr;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a code is shown, and how it is drawn for that place: error correction, the printed
 * size for the distance it is scanned from, the resolution it is rendered at, the quiet zone,
 * and the PDF page it goes on. Phones read a code reliably out to about ten times its width,
 * so each target size is roughly a tenth of the viewing distance.
 *
 * <p>The values are chosen by the robustness benchmark ({@code make robustness-sweep} and
 * {@code make robustness}, tables in BENCHMARKS.md): each candidate is photographed under
 * simulated print and camera damage beside the plain zxing default (level L, 4-module quiet
 * zone) at the same printed size, decoded by zxing and by OpenCV. At the same size, more error
 * correction means more, smaller modules, which read worse when blurred or tilted; level M
 * still fits version 4 for a group code under a base URL of up to 24 characters, so M has the
 * default's module size with the same 4-module quiet zone and reads glare, noise and covered
 * corners better with zxing. A 2-module quiet zone (larger modules in the same square) lost
 * OpenCV's covered corner: a cover spilling over so narrow a margin hides the code's outline
 * from its detector. Stickers keep a 3-module quiet zone, whose modules are a pixel larger at
 * 300 dpi; on posters and billboards 3 modules were not enough. Q and H lose blur and tilt rows.
 *
 * <p>Sizes are of the printed square, quiet zone included (what a layout reserves). Module
 * size depends on the QR version the text needs, so it is computed per version: a whole
 * number of pixels at the medium's resolution, as large as fits the target size.
 */
public enum Medium {
    /** On a phone or monitor; scanned by another phone from about 40 cm. CSS pixels (96 per inch). */
    SCREEN(Ecc.M, 320 * 25.4 / 96, 400, 96, 4, PageSize.A6),
    /** Handouts and table cards, held in the hand: about 35 mm, read from 35 cm. */
    FLYER(Ecc.M, 35, 350, 300, 4, PageSize.A5),
    /** Wall and window posters: about 120 mm, read from 1.2 m. */
    POSTER(Ecc.M, 120, 1200, 300, 4, PageSize.A3),
    /** Banners, hoardings, shop fronts: about 400 mm, read from 4 m; large-format resolution. */
    BILLBOARD(Ecc.M, 400, 4000, 100, 4, PageSize.A1),
    /** Small labels on counters, products and tables: 30 mm from 25 cm. */
    STICKER(Ecc.M, 30, 250, 300, 3, PageSize.STICKER);

    static final double MM_PER_INCH = 25.4;

    private final Ecc ecc;
    private final double sizeMm;
    private final int viewingDistanceMm;
    private final int dpi;
    private final int quietZoneModules;
    private final PageSize page;

    Medium(Ecc ecc, double sizeMm, int viewingDistanceMm, int dpi, int quietZoneModules, PageSize page) {
        this.ecc = ecc;
        this.sizeMm = sizeMm;
        this.viewingDistanceMm = viewingDistanceMm;
        this.dpi = dpi;
        this.quietZoneModules = quietZoneModules;
        this.page = page;
    }

    /**
     * The medium a wire name ({@code screen}, {@code flyer}, {@code poster},
     * {@code billboard}, {@code sticker}; exact lowercase) names, or empty.
     */
    public static Optional<Medium> parse(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        for (Medium medium : values()) {
            if (medium.wireName().equals(wireName)) {
                return Optional.of(medium);
            }
        }
        return Optional.empty();
    }

    /** The name in the API ({@code medium=poster}): the constant in lowercase. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Ecc ecc() {
        return ecc;
    }

    /** Side of the printed code in millimetres, quiet zone included: the target, before rounding modules to pixels. */
    public double sizeMm() {
        return sizeMm;
    }

    /** The distance a phone is expected to scan from, in millimetres. */
    public int viewingDistanceMm() {
        return viewingDistanceMm;
    }

    /** Pixels per inch the image is rendered at (96 for a screen: CSS pixels). */
    public int dpi() {
        return dpi;
    }

    /**
     * Light modules on each side of the symbol: ISO/IEC 18004's 4, except 3 on stickers (for
     * modules a pixel larger in a 30 mm square; both decoders read it beside busy artwork and
     * with a covered corner). 2 was measured and lost covered corners with OpenCV.
     */
    public int quietZoneModules() {
        return quietZoneModules;
    }

    /** The PDF page a design for this medium goes on. */
    public PageSize page() {
        return page;
    }

    /** The target side in pixels at {@link #dpi()}, quiet zone included. */
    public int sizePx() {
        return (int) Math.round(sizeMm / MM_PER_INCH * dpi);
    }

    /**
     * Pixels per module for a symbol of QR version {@code qrVersion} (1..40): the largest whole
     * number that keeps the code, quiet zone included, within {@link #sizePx()}; at least 1.
     */
    public int modulePx(int qrVersion) {
        return Math.max(1, sizePx() / modulesAcross(qrVersion));
    }

    /** Side of one module in millimetres as printed, for a symbol of QR version {@code qrVersion}. */
    public double moduleMm(int qrVersion) {
        return modulePx(qrVersion) * MM_PER_INCH / dpi;
    }

    /** Modules across the printed code, quiet zone included, for QR version {@code qrVersion} (1..40). */
    public int modulesAcross(int qrVersion) {
        if (qrVersion < 1 || qrVersion > 40) {
            throw new IllegalArgumentException("qrVersion must be 1..40, was " + qrVersion);
        }
        return 17 + 4 * qrVersion + 2 * quietZoneModules;
    }

    /** A PDF page size, in PostScript points (1/72 inch); portrait. */
    public record PageSize(String name, float widthPt, float heightPt) {
        public static final PageSize A1 = ofMm("A1", 594, 841);
        public static final PageSize A3 = ofMm("A3", 297, 420);
        public static final PageSize A4 = ofMm("A4", 210, 297);
        public static final PageSize A5 = ofMm("A5", 148, 210);
        public static final PageSize A6 = ofMm("A6", 105, 148);
        /** One square label, 60 mm a side: room for a 30 mm code and a line of text under it. */
        public static final PageSize STICKER = ofMm("60x60mm", 60, 60);

        public PageSize {
            Objects.requireNonNull(name, "name");
            if (!(widthPt > 0) || !(heightPt > 0)) {
                throw new IllegalArgumentException("page sides must be positive, were " + widthPt + " x " + heightPt);
            }
        }

        /** A page {@code widthMm} × {@code heightMm} millimetres. */
        public static PageSize ofMm(String name, double widthMm, double heightMm) {
            return new PageSize(name, (float) (widthMm / MM_PER_INCH * 72), (float) (heightMm / MM_PER_INCH * 72));
        }

        public double widthMm() {
            return widthPt / 72.0 * MM_PER_INCH;
        }

        public double heightMm() {
            return heightPt / 72.0 * MM_PER_INCH;
        }
    }
}
