package com.groupgate.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaksAndRecordsAreNamedByTheLineTheyStartOn() {
        CsvRecords.Parsed p = CsvRecords.read("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\r\nlast,row", 10);
        assertEquals(List.of(), p.malformed());
        assertEquals(List.of(new CsvRecords.Record(1, List.of("a", "b")),
                new CsvRecords.Record(2, List.of("x,1", "say \"hi\"")),
                new CsvRecords.Record(3, List.of("two\nlines", "z")),
                new CsvRecords.Record(5, List.of("last", "row"))), p.records());
    }

    @Test
    void aLeadingByteOrderMarkIsSkippedAndBareLineFeedsAndTrailingBreaksAreTaken() {
        CsvRecords.Parsed p = CsvRecords.read("\uFEFFa,b\nc,d\n\n", 10);
        assertEquals(List.of(new CsvRecords.Record(1, List.of("a", "b")),
                new CsvRecords.Record(2, List.of("c", "d"))), p.records());
    }

    @Test
    void aStrayQuoteIsMalformedOnItsLineAndReadingGoesOn() {
        CsvRecords.Parsed p = CsvRecords.read("a,b\nx\"y,1\n\"q\"z,2\nok,3", 10);
        assertEquals(List.of(2, 3), p.malformed().stream().map(CsvRecords.Malformed::line).toList());
        assertEquals(List.of(1, 4), p.records().stream().map(CsvRecords.Record::line).toList());
    }

    @Test
    void anUnclosedQuoteIsMalformedAtTheLineItOpens() {
        CsvRecords.Parsed p = CsvRecords.read("a,b\n1,\"open\nmore\n", 10);
        assertEquals(1, p.malformed().size());
        assertEquals(2, p.malformed().get(0).line());
        assertTrue(p.malformed().get(0).message().contains("never closed"));
    }

    @Test
    void readingStopsOneRecordPastTheLimit() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append(i).append('\n');
        }
        assertEquals(6, CsvRecords.read(text.toString(), 5).records().size());
    }
}
