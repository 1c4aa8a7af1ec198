package com.groupgate.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * Rows as CSV that Excel opens as it was written: a byte order mark first (so Excel reads
 * UTF-8, Chinese included, instead of the system code page), RFC 4180 records (CRLF line
 * ends; a cell holding a comma, a double quote, CR or LF is quoted, its quotes doubled), and
 * no cell that a spreadsheet would take for a formula.
 *
 * <p>Formula injection: a cell whose text starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or CR is written with a leading {@code '} (OWASP's CSV injection
 * advice), so a memberRef such as {@code =HYPERLINK(…)} shows as text. The prefix is added
 * before quoting, so the quote rule sees the cell as written.
 *
 * <p>Nothing is held beyond the row being written: the writer streams to {@code out},
 * which decides where the bytes go (a part buffer of an S3 multipart upload, in the worker).
 */
public final class CsvWriter {
    /** U+FEFF, written first: in UTF-8 the three bytes EF BB BF. */
    public static final char BYTE_ORDER_MARK = '\uFEFF';
    /** RFC 4180's record separator. */
    public static final String LINE_END = "\r\n";

    private final Writer out;
    private final int columns;
    private long rows;

    private CsvWriter(Writer out, int columns) {
        this.out = out;
        this.columns = columns;
    }

    /**
     * Writes the byte order mark and the header row; the writer then takes rows of as many
     * cells as the header has.
     */
    public static CsvWriter start(Writer out, List<String> header) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(header, "header");
        if (header.isEmpty()) {
            throw new IllegalArgumentException("header: must name at least one column");
        }
        CsvWriter writer = new CsvWriter(out, header.size());
        writer.append(String.valueOf(BYTE_ORDER_MARK));
        writer.record(header);
        return writer;
    }

    /** One data row; a null cell is empty. */
    public void row(List<String> cells) {
        Objects.requireNonNull(cells, "cells");
        if (cells.size() != columns) {
            throw new IllegalArgumentException("cells: " + cells.size() + " given, the header has " + columns);
        }
        record(cells);
        rows++;
    }

    /** The data rows written so far (the header not counted). */
    public long rows() {
        return rows;
    }

    /** Writes what is buffered on to {@code out}'s destination. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(List<String> cells) {
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        line.append(LINE_END);
        append(line.toString());
    }

    /** One cell as written: made inert for spreadsheets, then quoted when RFC 4180 needs it. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsLikeAFormula(value) ? "'" + value : value;
        if (!needsQuotes(text)) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** Whether a spreadsheet could read the cell as a formula: its first character is = + - @, a tab or CR. */
    static boolean startsLikeAFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    private void append(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
