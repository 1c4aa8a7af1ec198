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
}
