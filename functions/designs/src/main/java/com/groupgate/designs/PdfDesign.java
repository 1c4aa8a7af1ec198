package com.groupgate.designs;

import com.groupgate.design.Colour;
import com.groupgate.qr.Medium;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A design as a one-page PDF on the medium's page: the group's name above the code, the
 * code as filled rectangles (vector: sharp at any print size), the logo, the frame's call
 * to action and the channel's label under it — the text in Noto Sans SC, a subset of which
 * PDFBox embeds, so the words are real text (searchable, copyable) in any viewer.
 * The module is the medium's size unless the page is too small for the whole design.
 */
final class PdfDesign {
    private static final double POINTS_PER_MM = 72 / 25.4;
    /** The design fills at most this share of the page in either direction. */
    private static final double PAGE_SHARE = 0.9;
    /** The group's name: its type size as a share of the page's width. */
    private static final double NAME_SHARE = 0.05;
    /** The channel's label, smaller. */
    private static final double LABEL_SHARE = 0.03;
    /** Pixels a module when the PDF is rendered back for the read check. */
    private static final double READ_BACK_PX = 4;

    private PdfDesign() {
    }

    /** A written PDF and its module's size in points (what the read check renders it at). */
    record Written(byte[] pdf, double modulePoints) {
    }

    static Written write(Drawing d, Medium medium, String name, String label) {
        float pageW = medium.page().widthPt();
        float pageH = medium.page().heightPt();
        int w = d.layout().width();
        int h = d.layout().height();
        // Type sized for the page (read from as far as the page is meant to be), not the module.
        double nameSize = pageW * NAME_SHARE;
        double labelSize = pageW * LABEL_SHARE;
        double nameBand = name == null ? 0 : nameSize * 1.8;
        double labelBand = label == null ? 0 : labelSize * 2.2;
        double unit = Math.min(medium.moduleMm(d.matrix().version()) * POINTS_PER_MM, Math.min(PAGE_SHARE * pageW / w,
                (PAGE_SHARE * pageH - nameBand - labelBand) / h));
        double blockH = nameBand + h * unit + labelBand;
        double left = (pageW - w * unit) / 2;
        // The top of the code's square (design y = 0), PDF's y growing upward.
        double top = (pageH + blockH) / 2 - nameBand;
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(pageW, pageH));
            doc.addPage(page);
            PDType0Font font = PDType0Font.load(doc, FrameFont.file(), true);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                colour(cs, d.colours().light());
                cs.addRect(0, 0, pageW, pageH);
                cs.fill();
                colour(cs, d.colours().dark());
                for (Drawing.Run r : d.runs()) {
                    cs.addRect((float) (left + r.x() * unit), (float) (top - (r.y() + 1) * unit),
                            (float) (r.length() * unit), (float) unit);
                }
                cs.fill();
                if (d.logo() != null) {
                    Rectangle2D box = d.logoBox();
                    PDImageXObject logo = LosslessFactory.createFromImage(doc, d.logo());
                    cs.drawImage(logo, (float) (left + box.getX() * unit), (float) (top - box.getMaxY() * unit),
                            (float) (box.getWidth() * unit), (float) (box.getHeight() * unit));
                }
                if (d.frame() != null) {
                    double size = d.frameTextSize();
                    text(cs, font, d.frame(), size * unit, pageW,
                            top - (d.layout().width() + d.layout().frameBand() / 2.0 + size * 0.38) * unit, w * unit);
                }
                if (name != null) {
                    text(cs, font, printable(name), nameSize, pageW, top + nameBand * 0.35, pageW);
                }
                if (label != null) {
                    text(cs, font, printable(label), labelSize, pageW, top - h * unit - labelBand * 0.6, pageW);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return new Written(out.toByteArray(), unit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PDF's page as a camera would see a print of it: about four pixels a module. */
    static BufferedImage render(Written written) {
        try (PDDocument doc = Loader.loadPDF(written.pdf())) {
            return new PDFRenderer(doc).renderImage(0, (float) (READ_BACK_PX / written.modulePoints()), ImageType.RGB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line centred on the page, at most {@code maxWidth} wide (smaller type when it would be wider). */
    private static void text(PDPageContentStream cs, PDType0Font font, String text, double size, float pageW,
                             double baseline, double maxWidth) throws IOException {
        double width = font.getStringWidth(text) / 1000 * size;
        if (width > PAGE_SHARE * maxWidth) {
            size *= PAGE_SHARE * maxWidth / width;
            width = PAGE_SHARE * maxWidth;
        }
        cs.beginText();
        cs.setFont(font, (float) size);
        cs.newLineAtOffset((float) ((pageW - width) / 2), (float) baseline);
        cs.showText(text);
        cs.endText();
    }

    /** {@code text} with any character the font cannot draw shown as {@code ?}, so a rare name still prints. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(FrameFont.covers(Character.toString(c))
                && !Character.isISOControl(c) ? c : '?'));
        return out.toString();
    }

    private static void colour(PDPageContentStream cs, Colour c) throws IOException {
        cs.setNonStrokingColor(c.red() / 255f, c.green() / 255f, c.blue() / 255f);
    }
}
