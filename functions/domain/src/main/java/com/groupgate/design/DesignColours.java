package com.groupgate.design;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.Locale;

/**
 * The dark ({@code fg}) and light ({@code bg}) colours of a design, accepted only when a
 * camera tells them apart: a contrast ratio of at least {@link #MIN_CONTRAST} (WCAG relative
 * luminance), and dark modules darker than light ones — readers binarise by luminance and
 * expect dark on light, so an inverted symbol does not scan on many phones.
 */
public record DesignColours(Colour dark, Colour light) {
    public static final double MIN_CONTRAST = 4.0;
    public static final DesignColours DEFAULT = new DesignColours(Colour.BLACK, Colour.WHITE);

    public DesignColours {
        if (dark.relativeLuminance() >= light.relativeLuminance()) {
            throw new RefusalException(Refusal.LOW_CONTRAST, String.format(Locale.ROOT,
                    "fg (%s) must be darker than bg (%s): readers expect dark modules on a light ground",
                    dark.hex(), light.hex()), "fg", -1);
        }
        double ratio = Colour.contrastRatio(dark, light);
        if (ratio < MIN_CONTRAST) {
            throw new RefusalException(Refusal.LOW_CONTRAST, String.format(Locale.ROOT,
                    "fg %s on bg %s has a contrast ratio of %.2f:1; at least %.0f:1 is needed",
                    dark.hex(), light.hex(), ratio, MIN_CONTRAST), "fg", -1);
        }
    }

    /** The colours of {@code fg} and {@code bg} (either may be null: black, white). */
    public static DesignColours of(String fg, String bg) {
        return new DesignColours(fg == null ? Colour.BLACK : Colour.parse(fg, "fg"),
                bg == null ? Colour.WHITE : Colour.parse(bg, "bg"));
    }
}
