package com.groupgate.design;

import com.groupgate.qr.QrMatrix;

/**
 * Where a design's parts go, in modules (one module = 1): the symbol inside its quiet zone,
 * the logo's light square in the middle of the symbol, the frame's band under it. Every
 * format scales this one layout, so PNG, SVG and PDF carry the same picture.
 *
 * <p>The logo square has an odd side, as every symbol does (21 + 4 per version), so it sits
 * on whole modules, and covers at most {@link #MAX_LOGO_SHARE} of the symbol's area: the
 * modules under it are lost, which error correction H (about 30 % of codewords) absorbs
 * with room for a camera's own errors.
 *
 * @param modules    modules on a side of the symbol
 * @param quietZone  light modules around it
 * @param logoSide   the logo square's side in modules (0: no logo)
 * @param frameBand  the frame's band under the quiet zone, in modules (0: no frame)
 */
public record DesignLayout(int modules, int quietZone, int logoSide, int frameBand) {
    /** The logo's share of the symbol's area, at most. */
    public static final double MAX_LOGO_SHARE = 0.20;

    public DesignLayout {
        if (modules < 21 || quietZone < 0 || logoSide < 0 || frameBand < 0) {
            throw new IllegalArgumentException("modules >= 21 and quietZone, logoSide, frameBand >= 0");
        }
        if ((double) logoSide * logoSide > MAX_LOGO_SHARE * modules * modules) {
            throw new IllegalArgumentException("logo square " + logoSide + " covers more than "
                    + (int) (MAX_LOGO_SHARE * 100) + " % of a " + modules + "-module symbol");
        }
    }

    /** The layout of {@code matrix} with {@code quietZone} modules around it, a logo square or not, a frame or not. */
    public static DesignLayout of(QrMatrix matrix, int quietZone, boolean logo, boolean frame) {
        int n = matrix.size();
        int side = (n + 2 * quietZone);
        return new DesignLayout(n, quietZone, logo ? largestLogoSide(n) : 0,
                frame ? Math.max(5, Math.round(side * 0.2f)) : 0);
    }

    /** The largest odd side whose square covers at most {@link #MAX_LOGO_SHARE} of an n-module symbol. */
    public static int largestLogoSide(int n) {
        int side = (int) Math.floor(n * Math.sqrt(MAX_LOGO_SHARE));
        while ((double) side * side > MAX_LOGO_SHARE * n * n) {
            side--;
        }
        return side % 2 == 1 ? side : side - 1;
    }

    /** The whole design's width, quiet zone included. */
    public int width() {
        return modules + 2 * quietZone;
    }

    /** The whole design's height: the square and the frame's band. */
    public int height() {
        return width() + frameBand;
    }

    /** The logo square's first module column and row (from the design's edge), when there is one. */
    public int logoOrigin() {
        return quietZone + (modules - logoSide) / 2;
    }

    /** Whether the symbol's module ({@code x}, {@code y}) lies under the logo square and is not drawn. */
    public boolean underLogo(int x, int y) {
        if (logoSide == 0) {
            return false;
        }
        int from = (modules - logoSide) / 2;
        return x >= from && x < from + logoSide && y >= from && y < from + logoSide;
    }

    /** The frame text's height in modules: about half its band. */
    public double frameTextSize() {
        return frameBand * 0.5;
    }
}
