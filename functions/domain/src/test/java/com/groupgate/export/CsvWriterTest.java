package com.groupgate.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The CSV an export writes, read back by an independent RFC 4180 reader (Apache Commons CSV). */
class CsvWriterTest {
    private static final List<String> HEADER = List.of("a", "b");

    private static String write(List<String> header, List<List<String>> rows) {
        StringWriter out = new StringWriter();
        CsvWriter csv = CsvWriter.start(out, header);
        rows.forEach(csv::row);
        csv.flush();
        return out.toString();
    }

    private static List<List<String>> read(String text) throws IOException {
        assertEquals(CsvWriter.BYTE_ORDER_MARK, text.charAt(0), "the byte order mark comes first");
        List<List<String>> out = new ArrayList<>();
        for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(text.substring(1)))) {
            out.add(r.toList());
        }
        return out;
    }

    @Test
    void fileStartsWithTheUtf8ByteOrderMarkSoExcelReadsChinese() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            CsvWriter.start(w, List.of("groupName")).row(List.of("三年二班"));
        }
        byte[] all = bytes.toByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(all, 3));
        assertEquals("\uFEFFgroupName\r\n三年二班\r\n", new String(all, StandardCharsets.UTF_8));
    }

    @Test
    void recordsEndWithCrlfAndPlainCellsAreNotQuoted() {
        assertEquals("\uFEFFa,b\r\nx,y z\r\n", write(HEADER, List.of(List.of("x", "y z"))));
    }

    @Test
    void commasQuotesAndLineBreaksInsideCellsAreQuotedAndReadBackWhole() throws IOException {
        List<String> tricky = List.of("Smith, Jane", "say \"hi\"");
        List<String> breaks = List.of("line1\nline2", "a\r\nb");
        String text = write(HEADER, List.of(tricky, breaks));
        assertEquals("\uFEFFa,b\r\n\"Smith, Jane\",\"say \"\"hi\"\"\"\r\n\"line1\nline2\",\"a\r\nb\"\r\n", text);
        assertEquals(List.of(HEADER, tricky, breaks), read(text));
    }

    @Test
    void cellsStartingLikeAFormulaGetALeadingApostrophe() throws IOException {
        List<String> cells = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx");
        List<String> header = List.of("c1", "c2", "c3", "c4", "c5", "c6");
        List<List<String>> back = read(write(header, List.of(cells)));
        assertEquals(List.of("'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx"),
                back.get(1));
    }

    @Test
    void onlyTheFirstCharacterMakesACellLookLikeAFormula() {
        assertEquals("a=b", CsvWriter.cell("a=b"));
        assertEquals("1-2", CsvWriter.cell("1-2"));
        assertEquals(" =x", CsvWriter.cell(" =x"));
        assertEquals("x@y", CsvWriter.cell("x@y"));
        assertEquals("'=1", CsvWriter.cell("=1"));
        assertEquals("'-", CsvWriter.cell("-"));
    }

    @Test
    void anInjectedCellThatAlsoNeedsQuotesIsPrefixedInsideTheQuotes() {
        assertEquals("\"'=1,2\"", CsvWriter.cell("=1,2"));
        assertEquals("\"'\r\"", CsvWriter.cell("\r"));
        assertEquals("\"'\t\"\"\"", CsvWriter.cell("\t\""));
    }

    @Test
    void nullAndEmptyCellsAreEmpty() throws IOException {
        List<String> row = Arrays.asList(null, "");
        String text = write(HEADER, List.of(row));
        assertEquals("\uFEFFa,b\r\n,\r\n", text);
        assertEquals(List.of("", ""), read(text).get(1));
    }

    @Test
    void countsDataRowsNotTheHeader() {
        CsvWriter csv = CsvWriter.start(new StringWriter(), HEADER);
        assertEquals(0, csv.rows());
        csv.row(List.of("1", "2"));
        csv.row(List.of("3", "4"));
        assertEquals(2, csv.rows());
    }

    @Test
    void aRowOfAnotherWidthThanTheHeaderIsAMistake() {
        CsvWriter csv = CsvWriter.start(new StringWriter(), HEADER);
        assertThrows(IllegalArgumentException.class, () -> csv.row(List.of("only one")));
        assertThrows(IllegalArgumentException.class, () -> CsvWriter.start(new StringWriter(), List.of()));
    }

    /** Whatever a cell holds, a reader gets it back, with the apostrophe when it starts like a formula. */
    @Property(tries = 500)
    void anyCellReadsBackAsWrittenOrInert(@ForAll String a, @ForAll String b) throws IOException {
        List<List<String>> back = read(write(HEADER, List.of(List.of(a, b))));
        assertEquals(2, back.size());
        assertEquals(List.of(inert(a), inert(b)), back.get(1));
    }

    private static String inert(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
