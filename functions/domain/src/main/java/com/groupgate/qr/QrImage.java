package com.groupgate.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Renders text as a QR code in a PNG file, without AWT or ImageIO (neither is cheap to start
 * in a Lambda container, and neither is needed for two colours).
 *
 * <p>zxing chooses the mask and the encoding mode; text made only of digits, uppercase
 * letters and {@code $%*+-./:} (such as a scan URL) is encoded in alphanumeric mode, other
 * text as UTF-8 bytes.
 *
 * <p>The PNG is as small as a plain encoder makes it: 1-bit grayscale, no palette and no
 * ancillary chunks, every row unfiltered (each module row repeats {@code modulePx} times,
 * which deflate turns into back-references one row apart), and one deflate pass at the
 * level that makes the smaller stream for the module size.
 */
public final class QrImage {
    /** Light modules around the symbol, as ISO/IEC 18004 requires. */
    public static final int QUIET_ZONE_MODULES = 4;
    public static final int MIN_MODULE_PX = 1;
    public static final int MAX_MODULE_PX = 40;

    // UTF-8 for text that needs byte mode (zxing then adds the ECI that says so); it changes
    // nothing for alphanumeric text such as scan URLs.
    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.CHARACTER_SET, "UTF-8");


    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private QrImage() {
    }

    /**
     * Renders {@code text} at error-correction level {@code ecc}, each module
     * {@code modulePx} pixels square (1..40), with a 4-module quiet zone.
     *
     * @throws IllegalArgumentException when an argument is out of range or the text does not
     *     fit a QR code (version 40) at that level
     */
    public static QrPng render(String text, Ecc ecc, int modulePx) {
        if (modulePx < MIN_MODULE_PX || modulePx > MAX_MODULE_PX) {
            throw new IllegalArgumentException("modulePx must be 1..40, was " + modulePx);
        }
        QRCode code = encode(text, ecc);
        ByteMatrix matrix = code.getMatrix();
        int sizePx = (matrix.getWidth() + 2 * QUIET_ZONE_MODULES) * modulePx;
        byte[] png = png(matrix, modulePx, sizePx);
        return new QrPng(png, code.getVersion().getVersionNumber(), sizePx);
    }

    /** The QR version (1..40) that {@code text} needs at level {@code ecc}. */
    public static int qrVersionFor(String text, Ecc ecc) {
        return encode(text, ecc).getVersion().getVersionNumber();
    }

    static QRCode encode(String text, Ecc ecc) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ecc, "ecc");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("text must not be empty");
        }
        try {
            return Encoder.encode(text, ecc.zxing(), HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code at level " + ecc + ": " + e.getMessage(), e);
        }
    }

    private static byte[] png(ByteMatrix matrix, int modulePx, int sizePx) {
        byte[] ihdr = new byte[13];
        writeInt(ihdr, 0, sizePx);
        writeInt(ihdr, 4, sizePx);
        ihdr[8] = 1; // bit depth
        ihdr[9] = 0; // colour type: grayscale
        ihdr[10] = 0; // compression: deflate
        ihdr[11] = 0; // filter method: adaptive (every row here uses filter type 0, none)
        ihdr[12] = 0; // no interlace

        byte[] idat = deflate(scanlines(matrix, modulePx, sizePx), deflateLevel(modulePx));

        ByteArrayOutputStream out = new ByteArrayOutputStream(SIGNATURE.length + 3 * 12 + ihdr.length + idat.length);
        out.writeBytes(SIGNATURE);
        writeChunk(out, "IHDR", ihdr);
        writeChunk(out, "IDAT", idat);
        writeChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /**
     * The raw image: for each pixel row, filter type 0 then the pixels packed eight to a
     * byte, most significant bit first; 1 is white (light), 0 black (dark).
     */
    private static byte[] scanlines(ByteMatrix matrix, int modulePx, int sizePx) {
        int stride = 1 + (sizePx + 7) / 8;
        byte[] raw = new byte[stride * sizePx];
        int modules = matrix.getWidth();

        byte[] light = lightRow(stride, sizePx);
        int quietRows = QUIET_ZONE_MODULES * modulePx;
        for (int y = 0; y < quietRows; y++) {
            System.arraycopy(light, 0, raw, y * stride, stride);
            System.arraycopy(light, 0, raw, (sizePx - 1 - y) * stride, stride);
        }
        byte[] row = new byte[stride];
        for (int my = 0; my < modules; my++) {
            System.arraycopy(light, 0, row, 0, stride);
            for (int mx = 0; mx < modules; mx++) {
                if (matrix.get(mx, my) == 1) {
                    int from = (QUIET_ZONE_MODULES + mx) * modulePx;
                    for (int px = from; px < from + modulePx; px++) {
                        row[1 + (px >>> 3)] &= (byte) ~(0x80 >>> (px & 7));
                    }
                }
            }
            int firstRow = quietRows + my * modulePx;
            for (int r = 0; r < modulePx; r++) {
                System.arraycopy(row, 0, raw, (firstRow + r) * stride, stride);
            }
        }
        return raw;
    }

    /** A row of light pixels; padding bits past the image width are left 0, as decoders ignore them. */
    private static byte[] lightRow(int stride, int sizePx) {
        byte[] row = new byte[stride];
        Arrays.fill(row, 1, stride, (byte) 0xFF);
        int spare = stride * 8 - 8 - sizePx;
        row[stride - 1] = (byte) (0xFF << spare);
        return row;
    }

    /**
     * The deflate level (FILTERED strategy) that makes the smaller stream at
     * {@code modulePx}. Measured over 40 scan URLs (version 5, level M) per size: level 5
     * is smaller at 3, 4, 5 and 8 px (by 0.3–9 bytes), level 6 at 2, 7 and 9–16 px (by
     * 2–142 bytes), the two are equal at 1 and 6 px. Level 9 is never meaningfully smaller
     * (8–15 % larger at 8 and 16 px) and six times slower on these repetitive rows. One pass
     * at the chosen level costs half of deflating at both and keeping the smaller.
     */
    static int deflateLevel(int modulePx) {
        return modulePx == 2 || modulePx == 7 || modulePx >= 9 ? 6 : 5;
    }

    private static byte[] deflate(byte[] raw, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setStrategy(Deflater.FILTERED);
            return deflate(deflater, raw);
        } finally {
            // Deflater holds native memory until ended.
            deflater.end();
        }
    }

    private static byte[] deflate(Deflater deflater, byte[] raw) {
        deflater.setInput(raw);
        deflater.finish();
        // Two-colour QR images deflate to a few percent of their raw size.
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 16 + 64);
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] word = new byte[4];
        writeInt(word, 0, data.length);
        out.writeBytes(word);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(word, 0, (int) crc.getValue());
        out.writeBytes(word);
    }

    private static void writeInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }
}
