package com.groupgate.designs;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.groupgate.campaign.PosterPlacement;
import com.groupgate.design.Colour;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A member's poster as the designs function draws it the first time its URL is asked for
 * ({@link PosterRenderer#render}: the template decoded, the QR and the display name drawn, the
 * poster read back with zxing, the PNG written), in this thread's CPU time, beside two zxing
 * peers in the same run: {@code QRCodeWriter} + {@code MatrixToImageWriter} writing the QR square
 * alone (the floor), and the same QR drawn onto the decoded template and written as PNG (no
 * name, no read-back). Templates: a 750 × 1334 PNG (a phone poster with a gradient) and a
 * 1080 × 1920 JPEG. Each workload is warmed up, then run nine times: median and fastest, ms,
 * and the file's size. Run with
 * {@code java -cp bench/target/groupgate-bench.jar com.groupgate.designs.PosterCpuTime}.
 */
public final class PosterCpuTime {
    /** An invite URL as the join hands it out: a 24-character base and a v1 token of 87 characters. */
    private static final String INVITE_URL = "HTTPS://GG.EXAMPLE.COM/S/"
            + "AEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAI";

    private PosterCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("%-22s %-12s %30s %30s %30s%n", "template", "name", "poster: median / fastest ms",
                "zxing QR PNG alone", "zxing QR on template");
        for (int[] size : new int[][] {{750, 1334}, {1080, 1920}}) {
            String format = size[0] == 750 ? "png" : "jpg";
            byte[] template = template(size[0], size[1], format);
            int qr = size[0] / 3;
            PosterPlacement placement = new PosterPlacement((size[0] - qr) / 2, size[1] - qr - size[1] / 12, qr,
                    size[0] / 12, size[1] / 12, size[1] / 20, Colour.parse("7b241c", "nameColor"));
            for (String name : new String[] {"小红 Alice", null}) {
                PosterRenderer renderer = new PosterRenderer();
                int[] bytes = new int[3];
                double[] ours = ThreadCpuTime.measure(() -> bytes[0] = renderer.render(template, placement, INVITE_URL, name).length);
                double[] alone = ThreadCpuTime.measure(() -> bytes[1] = zxingAlone(qr).length);
                double[] composed = ThreadCpuTime.measure(() -> bytes[2] = zxingOnTemplate(template, placement).length);
                System.out.printf("%-22s %-12s %13.1f / %6.1f (%,8d B) %13.1f / %6.1f (%,8d B) %13.1f / %6.1f (%,8d B)%n",
                        size[0] + "x" + size[1] + " " + format, name == null ? "(none)" : "CJK+Latin", ours[0], ours[1],
                        bytes[0], alone[0], alone[1], bytes[1], composed[0], composed[1], bytes[2]);
            }
        }
    }

    private static BitMatrix matrix(int side) throws Exception {
        return new QRCodeWriter().encode(INVITE_URL, BarcodeFormat.QR_CODE, side, side,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
    }

    private static byte[] zxingAlone(int side) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MatrixToImageWriter.writeToStream(matrix(side), "PNG", out);
        return out.toByteArray();
    }

    private static byte[] zxingOnTemplate(byte[] template, PosterPlacement p) throws Exception {
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(template));
        BufferedImage out = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(picture, 0, 0, null);
        g.drawImage(MatrixToImageWriter.toBufferedImage(matrix(p.qrSize())), p.qrX(), p.qrY(), null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    private static byte[] template(int w, int h, String format) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0xC0392B), 0, h, new Color(0xF5B041)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0xFDF2E9));
        g.fillRoundRect(w / 16, h / 20, w - w / 8, h / 2, 40, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
