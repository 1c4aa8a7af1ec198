package com.groupgate.batch;

import com.groupgate.qr.Medium;
import java.util.Set;

/**
 * Draws one batch row's code as a file. The batch worker takes what it is given: today
 * {@link PngDesigns} (PNG only); a renderer that also draws SVG and PDF (frames, labels,
 * logos) plugs in here, and the API then accepts those formats in uploads, as
 * {@link #formats()} says.
 */
public interface DesignRenderer {

    /** The formats this renderer draws; uploads asking for another are refused per row. */
    Set<PrintFormat> formats();

    /**
     * The file's bytes for {@code scanUrl} at {@code medium}, in {@code format} (one of
     * {@link #formats()}); {@code label} (may be null) is the store or placement, for
     * designs that print it.
     */
    byte[] render(String scanUrl, Medium medium, PrintFormat format, String label);
}
