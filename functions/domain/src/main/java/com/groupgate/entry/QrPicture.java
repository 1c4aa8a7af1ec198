package com.groupgate.entry;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What an uploaded group QR picture (PNG or JPEG) holds: the platform's invite payload, read
 * the way a phone reads a photo of a printed code — zxing's QR reader trying hard, with the
 * hybrid binarizer for uneven light and the global one as a second chance, on the picture
 * as sent and, for large photos, scaled down (the detector likes modules of a few pixels).
 * Pictures of more than {@link #MAX_PIXELS} pixels are refused before they are decoded, so
 * a small file cannot unpack into gigabytes.
 */
public final class QrPicture {
    /** 40 megapixels: any phone photo, not a decompression bomb. */
    public static final long MAX_PIXELS = 40_000_000L;
    private static final int SCALED_SIDE = 1200;
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

    public record TooLarge(long pixels) implements Reading {
    }

    public record NoQrCode() implements Reading {
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

    public static Reading read(byte[] bytes) {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return new NotAnImage();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    return new TooLarge(pixels);
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return new NotAnImage();
        }
        Optional<String> payload = decode(image);
        if (payload.isEmpty() && Math.max(image.getWidth(), image.getHeight()) > SCALED_SIDE) {
            payload = decode(scaled(image));
        }
        return payload.<Reading>map(Decoded::new).orElseGet(NoQrCode::new);
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

    private static BufferedImage scaled(BufferedImage image) {
        double f = (double) SCALED_SIDE / Math.max(image.getWidth(), image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * f));
        int h = Math.max(1, (int) Math.round(image.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(image.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        return out;
    }
}
