package com.groupgate.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * RFC 4180 records from text: fields separated by commas, records by CRLF (a bare LF or CR
 * is taken too, as spreadsheets write them), a field in double quotes may hold commas,
 * line breaks and doubled quotes. A leading byte order mark (U+FEFF) is skipped, as Excel
 * writes one before UTF-8.
 *
 * <p>Each record carries the line it starts on as a person counts lines in an editor (the
 * first line is 1, the header's), so a record whose quoted field spans two lines is named
 * by its first. A record that cannot be read (a quote left open, a quote inside an
 * unquoted field, text after a closing quote) is one {@link Malformed} naming its line, and
 * reading goes on at the next line break outside quotes.
 */
public final class CsvRecords {

    /** One record's fields and the line it starts on. */
    public record Record(int line, List<String> fields) {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** A record that is not RFC 4180: where it starts and why. */
    public record Malformed(int line, String message) {
    }

    /** Every record read, and every one that could not be. */
    public record Parsed(List<Record> records, List<Malformed> malformed) {
        public Parsed {
            records = List.copyOf(records);
            malformed = List.copyOf(malformed);
        }
    }

    private CsvRecords() {
    }

    /**
     * Reads {@code text} up to {@code maxRecords} records (the rest are not read; the caller
     * learns that there were more from {@code records().size() > maxRecords}: one more is kept).
     * Lines that are wholly empty (a trailing line break) are no records.
     */
    public static Parsed read(String text, int maxRecords) {
        Objects.requireNonNull(text, "text");
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
        }
        List<Record> records = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int n = text.length();
        while (i < n && records.size() + malformed.size() <= maxRecords) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            String problem = null;
            boolean endOfRecord = false;
            boolean quoted = false;
            boolean afterQuote = false;
            boolean fieldStart = true;
            while (i < n && !endOfRecord) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            quoted = false;
                            afterQuote = true;
                            i++;
                        }
                    } else {
                        if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                            line++;
                        }
                        field.append(c);
                        i++;
                    }
                    continue;
                }
                switch (c) {
                    case ',' -> {
                        fields.add(field.toString());
                        field.setLength(0);
                        afterQuote = false;
                        fieldStart = true;
                        i++;
                    }
                    case '\r', '\n' -> {
                        i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                        line++;
                        endOfRecord = true;
                    }
                    case '"' -> {
                        if (fieldStart) {
                            quoted = true;
                            fieldStart = false;
                        } else if (problem == null) {
                            problem = "a double quote inside a field that does not start with one";
                        }
                        i++;
                    }
                    default -> {
                        if (afterQuote && problem == null) {
                            problem = "text after a quoted field's closing quote";
                        }
                        fieldStart = false;
                        field.append(c);
                        i++;
                    }
                }
            }
            if (quoted) {
                problem = "a quoted field is never closed";
            }
            fields.add(field.toString());
            if (problem != null) {
                malformed.add(new Malformed(start, problem));
            } else if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                records.add(new Record(start, fields));
            }
        }
        return new Parsed(records, malformed);
    }
}
