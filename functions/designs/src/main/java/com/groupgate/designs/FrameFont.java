package com.groupgate.designs;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.GeneralPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The one font of every design's text: Noto Sans SC Medium (SIL Open Font License 1.1), cut
 * to ASCII, Latin-1, punctuation and the hanzi of GB 2312 and Big5 by
 * {@code scripts/subset_font.py}. It has TrueType (glyf) outlines, which PDFBox needs to
 * embed a subset. Raster and SVG designs draw the glyphs' outlines (no font is needed where
 * they are shown, nor any font machinery of the JVM's); PDFs embed the font and carry text.
 * Parsed once per container.
 */
final class FrameFont {
    static final String RESOURCE = "/fonts/NotoSansSC-Medium-subset.ttf";
    private static final byte[] FILE = readFile();
    private static final TrueTypeFont FONT = parse(FILE);

    private FrameFont() {
    }

    private static byte[] readFile() {
        try (InputStream in = FrameFont.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TrueTypeFont parse(byte[] file) {
        try {
            return new TTFParser().parse(new RandomAccessReadBuffer(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The font file, for PDFBox to parse and embed a subset of in one document: PDFBox closes
     * a font it subsets when the document closes, so each PDF gets its own parse.
     */
    static InputStream file() {
        return new java.io.ByteArrayInputStream(FILE);
    }

    /** Whether the font draws every character of {@code text}. */
    static boolean covers(String text) {
        try {
            var cmap = FONT.getUnicodeCmapLookup();
            return text.codePoints().allMatch(c -> Character.isWhitespace(c) || cmap.getGlyphId(c) != 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The outline of {@code text} on one line, {@code size} units high (the em), its
     * baseline at y = 0 and its left edge at x = 0, y growing downward (as Java2D and SVG
     * draw); {@link #advance} is its width.
     */
    static Shape outline(String text, double size) {
        try {
            var cmap = FONT.getUnicodeCmapLookup();
            double scale = size / FONT.getUnitsPerEm();
            GeneralPath out = new GeneralPath();
            double x = 0;
            for (int cp : text.codePoints().toArray()) {
                int gid = cmap.getGlyphId(cp);
                GlyphData glyph = FONT.getGlyph().getGlyph(gid);
                if (glyph != null) {
                    AffineTransform at = new AffineTransform(scale, 0, 0, -scale, x, 0);
                    out.append(glyph.getPath().getPathIterator(at), false);
                }
                x += FONT.getAdvanceWidth(gid) * scale;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The width of {@code text} at {@code size}. */
    static double advance(String text, double size) {
        try {
            var cmap = FONT.getUnicodeCmapLookup();
            double units = 0;
            for (int cp : text.codePoints().toArray()) {
                units += FONT.getAdvanceWidth(cmap.getGlyphId(cp));
            }
            return units * size / FONT.getUnitsPerEm();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
