package com.groupgate.batch;

import com.groupgate.qr.Medium;
import java.util.Set;

/**
 * Draws one batch row's code as a file. The batch worker is built with the designs
 * module's renderer (PNG, SVG and PDF, in {@code functions/designs}, so that PDFBox and the
 * font stay out of the domain and of the codes API); {@link PngDesigns} draws PNG only.
 * Uploads asking for a format the worker's renderer does not draw are refused per row.
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
