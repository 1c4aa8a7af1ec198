package com.groupgate.designs;

import com.groupgate.batch.DesignRenderer;
import com.groupgate.batch.PngDesigns;
import com.groupgate.batch.PrintFormat;
import com.groupgate.design.DesignColours;
import com.groupgate.design.DesignFormat;
import com.groupgate.qr.Medium;
import java.util.EnumSet;
import java.util.Set;

/**
 * The batch worker's files in every format: PNG as the codes API draws it (the plain 1-bit
 * symbol, {@link PngDesigns}), SVG and PDF by the {@link Designer} that serves
 * {@code /image}, in black on white without logo or frame, the PDF printing the row's label
 * under the code. Each SVG and PDF is read back before it is returned, as a served design
 * is; one that does not read ends the run with the designer's refusal rather than putting
 * an unreadable file in the ZIP.
 *
 * <p>The worker draws several rows at once; SVG and PDF are drawn one at a time, because
 * the designs' font ({@link FrameFont}) is one parsed TrueType file whose tables FontBox
 * reads lazily, which is not safe from several threads (the designs function serves one
 * request at a time). Signing and the AWS calls of other rows still go on meanwhile.
 */
public final class BatchDesigns implements DesignRenderer {
    private final Designer designer;
    private final PngDesigns png = new PngDesigns();

    public BatchDesigns() {
        this(new Designer());
    }

    BatchDesigns(Designer designer) {
        this.designer = designer;
    }

    @Override
    public Set<PrintFormat> formats() {
        return EnumSet.allOf(PrintFormat.class);
    }

    @Override
    public byte[] render(String scanUrl, Medium medium, PrintFormat format, String label) {
        if (format == PrintFormat.PNG) {
            return png.render(scanUrl, medium, format, label);
        }
        DesignFormat designFormat = format == PrintFormat.SVG ? DesignFormat.SVG : DesignFormat.PDF;
        DesignQuery query = new DesignQuery(designFormat, medium, false, DesignColours.DEFAULT, null);
        synchronized (FrameFont.class) {
            return designer.render(query, new Designer.Content(scanUrl, null, null, null, label)).bytes();
        }
    }
}
