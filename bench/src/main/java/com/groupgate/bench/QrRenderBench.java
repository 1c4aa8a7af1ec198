package com.groupgate.bench;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.groupgate.id.Id;
import com.groupgate.qr.Ecc;
import com.groupgate.qr.QrImage;
import com.groupgate.qr.QrPng;
import com.groupgate.token.CodeKind;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanToken;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rendering a scan URL's QR code to PNG, ours against zxing-javase's QRCodeWriter with
 * MatrixToImageWriter (AWT + ImageIO): the same URL, level M, 8-pixel modules, 4-module
 * margin, so both images are the same 360 x 360 pixels.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QrRenderBench {
    private static final int MODULE_PX = 8;

    private String url;
    private int sidePx;
    private final QRCodeWriter writer = new QRCodeWriter();
    private final Map<EncodeHintType, Object> hints =
            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4);

    @Setup
    public void setUp() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        KeyRing ring = KeyRing.of(new SigningKey(1, secret, false));
        String token = TokenCodec.issue(ring, CodeKind.GROUP_CODE, Id.random(), Id.random(), Id.random(),
                ScanToken.NEVER, new SecureRandom());
        url = ScanUrl.scanUrl("HTTPS://GG.EXAMPLE.CN/S/", token);
        sidePx = QrImage.render(url, Ecc.M, MODULE_PX).sizePx();
    }

    @Benchmark
    public QrPng groupgateRender() {
        return QrImage.render(url, Ecc.M, MODULE_PX);
    }

    @Benchmark
    public byte[] zxingMatrixToImageWriter() throws WriterException, IOException {
        BitMatrix matrix = writer.encode(url, BarcodeFormat.QR_CODE, sidePx, sidePx, hints);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        return out.toByteArray();
    }
}
