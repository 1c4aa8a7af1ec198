package com.groupgate.designs;

import com.groupgate.qr.Medium;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A design as SVG: the drawing's parts in module units under a {@code viewBox}, sized in
 * millimetres for the medium. Text is glyph outlines (no font needed where it is shown);
 * the logo is embedded as a data URI of the uploaded file ({@code xlink:href}, which SVG 1.1
 * renderers need and SVG 2 ones still read); nothing links out.
 */
final class SvgDesign {
    private SvgDesign() {
    }

    static byte[] write(Drawing d, Medium medium, byte[] logoFile, String logoType) {
        int w = d.layout().width();
        int h = d.layout().height();
        double moduleMm = medium.moduleMm(d.matrix().version());
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" viewBox=\"0 0 ")
                .append(w).append(' ').append(h).append("\" width=\"").append(number(w * moduleMm))
                .append("mm\" height=\"").append(number(h * moduleMm)).append("mm\" shape-rendering=\"crispEdges\"")
                .append(" role=\"img\">\n<title>").append(escape(d.frame() == null ? "QR code" : d.frame()))
                .append("</title>\n<rect width=\"").append(w).append("\" height=\"").append(h).append("\" fill=\"")
                .append(d.colours().light().hex()).append("\"/>\n<path fill=\"").append(d.colours().dark().hex())
                .append("\" d=\"");
        for (Drawing.Run r : d.runs()) {
            svg.append('M').append(r.x()).append(' ').append(r.y()).append('h').append(r.length()).append("v1h-")
                    .append(r.length()).append('z');
        }
        svg.append("\"/>\n");
        if (d.logo() != null) {
            Rectangle2D box = d.logoBox();
            svg.append("<image x=\"").append(number(box.getX())).append("\" y=\"").append(number(box.getY()))
                    .append("\" width=\"").append(number(box.getWidth())).append("\" height=\"")
                    .append(number(box.getHeight())).append("\" preserveAspectRatio=\"xMidYMid meet\" xlink:href=\"data:")
                    .append(logoType).append(";base64,").append(Base64.getEncoder().encodeToString(logoFile))
                    .append("\"/>\n");
        }
        if (d.frame() != null) {
            svg.append("<path fill=\"").append(d.colours().dark().hex()).append("\" shape-rendering=\"geometricPrecision\" d=\"");
            path(svg, d.frameOutline().getPathIterator(null));
            svg.append("\"/>\n");
        }
        svg.append("</svg>\n");
        return svg.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void path(StringBuilder out, PathIterator it) {
        double[] c = new double[6];
        while (!it.isDone()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> out.append('M').append(number(c[0])).append(' ').append(number(c[1]));
                case PathIterator.SEG_LINETO -> out.append('L').append(number(c[0])).append(' ').append(number(c[1]));
                case PathIterator.SEG_QUADTO -> out.append('Q').append(number(c[0])).append(' ').append(number(c[1]))
                        .append(' ').append(number(c[2])).append(' ').append(number(c[3]));
                case PathIterator.SEG_CUBICTO -> out.append('C').append(number(c[0])).append(' ').append(number(c[1]))
                        .append(' ').append(number(c[2])).append(' ').append(number(c[3])).append(' ')
                        .append(number(c[4])).append(' ').append(number(c[5]));
                default -> out.append('Z');
            }
            it.next();
        }
    }

    /** At most three decimals, no trailing zeros: a thousandth of a module is far below any printer's dot. */
    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
