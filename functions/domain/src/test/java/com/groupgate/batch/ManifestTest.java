package com.groupgate.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.groupgate.id.BatchId;
import org.junit.jupiter.api.Test;

class ManifestTest {

    @Test
    void cellsAreQuotedAsRfc4180AndFormulasAreDefused() {
        assertEquals("2,store-1,\"徐汇, 1F\",abc,HTTP://X/S/1,codes/0002-abc.png\r\n",
                Manifest.line(2, "store-1", "徐汇, 1F", "abc", "HTTP://X/S/1", "codes/0002-abc.png"));
        assertEquals("'=HYPERLINK(1)", Manifest.cell("=HYPERLINK(1)"));
        assertEquals("\"'+1,2\"", Manifest.cell("+1,2"));
        assertEquals("'@x", Manifest.cell("@x"));
        assertEquals("\"say \"\"hi\"\"\"", Manifest.cell("say \"hi\""));
        assertEquals("", Manifest.cell(null));
    }

    @Test
    void theFileStartsWithAByteOrderMarkAndTheHeader() {
        assertEquals("\uFEFFline,channel,label,codeId,scanUrl,file\r\n", Manifest.header());
    }

    @Test
    void fileNamesSortByLine() {
        assertEquals("codes/0007-abc.png", Manifest.fileName(7, "abc", PrintFormat.PNG));
    }

    @Test
    void aRowsCodeIdIsTheSameOnEveryRunAndDiffersByLineAndBatch() {
        BatchId batch = BatchId.random();
        assertEquals(BatchCodeIds.of(batch, 2), BatchCodeIds.of(batch, 2));
        assertNotEquals(BatchCodeIds.of(batch, 2), BatchCodeIds.of(batch, 3));
        assertNotEquals(BatchCodeIds.of(batch, 2), BatchCodeIds.of(BatchId.random(), 2));
    }
}
