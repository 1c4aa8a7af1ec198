package com.groupgate.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.code.Channel;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.qr.Medium;
import com.groupgate.scan.DailyCap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchCsvTest {
    private static final String HEADER = "channel,label,groupId,liveCodeId,dailyScanLimit,ttlSeconds,medium,format\n";
    private static final Set<PrintFormat> PNG = Set.of(PrintFormat.PNG);
    private static final GroupId GROUP = GroupId.random();
    private static final LiveCodeId LIVE = LiveCodeId.random();

    private static List<String> problems(String text) {
        return BatchCsv.validate(text, PNG).problems().stream().map(p -> p.line() + ":" + p.field() + ":" + p.code())
                .toList();
    }

    @Test
    void validRowsBecomeRowsWithTheirLinesAndDefaults() {
        BatchCsv.Validated v = BatchCsv.validate("\uFEFF" + HEADER
                + "store-001,\"徐汇店, 1F\"," + GROUP + ",,200,3600,flyer,png\r\n"
                + ",," + "," + LIVE + ",,,,\r\n", PNG);
        assertEquals(List.of(), v.problems());
        assertEquals(List.of(
                new BatchRow(2, Channel.of("store-001"), "徐汇店, 1F", GROUP, null, 200, 3600, Medium.FLYER, PrintFormat.PNG),
                new BatchRow(3, null, null, null, LIVE, DailyCap.DEFAULT_CAP, 0, BatchCsv.DEFAULT_MEDIUM,
                        PrintFormat.PNG)), v.rows());
    }

    @Test
    void everyBadCellIsListedWithItsLineAndColumnAndNoRowIsKept() {
        BatchCsv.Validated v = BatchCsv.validate(HEADER
                + "ok," + "," + GROUP + ",,,,,\n"
                + "bad channel!,,nope,,0,59,tiny,gif\n"
                + ",,,,,,,\n"
                + ",," + GROUP + "," + LIVE + ",,,,\n"
                + ",,," + LIVE + ",10,3600,,svg\n"
                + "one,two\n", PNG);
        assertEquals(List.of(), v.rows());
        assertEquals(List.of("3:channel:invalid", "3:groupId:invalid", "3:dailyScanLimit:invalid",
                "3:ttlSeconds:invalid", "3:medium:invalid", "3:format:invalid",
                "4:groupId:required",
                "5:liveCodeId:conflict",
                "6:dailyScanLimit:not_allowed", "6:ttlSeconds:not_allowed", "6:format:format_unavailable",
                "7:line:wrong_cell_count"), problems(HEADER
                + "ok," + "," + GROUP + ",,,,,\n"
                + "bad channel!,,nope,,0,59,tiny,gif\n"
                + ",,,,,,,\n"
                + ",," + GROUP + "," + LIVE + ",,,,\n"
                + ",,," + LIVE + ",10,3600,,svg\n"
                + "one,two\n"));
        assertTrue(v.problems().stream().allMatch(p -> !p.message().isBlank()));
    }

    @Test
    void linesAreCountedAsAnEditorShowsThemAcrossQuotedLineBreaks() {
        // The label's line break is refused too, and the next record is still line 4.
        assertEquals(List.of("2:label:invalid", "4:channel:invalid"), problems(HEADER
                + ",\"a label\nover two lines\"," + GROUP + ",,,,,\n"
                + "x y,," + GROUP + ",,,,,\n"));
    }

    @Test
    void aMissingOrDifferentHeaderIsOneProblemOnLineOne() {
        assertEquals(List.of("1:header:bad_header"), problems("groupId,channel\n" + GROUP + ",x\n"));
        assertEquals(List.of("1:header:bad_header"), problems(""));
    }

    @Test
    void aHeaderWithoutRowsIsRefused() {
        assertEquals(List.of("2:body:no_rows"), problems(HEADER));
    }

    @Test
    void fiveThousandRowsAreTakenAndOneMoreIsRefused() {
        StringBuilder text = new StringBuilder(HEADER);
        String row = "c,," + GROUP + ",,,,,\n";
        text.append(row.repeat(BatchCsv.MAX_ROWS));
        assertEquals(BatchCsv.MAX_ROWS, BatchCsv.validate(text.toString(), PNG).rows().size());
        assertEquals(List.of((BatchCsv.MAX_ROWS + 2) + ":body:too_many_rows"), problems(text + row));
    }

    @Test
    void labelsAreRefusedForLengthControlAndBidiCharacters() {
        assertEquals(List.of("2:label:invalid", "3:label:invalid", "4:label:invalid"), problems(HEADER
                + ",\"" + "店".repeat(41) + "\"," + GROUP + ",,,,,\n"
                + ",\"a\tb\"," + GROUP + ",,,,,\n"
                + ",\"a\u202Eb\"," + GROUP + ",,,,,\n"
                + ",\"" + "店".repeat(40) + "\"," + GROUP + ",,,,,\n"));
    }

    @Test
    void aMalformedRecordIsNamedByItsLine() {
        assertEquals(List.of("3:line:malformed_csv"), problems(HEADER
                + ",," + GROUP + ",,,,,\n"
                + "a\"b,," + GROUP + ",,,,,\n"));
    }
}
