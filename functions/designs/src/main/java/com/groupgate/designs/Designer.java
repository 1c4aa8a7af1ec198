package com.groupgate.designs;

import com.groupgate.design.DesignFormat;
import com.groupgate.design.DesignLayout;
import com.groupgate.design.DesignReadBack;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.hash.Sha256;
import com.groupgate.qr.Ecc;
import com.groupgate.qr.QrMatrix;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;

/**
 * Renders a design and reads it back before it is served: PNG and SVG from the same
 * drawing (the check reads the very raster PNG writes, which is SVG's picture too), PDF
 * rendered from its own bytes by PDFBox. A design that does not decode to its scan URL is
 * drawn again with the other mask patterns, and refused with 422 {@code design_unreadable}
 * (never served) when none reads.
 */
final class Designer {
    /** Changes whenever a design's bytes would change for the same inputs: part of every ETag. */
    static final String RENDERER_VERSION = "1";
    /** QR's mask patterns. */
    private static final int MASKS = 8;

    /** The uploaded logo: its file and type (as embedded in SVG) and its picture. */
    record LogoPicture(byte[] file, String contentType, String imageKey) {
        BufferedImage image() {
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
                if (image == null) {
                    throw new IllegalStateException("the stored logo " + imageKey + " does not decode");
                }
                return image;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What a design shows: its code's URL, the logo (or null), the frame's text, the name and label (or null). */
    record Content(String scanUrl, LogoPicture logo, String frame, String name, String label) {
    }

    /** A served design. */
    record Design(byte[] bytes, String contentType) {
    }

    private final UnaryOperator<BufferedImage> camera;

    Designer() {
        this(UnaryOperator.identity());
    }

    /** @param camera what the read check sees of a rendered picture (tests damage it to prove the check) */
    Designer(UnaryOperator<BufferedImage> camera) {
        this.camera = camera;
    }

    /** The error correction of a design: the medium's, H when a logo covers part of the symbol. */
    static Ecc ecc(DesignQuery q) {
        return q.logo() ? Ecc.H : q.medium().ecc();
    }

    /**
     * The design's ETag, from everything that decides its bytes: the same inputs, the same
     * tag, so a 304 needs no rendering.
     */
    static String etag(DesignQuery q, Content c) {
        String inputs = String.join("\n", RENDERER_VERSION, q.format().name(), q.medium().name(), ecc(q).name(),
                q.colours().dark().hex(), q.colours().light().hex(), c.logo() == null ? "" : c.logo().imageKey(),
                nullToEmpty(c.frame()), nullToEmpty(c.name()), nullToEmpty(c.label()), c.scanUrl());
        return "\"" + Sha256.hex(inputs.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + "\"";
    }

    /**
     * The design, read back; when it does not read, the same design with each other mask
     * pattern in turn (the same URL, other modules), and 422 {@code design_unreadable} only
     * when none reads.
     */
    Design render(DesignQuery q, Content c) {
        QrMatrix chosen = QrMatrix.encode(c.scanUrl(), ecc(q));
        RefusalException unreadable;
        try {
            return render(q, c, chosen);
        } catch (RefusalException e) {
            if (e.refusal() != Refusal.DESIGN_UNREADABLE) {
                throw e;
            }
            unreadable = e;
        }
        for (int mask = 0; mask < MASKS; mask++) {
            if (mask == chosen.mask()) {
                continue;
            }
            try {
                return render(q, c, QrMatrix.encode(c.scanUrl(), ecc(q), mask));
            } catch (RefusalException e) {
                if (e.refusal() != Refusal.DESIGN_UNREADABLE) {
                    throw e;
                }
            }
        }
        throw unreadable;
    }

    private Design render(DesignQuery q, Content c, QrMatrix matrix) {
        DesignLayout layout = DesignLayout.of(matrix, q.medium().quietZoneModules(), c.logo() != null,
                c.frame() != null);
        Drawing drawing = new Drawing(layout, matrix, q.colours(), c.logo() == null ? null : c.logo().image(),
                c.frame());
        return switch (q.format()) {
            case PNG -> {
                BufferedImage raster = drawing.raster(q.medium().modulePx(matrix.version()));
                requireReadable(raster, c.scanUrl());
                yield new Design(PngFile.of(raster), DesignFormat.PNG.contentType());
            }
            case SVG -> {
                requireReadable(drawing.raster(q.medium().modulePx(matrix.version())), c.scanUrl());
                yield new Design(SvgDesign.write(drawing, q.medium(), c.logo() == null ? null : c.logo().file(),
                        c.logo() == null ? null : c.logo().contentType()), DesignFormat.SVG.contentType());
            }
            case PDF -> {
                PdfDesign.Written pdf = PdfDesign.write(drawing, q.medium(), c.name(), c.label());
                requireReadable(PdfDesign.render(pdf), c.scanUrl());
                yield new Design(pdf.pdf(), DesignFormat.PDF.contentType());
            }
        };
    }

    private void requireReadable(BufferedImage rendered, String scanUrl) {
        BufferedImage seen = camera.apply(rendered);
        if (!DesignReadBack.reads(Drawing.luminance(seen), seen.getWidth(), seen.getHeight(), scanUrl)) {
            throw new RefusalException(Refusal.DESIGN_UNREADABLE, "this design does not read back as its code"
                    + " (try other colours, no logo, or another medium)");
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
