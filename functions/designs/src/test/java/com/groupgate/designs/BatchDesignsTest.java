package com.groupgate.designs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.batch.PngDesigns;
import com.groupgate.batch.PrintFormat;
import com.groupgate.design.DesignFormat;
import com.groupgate.qr.Medium;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The batch worker's renderer without AWS: every batch format draws a file that reads back as its URL. */
class BatchDesignsTest {
    private static final BatchDesigns DESIGNS = new BatchDesigns();

    @Test
    void drawsEveryBatchFormat() {
        assertEquals(EnumSet.allOf(PrintFormat.class), DESIGNS.formats());
    }

    @Test
    void pngIsTheCodesOwnPlainImageAndSvgAndPdfAreDesignsThatDecodeBack() {
        String url = DesignRenderingTest.SCAN_URL;
        assertTrue(Arrays.equals(new PngDesigns().render(url, Medium.POSTER, PrintFormat.PNG, "徐汇店"),
                DESIGNS.render(url, Medium.POSTER, PrintFormat.PNG, "徐汇店")));
        assertEquals(url, DesignFiles.decode(DesignFormat.PNG, DESIGNS.render(url, Medium.POSTER, PrintFormat.PNG, null)));
        assertEquals(url, DesignFiles.decode(DesignFormat.SVG, DESIGNS.render(url, Medium.FLYER, PrintFormat.SVG, "徐汇店")));
        assertEquals(url, DesignFiles.decode(DesignFormat.PDF, DESIGNS.render(url, Medium.POSTER, PrintFormat.PDF, "徐汇店")));
    }

    @Test
    void aPdfPrintsTheRowsLabelAsText() throws IOException {
        byte[] pdf = DESIGNS.render(DesignRenderingTest.SCAN_URL, Medium.STICKER, PrintFormat.PDF, "静安寺店 2F");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(new PDFTextStripper().getText(doc).contains("静安寺店 2F"));
        }
    }

    @Test
    void rowsDrawnSideBySideAsTheWorkerDrawsThemAllDecode() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> files = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                PrintFormat format = i % 2 == 0 ? PrintFormat.PDF : PrintFormat.SVG;
                String label = "门店 " + i;
                files.add(threads.submit(() -> DESIGNS.render(DesignRenderingTest.SCAN_URL, Medium.FLYER, format,
                        label)));
            }
            for (int i = 0; i < files.size(); i++) {
                DesignFormat format = i % 2 == 0 ? DesignFormat.PDF : DesignFormat.SVG;
                assertEquals(DesignRenderingTest.SCAN_URL, DesignFiles.decode(format, files.get(i).get()));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
