package com.groupgate.designs;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.groupgate.design.DesignFormat;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads a served design the way someone else's software would: PNG through ImageIO, SVG
 * through Apache Batik (an independent SVG renderer), PDF through PDFBox's renderer; then
 * zxing's QR reader on the picture. Nothing of the designs function's own drawing code.
 */
final class DesignFiles {
    private DesignFiles() {
    }

    /** The text of the QR code in a design file, or null when none reads. */
    static String decode(DesignFormat format, byte[] file) {
        BufferedImage picture = switch (format) {
            case PNG -> png(file);
            case SVG -> svg(file, 900);
            case PDF -> pdf(file, 1600);
        };
        return decode(picture);
    }

    static String decode(BufferedImage picture) {
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(picture))), Map.of(DecodeHintType.TRY_HARDER, true)).getText();
        } catch (ReaderException e) {
            return null;
        }
    }

    static BufferedImage png(byte[] file) {
        try {
            return ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SVG rendered by Batik, {@code widthPx} wide, on white. */
    static BufferedImage svg(byte[] file, int widthPx) {
        BufferedImage[] out = new BufferedImage[1];
        ImageTranscoder transcoder = new ImageTranscoder() {
            @Override
            public BufferedImage createImage(int w, int h) {
                return new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            }

            @Override
            public void writeImage(BufferedImage image, TranscoderOutput output) {
                out[0] = image;
            }
        };
        transcoder.addTranscodingHint(ImageTranscoder.KEY_WIDTH, (float) widthPx);
        transcoder.addTranscodingHint(ImageTranscoder.KEY_BACKGROUND_COLOR, Color.WHITE);
        try {
            transcoder.transcode(new TranscoderInput(new ByteArrayInputStream(file)), null);
        } catch (TranscoderException e) {
            throw new IllegalStateException(e);
        }
        return out[0];
    }

    /** The PDF's first page, its long side {@code longSidePx} pixels. */
    static BufferedImage pdf(byte[] file, int longSidePx) {
        try (PDDocument doc = Loader.loadPDF(file)) {
            float longSide = Math.max(doc.getPage(0).getMediaBox().getWidth(), doc.getPage(0).getMediaBox().getHeight());
            return new PDFRenderer(doc).renderImage(0, longSidePx / longSide, ImageType.RGB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A logo as a tenant might upload one: a colourful mark, square, with transparency. */
    static byte[] logoPng(int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xE8, 0x6A, 0x1F));
        g.fillOval(0, 0, side, side);
        g.setColor(new Color(0x1A, 0x3D, 0x7C));
        g.fillRect(side / 4, side / 4, side / 2, side / 2);
        g.setColor(Color.WHITE);
        g.fillOval(side * 3 / 8, side * 3 / 8, side / 4, side / 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
