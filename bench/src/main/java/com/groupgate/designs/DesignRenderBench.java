package com.groupgate.designs;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.groupgate.design.DesignColours;
import com.groupgate.design.DesignFormat;
import com.groupgate.id.Id;
import com.groupgate.qr.Medium;
import com.groupgate.qr.QrMatrix;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanUrl;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A design rendered and read back, per format, as the designs function serves it (a group
 * code's short-token URL, the screen and poster media, no logo and with one, a frame), beside
 * zxing-javase's QRCodeWriter + MatrixToImageWriter writing a plain PNG of the same pixel size
 * (no read-back, no logo, no frame: the floor a design's extras are measured against). In the
 * bench module's copy of the designs package, to reach the package-private renderer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DesignRenderBench {
    @Param({"png", "svg", "pdf"})
    public String format;

    @Param({"screen", "poster"})
    public String medium;

    @Param({"false", "true"})
    public boolean logo;

    private final Designer designer = new Designer();
    private final QRCodeWriter writer = new QRCodeWriter();
    private DesignQuery query;
    private Designer.Content content;
    private int sidePx;
    private Map<EncodeHintType, Object> hints;

    @Setup
    public void setUp() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        byte[] salt = new byte[TokenCodec.SHORT_SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        String token = TokenCodec.issueShort(KeyRing.of(new SigningKey(1, secret, false)), Id.random(), Id.random(),
                System.currentTimeMillis() / 1000 + 86_400, salt);
        String url = ScanUrl.scanUrl("HTTPS://GG.EXAMPLE.COM/S/", token);
        Medium m = Medium.parse(medium).orElseThrow();
        query = new DesignQuery(DesignFormat.parse(format).orElseThrow(), m, logo, DesignColours.DEFAULT,
                DesignQuery.DEFAULT_FRAME);
        Designer.LogoPicture picture = logo ? new Designer.LogoPicture(LogoSample.png(512), "image/png", "bench") : null;
        content = new Designer.Content(url, picture, "微信扫码 加入群聊", "深圳南山店 顾客群", "store-poster");
        QrMatrix matrix = QrMatrix.encode(url, Designer.ecc(query));
        sidePx = m.modulePx(matrix.version()) * (matrix.size() + 2 * m.quietZoneModules());
        hints = Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.valueOf(Designer.ecc(query).name()),
                EncodeHintType.MARGIN, m.quietZoneModules());
    }

    @Benchmark
    public byte[] design() {
        return designer.render(query, content).bytes();
    }

    @Benchmark
    public byte[] zxingMatrixToImageWriter() throws WriterException, IOException {
        BitMatrix matrix = writer.encode(content.scanUrl(), BarcodeFormat.QR_CODE, sidePx, sidePx, hints);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        return out.toByteArray();
    }
}
