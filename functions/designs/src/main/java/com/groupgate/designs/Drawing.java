package com.groupgate.designs;

import com.groupgate.design.DesignColours;
import com.groupgate.design.DesignLayout;
import com.groupgate.qr.QrMatrix;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.List;

/**
 * One design as shapes, in modules (one module = 1, y downward): the ground, the dark
 * modules as horizontal runs, the logo in its square, the frame's text as glyph outlines.
 * PNG rasterises it, SVG writes it, PDF lays out the same parts, and the read check
 * rasterises it as PNG does: every format shows what was checked. Without a logo the raster
 * is a 16-colour palette between the two colours; with one, 24-bit RGB.
 *
 * @param logo  the logo picture, or null
 * @param frame the frame's call to action, or null
 */
record Drawing(DesignLayout layout, QrMatrix matrix, DesignColours colours, BufferedImage logo, String frame) {
    /** The logo keeps half a module of light ground inside its square. */
    private static final double LOGO_MARGIN = 0.5;
    /** The frame's text fills at most this share of the design's width. */
    private static final double FRAME_TEXT_WIDTH = 0.9;

    /** A run of dark modules in one row: from column {@code x} (design coordinates), {@code length} modules. */
    record Run(int x, int y, int length) {
    }

    /** The dark modules, quiet zone offset included, skipping those under the logo square. */
    List<Run> runs() {
        List<Run> out = new ArrayList<>();
        int n = matrix.size();
        int q = layout.quietZone();
        for (int y = 0; y < n; y++) {
            int x = 0;
            while (x < n) {
                if (!darkDrawn(x, y)) {
                    x++;
                    continue;
                }
                int from = x;
                while (x < n && darkDrawn(x, y)) {
                    x++;
                }
                out.add(new Run(q + from, q + y, x - from));
            }
        }
        return out;
    }

    private boolean darkDrawn(int x, int y) {
        return matrix.dark(x, y) && !layout.underLogo(x, y);
    }

    /** Where the logo picture goes: centred in its square, inside the margin, its aspect kept. */
    Rectangle2D logoBox() {
        double room = layout.logoSide() - 2 * LOGO_MARGIN;
        double w = logo.getWidth();
        double h = logo.getHeight();
        double scale = room / Math.max(w, h);
        double origin = layout.logoOrigin() + LOGO_MARGIN;
        return new Rectangle2D.Double(origin + (room - w * scale) / 2, origin + (room - h * scale) / 2, w * scale,
                h * scale);
    }

    /** The frame text's size (its em): half the band, or less when the text would be wider than the design. */
    double frameTextSize() {
        double size = layout.frameTextSize();
        double width = FrameFont.advance(frame, size);
        return width > FRAME_TEXT_WIDTH * layout.width() ? size * FRAME_TEXT_WIDTH * layout.width() / width : size;
    }

    /** The frame's text as outlines, centred in its band. */
    Shape frameOutline() {
        double size = frameTextSize();
        double x = (layout.width() - FrameFont.advance(frame, size)) / 2;
        // Noto Sans SC's ideographs sit between about -0.12 and 0.88 em of the baseline.
        double baseline = layout.width() + layout.frameBand() / 2.0 + size * 0.38;
        return AffineTransform.getTranslateInstance(x, baseline).createTransformedShape(FrameFont.outline(frame, size));
    }

    /** The design at {@code modulePx} pixels a module. */
    BufferedImage raster(int modulePx) {
        int w = layout.width() * modulePx;
        int h = layout.height() * modulePx;
        BufferedImage image = logo == null ? new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY, ramp())
                : new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(colours.light().rgb()));
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(colours.dark().rgb()));
            for (Run r : runs()) {
                g.fillRect(r.x() * modulePx, r.y() * modulePx, r.length() * modulePx, modulePx);
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            if (logo != null) {
                Rectangle2D box = logoBox();
                g.drawImage(logo, (int) Math.round(box.getX() * modulePx), (int) Math.round(box.getY() * modulePx),
                        (int) Math.round(box.getWidth() * modulePx), (int) Math.round(box.getHeight() * modulePx), null);
            }
            if (frame != null) {
                g.fill(AffineTransform.getScaleInstance(modulePx, modulePx).createTransformedShape(frameOutline()));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Sixteen colours from the light ground to the dark modules: all a design without a logo
     * holds (the modules, and the frame's antialiased edges), so its PNG is a 4-bit palette
     * image, several times smaller than 24-bit and quicker to write.
     */
    private IndexColorModel ramp() {
        int levels = 16;
        byte[] r = new byte[levels];
        byte[] g = new byte[levels];
        byte[] b = new byte[levels];
        for (int i = 0; i < levels; i++) {
            double t = i / (levels - 1.0);
            r[i] = mix(colours.light().red(), colours.dark().red(), t);
            g[i] = mix(colours.light().green(), colours.dark().green(), t);
            b[i] = mix(colours.light().blue(), colours.dark().blue(), t);
        }
        return new IndexColorModel(4, levels, r, g, b);
    }

    private static byte mix(int light, int dark, double t) {
        return (byte) Math.round(light + (dark - light) * t);
    }

    /** Grey levels of {@code image} (one byte a pixel, 0 black), as a camera's luminance channel sees it. */
    static byte[] luminance(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            out[i] = (byte) (((p >> 16 & 0xFF) * 299 + (p >> 8 & 0xFF) * 587 + (p & 0xFF) * 114) / 1000);
        }
        return out;
    }
}
