package com.groupgate.design;

import com.groupgate.error.RefusalException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An sRGB colour, as a design's {@code fg} or {@code bg} parameter gives it: six hex digits, {@code #} optional. */
public record Colour(int rgb) {
    public static final Colour BLACK = new Colour(0x000000);
    public static final Colour WHITE = new Colour(0xFFFFFF);
    private static final Pattern HEX = Pattern.compile("#?[0-9A-Fa-f]{6}");

    public Colour {
        if ((rgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("rgb must be 24 bits, was " + Integer.toHexString(rgb));
        }
    }

    /** {@code text} as a colour; a 400 naming {@code field} when it is not six hex digits. */
    public static Colour parse(String text, String field) {
        if (text == null || !HEX.matcher(text).matches()) {
            throw RefusalException.badField(field, "must be a colour of six hex digits, such as 1a2b3c or #1a2b3c");
        }
        return new Colour(Integer.parseInt(text.startsWith("#") ? text.substring(1) : text, 16));
    }

    public int red() {
        return rgb >>> 16 & 0xFF;
    }

    public int green() {
        return rgb >>> 8 & 0xFF;
    }

    public int blue() {
        return rgb & 0xFF;
    }

    /** WCAG 2.x relative luminance: 0 for black, 1 for white. */
    public double relativeLuminance() {
        return 0.2126 * linear(red()) + 0.7152 * linear(green()) + 0.0722 * linear(blue());
    }

    /** WCAG 2.x contrast ratio of two colours: 1 (same luminance) to 21 (black on white). */
    public static double contrastRatio(Colour a, Colour b) {
        double la = a.relativeLuminance();
        double lb = b.relativeLuminance();
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** The colour as CSS and SVG write it, {@code #rrggbb}. */
    public String hex() {
        return String.format(Locale.ROOT, "#%06x", rgb);
    }

    /** An sRGB channel (0..255) made linear, as WCAG defines it. */
    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
