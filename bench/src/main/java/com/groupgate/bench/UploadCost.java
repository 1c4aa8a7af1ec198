package com.groupgate.bench;

import com.groupgate.entry.QrPicture;
import com.groupgate.entry.QrPictures;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * What the worst entry-picture uploads cost {@link QrPicture#read}: this thread's CPU time,
 * the bytes it allocated, and the heap's peak above what was live before (all heap pools'
 * peaks, reset after a GC), per picture. Each picture is read twice to warm up, then five
 * times; the median CPU time and the largest allocation and peak are printed. "before" reads
 * the bomb as the upload route did before it was judged by its header (a full decode), once.
 * Run with {@code java -cp bench/target/groupgate-bench.jar com.groupgate.bench.UploadCost}.
 */
public final class UploadCost {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    private UploadCost() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, byte[]> pictures = new LinkedHashMap<>();
        pictures.put("bomb: 16-bit RGBA PNG 6320x6320 (refused)", QrPictures.blankPng(6320, 6320, 16, 6));
        int rgba = (int) Math.sqrt(QrPicture.MAX_PNG_SAMPLE_BYTES / 4.0);
        int rgba16 = (int) Math.sqrt(QrPicture.MAX_PNG_SAMPLE_BYTES / 8.0);
        pictures.put("largest 8-bit RGBA PNG taken, " + rgba + "x" + rgba + " with a QR", png(withQr(rgba, rgba)));
        pictures.put("largest 16-bit RGBA PNG taken, " + rgba16 + "x" + rgba16 + " with a QR",
                QrPictures.png16(withQr(rgba16, rgba16)));
        pictures.put("largest 8-bit RGBA PNG taken, no QR in it", png(blank(rgba, rgba)));
        pictures.put("largest JPEG taken, 5400x4000 photo of a QR", QrPictures.encode(photo(5400, 4000), "jpg"));
        pictures.put("largest JPEG taken, 5400x4000, no QR in it", QrPictures.encode(blank(5400, 4000), "jpg"));
        int progressive = (int) Math.sqrt(QrPicture.MAX_PROGRESSIVE_JPEG_SAMPLE_BYTES / 3.0);
        pictures.put("largest progressive JPEG taken, " + progressive + "x" + progressive + ", a QR",
                QrPictures.progressiveJpeg(photo(progressive, progressive)));
        pictures.put("largest progressive JPEG taken, no QR in it",
                QrPictures.progressiveJpeg(blank(progressive, progressive)));
        pictures.put("progressive JPEG 5400x4000 (refused)", QrPictures.progressiveJpeg(photo(5400, 4000)));
        pictures.put("phone photo JPEG 4160x4160", QrPictures.encode(
                QrPictures.photographed(QrPictures.qr(QrPictures.WECHAT, 2600), 8, 1.0), "jpg"));
        pictures.put("WeChat screenshot PNG 430x430", QrPictures.encode(QrPictures.qr(QrPictures.WECHAT, 430), "png"));
        System.out.printf("%-55s %9s %10s %10s %10s  %s%n", "picture", "file KB", "CPU ms", "alloc MiB",
                "peak MiB", "outcome");
        byte[] bomb = pictures.values().iterator().next();
        measure("before: the bomb fully decoded (ImageIO.read)", bomb, 0, 1, () -> {
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(bomb));
                return image.getWidth() + "x" + image.getHeight() + " decoded";
            } catch (IOException e) {
                return e.toString();
            }
        });
        for (Map.Entry<String, byte[]> p : pictures.entrySet()) {
            measure(p.getKey(), p.getValue(), 2, 5, () -> outcome(QrPicture.read(p.getValue())));
        }
    }

    private static String outcome(QrPicture.Reading reading) {
        return reading instanceof QrPicture.Decoded ? "decoded" : reading.toString();
    }

    private static void measure(String name, byte[] bytes, int warmups, int runs, Supplier<String> read) {
        for (int i = 0; i < warmups; i++) {
            read.get();
        }
        long[] cpu = new long[runs];
        long alloc = 0;
        long peak = 0;
        String outcome = "";
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < runs; i++) {
            System.gc();
            long live = HEAP.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
            HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
            long a0 = THREADS.getThreadAllocatedBytes(thread);
            long c0 = THREADS.getCurrentThreadCpuTime();
            outcome = read.get();
            cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
            alloc = Math.max(alloc, THREADS.getThreadAllocatedBytes(thread) - a0);
            peak = Math.max(peak, HEAP.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - live);
        }
        Arrays.sort(cpu);
        System.out.printf("%-55s %9d %10.1f %10.1f %10.1f  %s%n", name, bytes.length / 1024, cpu[runs / 2] / 1e6,
                alloc / 1048576.0, peak / 1048576.0, outcome);
    }

    private static BufferedImage withQr(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        int side = Math.min(width, height) / 2;
        g.drawImage(QrPictures.qr(QrPictures.WECHAT, side), (width - side) / 2, (height - side) / 2, null);
        g.dispose();
        return image;
    }

    /** A picture with no QR code: a grey gradient with a few shapes, what costs the decoder its every try. */
    private static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.LIGHT_GRAY, width, height, java.awt.Color.DARK_GRAY));
        g.fillRect(0, 0, width, height);
        g.setColor(java.awt.Color.ORANGE);
        for (int i = 0; i < 12; i++) {
            g.fillOval(i * width / 12, (i % 3) * height / 3, width / 14, height / 5);
        }
        g.dispose();
        return image;
    }

    private static BufferedImage photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0x9a, 0x9a, 0x94));
        g.fillRect(0, 0, width, height);
        int side = Math.min(width, height) / 2;
        g.rotate(Math.toRadians(6), width / 2.0, height / 2.0);
        g.drawImage(QrPictures.qr(QrPictures.WECHAT, side), (width - side) / 2, (height - side) / 2, null);
        g.dispose();
        return image;
    }

    /** An ARGB picture as an 8-bit RGBA PNG. */
    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
