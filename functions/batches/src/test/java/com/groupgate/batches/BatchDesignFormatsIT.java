package com.groupgate.batches;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.groupgate.api.CodesApiHandler;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.PresignedUrls;
import com.groupgate.testkit.TestDeployment;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * A batch whose rows ask for png, svg and pdf, run by the worker as deployed (its default
 * renderer, the designs module's): the upload is accepted, and every file in the ZIP reads
 * back as the scan URL the manifest lists for it when someone else's software opens it —
 * PNG through ImageIO, SVG through Apache Batik, PDF through PDFBox's renderer, then zxing.
 */
class BatchDesignFormatsIT {
    private static final String HEADER = "channel,label,groupId,liveCodeId,dailyScanLimit,ttlSeconds,medium,format\r\n";

    @Test
    void pngSvgAndPdfRowsAreDrawnAndEachFileDecodesToItsScanUrl() throws Exception {
        TestDeployment aws = TestDeployment.get();
        HttpCalls api = new HttpCalls(new CodesApiHandler(aws.wiring("CodesApiFunction", Clock.systemUTC())));
        HttpCalls.Response tenant = api.post("/v1/tenants", "{\"name\":\"Print Shop\"}", bearer(TestDeployment.ADMIN_KEY));
        assertEquals(201, tenant.status(), tenant.body());
        Map<String, String> auth = bearer(tenant.text("apiKey"));
        HttpCalls.Response group = api.post("/v1/groups", "{\"name\":\"门店会员群\"}", auth);
        assertEquals(201, group.status(), group.body());
        String groupId = group.text("groupId");
        HttpCalls.Response live = api.post("/v1/live-codes", "{\"name\":\"总店\",\"groupIds\":[\"" + groupId + "\"]}",
                auth);
        assertEquals(201, live.status(), live.body());
        String csv = HEADER
                + "store-1,徐汇店," + groupId + ",,,,poster,png\r\n"
                + "store-2,静安店," + groupId + ",,,,flyer,svg\r\n"
                + "store-3,浦东店," + groupId + ",,,,poster,pdf\r\n"
                + "hq,总店,," + live.text("liveCodeId") + ",,,sticker,pdf\r\n";
        Map<String, String> headers = new HashMap<>(auth);
        headers.put("content-type", "text/csv");
        HttpCalls.Response upload = api.exact("POST", "/v1/batches", csv.getBytes(StandardCharsets.UTF_8), false,
                headers);
        assertEquals(202, upload.status(), upload.body());
        String batchId = upload.text("batchId");

        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("message-" + batchId);
        m.setBody("{\"tenantId\":\"" + tenant.text("tenantId") + "\",\"batchId\":\"" + batchId + "\"}");
        m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        SQSBatchResponse response = new BatchWorkerFunction(aws.wiring("BatchWorkerFunction", Clock.systemUTC()))
                .handleRequest(event, null);
        assertEquals(List.of(), response.getBatchItemFailures());

        JsonNode done = api.get("/v1/batches/" + batchId, auth).json();
        assertEquals("done", done.path("status").asText(), done.toString());
        Map<String, byte[]> zip = zip(done.path("zipUrl").asText());
        String manifest = new String(zip.get("manifest.csv"), StandardCharsets.UTF_8);
        String[] lines = manifest.substring(1).split("\r\n");
        assertEquals(5, lines.length, manifest);
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            String scanUrl = cells[4];
            String file = cells[5];
            byte[] bytes = zip.get(file);
            assertTrue(bytes != null, file);
            BufferedImage picture = switch (file.substring(file.lastIndexOf('.') + 1)) {
                case "png" -> ImageIO.read(new ByteArrayInputStream(bytes));
                case "svg" -> svg(bytes);
                case "pdf" -> pdf(bytes);
                default -> throw new AssertionError("unexpected file " + file);
            };
            assertEquals(scanUrl, decode(picture), file + " reads back as its manifest's scan URL");
        }
        assertTrue(lines[2].endsWith(".svg") && lines[3].endsWith(".pdf") && lines[4].endsWith(".pdf"), manifest);
        try (PDDocument pdf = Loader.loadPDF(zip.get(lines[3].split(",", -1)[5]))) {
            assertTrue(new PDFTextStripper().getText(pdf).contains("浦东店"), "the PDF prints the row's label as text");
        }
        for (int i = 1; i <= 3; i++) {
            String[] cells = lines[i].split(",", -1);
            JsonNode code = api.get("/v1/codes/" + cells[3], auth).json();
            assertEquals(cells[2], code.path("label").asText(), "the row's label is stored on the code it issues");
        }
    }

    private static Map<String, byte[]> zip(String url) throws IOException {
        var response = PresignedUrls.get(url, "CodesApiFunction");
        assertEquals(200, response.statusCode());
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                out.put(e.getName(), bytes.toByteArray());
            }
        }
        return out;
    }

    private static String decode(BufferedImage picture) {
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(picture))), Map.of(DecodeHintType.TRY_HARDER, true)).getText();
        } catch (ReaderException e) {
            return null;
        }
    }

    /** The SVG as Batik renders it, 900 px wide on white. */
    private static BufferedImage svg(byte[] file) {
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
        transcoder.addTranscodingHint(ImageTranscoder.KEY_WIDTH, 900f);
        transcoder.addTranscodingHint(ImageTranscoder.KEY_BACKGROUND_COLOR, Color.WHITE);
        try {
            transcoder.transcode(new TranscoderInput(new ByteArrayInputStream(file)), null);
        } catch (TranscoderException e) {
            throw new IllegalStateException(e);
        }
        return out[0];
    }

    /** The PDF's page as PDFBox renders it, its long side 1,600 px. */
    private static BufferedImage pdf(byte[] file) throws IOException {
        try (PDDocument doc = Loader.loadPDF(file)) {
            float longSide = Math.max(doc.getPage(0).getMediaBox().getWidth(), doc.getPage(0).getMediaBox().getHeight());
            return new PDFRenderer(doc).renderImage(0, 1600 / longSide, ImageType.RGB);
        }
    }
}
