package com.groupgate.entry;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * What an uploaded group QR picture (PNG or JPEG) holds: the platform's invite payload, read
 * the way a phone reads a photo of a printed code — zxing's QR reader trying hard, with the
 * hybrid binarizer for uneven light and the global one as a second chance, on the picture
 * as sent or, for large photos, subsampled while decoding (the detector likes modules of a
 * few pixels, and a photo's are many).
 * A picture is judged by its header before any pixel is decoded ({@link #plan}): more than
 * {@link #MAX_PIXELS} pixels, more samples than its format's budget ({@link #MAX_PNG_SAMPLE_BYTES},
 * {@link #MAX_JPEG_SAMPLE_BYTES}, {@link #MAX_PROGRESSIVE_JPEG_SAMPLE_BYTES}: a 16-bit RGBA PNG
 * of 40 MP is 320 MB to inflate from a 300 KB file) or a JPEG of more than
 * {@link #MAX_JPEG_SCANS} scans is refused;
 * anything else is subsampled while it is decoded, to at most {@link #MAX_DECODED_SIDE}
 * pixels on its long side and {@link #MAX_DECODED_BYTES} of decoded raster, so that no
 * upload costs more than about 100 ms of CPU or 64 MiB of memory (BENCHMARKS.md, "Entry
 * picture uploads").
 */
public final class QrPicture {
    /** 40 megapixels: any phone photo, not a decompression bomb. */
    public static final long MAX_PIXELS = 40_000_000L;
    /**
     * Bytes of samples a PNG may inflate to: every row is inflated and unfiltered whatever the
     * subsampling, at about 450 MB/s of CPU. 24 MiB is a 6 MP RGBA or 8 MP RGB screenshot, or
     * 3 MP at 16-bit RGBA.
     */
    public static final long MAX_PNG_SAMPLE_BYTES = 24L << 20;
    /**
     * Bytes of samples a JPEG may hold (3 per pixel): 22 MP, any phone photo. Subsampled JPEG
     * decoding costs a fifth of a PNG's per sample.
     */
    public static final long MAX_JPEG_SAMPLE_BYTES = 64L << 20;
    /**
     * Bytes of samples a progressive JPEG may hold: its decoder keeps every coefficient of the
     * whole picture (2 bytes a sample) and passes over them once a scan, about ten times a
     * baseline JPEG's CPU per sample. 8 MiB is 2.8 MP at RGB (2048x1365).
     */
    public static final long MAX_PROGRESSIVE_JPEG_SAMPLE_BYTES = 8L << 20;
    /** The long side a picture is decoded at, at most; a QR code in it still reads. */
    public static final int MAX_DECODED_SIDE = 1200;
    /** The decoded raster's bytes, at most (16-bit samples take twice an 8-bit picture's). */
    public static final long MAX_DECODED_BYTES = 12L << 20;
    /** Scans of a progressive JPEG: a camera or an encoder writes about ten; each costs a pass. */
    public static final int MAX_JPEG_SCANS = 32;
    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.CHARACTER_SET, "UTF-8");

    private QrPicture() {
    }

    /** What the picture is: the QR payload, or why it is none. */
    public sealed interface Reading permits Decoded, NotAnImage, TooLarge, NoQrCode {
    }

    public record Decoded(String payload) implements Reading {
    }

    public record NotAnImage() implements Reading {
    }

    /** Refused from its header, before decoding: {@code why} says what is too large. */
    public record TooLarge(String why) implements Reading {
    }

    public record NoQrCode() implements Reading {
    }

    /**
     * How a picture will be decoded, read from its header alone: its size, bits per pixel,
     * and the subsampling (every n-th pixel of every n-th row) chosen for it.
     */
    public record Plan(int width, int height, int bitsPerPixel, int subsampling) {
        long sampleBytes() {
            return (long) width * height * bytesPerPixel(bitsPerPixel);
        }
    }

    /** Whether {@code bytes} start as a PNG or a JPEG file does: what the content type must match. */
    public static Optional<String> contentTypeOf(byte[] bytes) {
        if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return Optional.of("image/png");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        return Optional.empty();
    }

    /** The decoding plan of {@code bytes} from the header alone, or why the picture is refused (never decoded). */
    public static Reading plan(byte[] bytes, java.util.function.Consumer<Plan> planned) {
        return withReader(bytes, (reader, plan) -> {
            planned.accept(plan);
            return null;
        });
    }

    public static Reading read(byte[] bytes) {
        BufferedImage[] decoded = new BufferedImage[1];
        Reading refused = withReader(bytes, (reader, plan) -> {
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(plan.subsampling(), plan.subsampling(), 0, 0);
            decoded[0] = reader.read(0, param);
            return null;
        });
        if (refused != null) {
            return refused;
        }
        return decode(decoded[0]).<Reading>map(Decoded::new).orElseGet(NoQrCode::new);
    }

    private interface Step {
        Reading apply(ImageReader reader, Plan plan) throws IOException;
    }

    /** Opens {@code bytes}, reads the header, refuses what is too large, else runs {@code step}. */
    private static Reading withReader(byte[] bytes, Step step) {
        if ("image/jpeg".equals(contentTypeOf(bytes).orElse(null)) && jpegScans(bytes) > MAX_JPEG_SCANS) {
            return new TooLarge("the JPEG has more than " + MAX_JPEG_SCANS + " scans");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return new NotAnImage();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > MAX_PIXELS) {
                    return new TooLarge("the picture has more than " + MAX_PIXELS / 1_000_000 + " million pixels");
                }
                int bits = bitsPerPixel(reader);
                Plan plan = new Plan(width, height, bits, subsampling(width, height, bits));
                long budget = "png".equalsIgnoreCase(reader.getFormatName()) ? MAX_PNG_SAMPLE_BYTES
                        : jpegProgressive(bytes) ? MAX_PROGRESSIVE_JPEG_SAMPLE_BYTES : MAX_JPEG_SAMPLE_BYTES;
                if (plan.sampleBytes() > budget) {
                    return new TooLarge("the picture holds more than " + (budget >> 20)
                            + " MiB of pixels (" + width + "x" + height + " at " + bits + " bits)");
                }
                return step.apply(reader, plan);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return new NotAnImage();
        }
    }

    /**
     * The smallest subsampling that brings the long side to {@link #MAX_DECODED_SIDE} and the
     * decoded raster to {@link #MAX_DECODED_BYTES}.
     */
    static int subsampling(int width, int height, int bitsPerPixel) {
        int n = Math.max(1, (Math.max(width, height) + MAX_DECODED_SIDE - 1) / MAX_DECODED_SIDE);
        while ((long) ceilDiv(width, n) * ceilDiv(height, n) * bytesPerPixel(bitsPerPixel) > MAX_DECODED_BYTES) {
            n++;
        }
        return n;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int bytesPerPixel(int bits) {
        return Math.max(1, (bits + 7) / 8);
    }

    /** The bits of one decoded pixel, as the reader will deliver it (16-bit samples count 16). */
    private static int bitsPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            return 32;
        }
        int[] sizes = type.getSampleModel().getSampleSize();
        int bits = 0;
        for (int size : sizes) {
            bits += size;
        }
        return Math.max(bits, type.getColorModel().getPixelSize());
    }

    /**
     * How many scans (SOS markers) a JPEG has: a marker's 0xFF is never followed by 0xDA inside
     * entropy-coded data, which stuffs every 0xFF with a 0x00.
     */
    static int jpegScans(byte[] bytes) {
        int scans = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xDA) {
                scans++;
            }
        }
        return scans;
    }

    /**
     * Whether a JPEG is progressive (a start-of-frame marker SOF2, SOF6, SOF10 or SOF14), found
     * as {@link #jpegScans} finds markers.
     */
    static boolean jpegProgressive(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == 0xFF) {
                int marker = bytes[i + 1] & 0xFF;
                if (marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> decode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        LuminanceSource source = new RGBLuminanceSource(w, h, argb);
        for (BinaryBitmap bitmap : new BinaryBitmap[] {new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source))}) {
            try {
                return Optional.of(new QRCodeReader().decode(bitmap, HINTS).getText());
            } catch (ReaderException e) {
                // the next binarizer
            }
        }
        return Optional.empty();
    }
}
