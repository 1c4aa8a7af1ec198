package com.groupgate.entry;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Pictures of group QR codes as tenants upload them — clean renders, phone photos at an
 * angle — and pictures that are not one. Shared (as this module's test jar) with the
 * modules whose tests upload them.
 */
public final class QrPictures {
    /** A WeChat group QR's payload, in the shape WeChat prints. */
    public static final String WECHAT = "https://weixin.qq.com/g/AwYAAHkxVQ8xjWUi5bQ-demo";

    private QrPictures() {
    }

    public static BufferedImage qr(String text, int side) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, side, side,
                    Map.of(EncodeHintType.MARGIN, 2));
            return MatrixToImageWriter.toBufferedImage(m);
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** {@code image} as {@code format} ("png" or "jpg") bytes. */
    public static byte[] encode(BufferedImage image, String format) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(rgb, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A phone photo of a printed code: on a grey table, turned {@code degrees}, scaled to {@code scale}. */
    public static BufferedImage photographed(BufferedImage qr, double degrees, double scale) {
        int side = (int) (Math.max(qr.getWidth(), qr.getHeight()) * 1.6);
        BufferedImage photo = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(0x9a, 0x9a, 0x94));
        g.fillRect(0, 0, side, side);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(side / 2.0, side / 2.0);
        t.rotate(Math.toRadians(degrees));
        t.scale(scale, scale);
        t.translate(-qr.getWidth() / 2.0, -qr.getHeight() / 2.0);
        g.drawImage(qr, t, null);
        g.dispose();
        return photo;
    }

    /** A picture with no QR code in it: an orange oval. */
    public static BufferedImage noQrCode() {
        BufferedImage blank = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(20, 20, 200, 150);
        g.dispose();
        return blank;
    }

    /**
     * A PNG of {@code width} x {@code height} zero pixels at {@code bitDepth} bits per sample,
     * RGBA ({@code colorType} 6) or grey (0): the decompression bomb of a few hundred KB that
     * unpacks into hundreds of MB. Written row by row, so making it needs no such memory.
     */
    public static byte[] blankPng(int width, int height, int bitDepth, int colorType) {
        int channels = colorType == 6 ? 4 : colorType == 2 ? 3 : 1;
        int rowBytes = 1 + width * channels * bitDepth / 8;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(idat,
                new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[rowBytes];
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) bitDepth).put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        crc.update(name);
        crc.update(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** {@code image} as a PNG of 16-bit RGBA samples, as some editors save screenshots. */
    public static byte[] png16(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        java.awt.color.ColorSpace cs = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(cs, true, false,
                java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_USHORT);
        BufferedImage deep = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
        Graphics2D g = deep.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(deep, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code image} as a progressive JPEG, as web tools save pictures to load coarse-first. */
    public static byte[] progressiveJpeg(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
