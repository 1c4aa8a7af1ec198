package com.groupgate.batch;

import com.groupgate.code.Channel;
import com.groupgate.code.Label;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.qr.Medium;
import com.groupgate.scan.DailyCap;
import com.groupgate.scan.Expiry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An uploaded batch, validated as a whole before anything is issued: the header, every
 * row's cells, the row count. Each problem names its line (as a person counts, the header
 * being line 1) and its column, so one 422 lists everything there is to fix.
 *
 * <p>Rules per column, all cells optional unless said:
 * <ul>
 * <li>{@code channel}: a {@link Channel} name;
 * <li>{@code label}: at most {@value #MAX_LABEL_LENGTH} characters, no control or bidi
 *     formatting characters (the content filter checks the words later, as for names);
 * <li>{@code groupId}, {@code liveCodeId}: exactly one per row, an id;
 * <li>{@code dailyScanLimit}: 1..1,000,000 (default {@value DailyCap#DEFAULT_CAP}), and
 *     {@code ttlSeconds}: {@value Expiry#MIN_TTL_SECONDS} s..30 days (default: the group's) —
 *     group rows only; a live code keeps its own settings;
 * <li>{@code medium}: a {@link Medium} preset (default {@code poster}: batches are printed);
 * <li>{@code format}: png, svg or pdf (default png); one the deployment cannot draw yet is
 *     {@code format_unavailable}.
 * </ul>
 */
public final class BatchCsv {
    public static final List<String> HEADER = List.of("channel", "label", "groupId", "liveCodeId", "dailyScanLimit",
            "ttlSeconds", "medium", "format");
    public static final int MAX_ROWS = 5_000;
    /** A code's label: the row's label is stored on the code it issues. */
    public static final int MAX_LABEL_LENGTH = Label.MAX_LENGTH;
    public static final Medium DEFAULT_MEDIUM = Medium.POSTER;

    /** The rows, when there is no problem; otherwise every problem and no rows. */
    public record Validated(List<BatchRow> rows, List<BatchProblem> problems) {
        public Validated {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private BatchCsv() {
    }

    /**
     * Validates {@code text} (UTF-8 already decoded; a leading BOM allowed).
     *
     * @param drawable the formats this deployment can draw; the others are refused per row
     */
    public static Validated validate(String text, Set<PrintFormat> drawable) {
        Objects.requireNonNull(drawable, "drawable");
        CsvRecords.Parsed parsed = CsvRecords.read(text, MAX_ROWS + 1);
        List<BatchProblem> problems = new ArrayList<>();
        parsed.malformed().forEach(m -> problems.add(new BatchProblem(m.line(), "line", "malformed_csv",
                m.message())));
        List<CsvRecords.Record> records = parsed.records();
        if (records.isEmpty() || records.get(0).line() != 1) {
            if (parsed.malformed().stream().noneMatch(m -> m.line() == 1)) {
                problems.add(new BatchProblem(1, "header", "bad_header", "line 1 must be the header "
                        + String.join(",", HEADER)));
            }
            return new Validated(List.of(), sorted(problems));
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        if (!header.equals(HEADER)) {
            problems.add(new BatchProblem(1, "header", "bad_header", "the header must be exactly "
                    + String.join(",", HEADER)));
            return new Validated(List.of(), sorted(problems));
        }
        int rowCount = records.size() - 1 + (int) parsed.malformed().stream().filter(m -> m.line() > 1).count();
        if (rowCount > MAX_ROWS) {
            problems.add(new BatchProblem(records.get(records.size() - 1).line(), "body", "too_many_rows",
                    "a batch has at most " + MAX_ROWS + " rows"));
            return new Validated(List.of(), sorted(problems));
        }
        if (rowCount == 0) {
            problems.add(new BatchProblem(2, "body", "no_rows", "the file has a header but no rows"));
            return new Validated(List.of(), sorted(problems));
        }
        List<BatchRow> rows = new ArrayList<>();
        for (CsvRecords.Record r : records.subList(1, records.size())) {
            row(r, drawable, problems).ifPresent(rows::add);
        }
        return problems.isEmpty() ? new Validated(rows, List.of()) : new Validated(List.of(), sorted(problems));
    }

    private static List<BatchProblem> sorted(List<BatchProblem> problems) {
        List<BatchProblem> out = new ArrayList<>(problems);
        out.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                : Integer.compare(column(a.field()), column(b.field())));
        return out;
    }

    private static int column(String field) {
        int i = HEADER.indexOf(field);
        return i < 0 ? -1 : i;
    }

    private static Optional<BatchRow> row(CsvRecords.Record r, Set<PrintFormat> drawable,
                                          List<BatchProblem> problems) {
        int line = r.line();
        if (r.fields().size() != HEADER.size()) {
            problems.add(new BatchProblem(line, "line", "wrong_cell_count", "has " + r.fields().size()
                    + " cells; the header has " + HEADER.size()));
            return Optional.empty();
        }
        int before = problems.size();
        Cells cells = new Cells(line, r.fields(), problems);
        String channelText = cells.text("channel");
        Channel channel = null;
        if (channelText != null && !Channel.isValid(channelText)) {
            cells.problem("channel", "invalid", Channel.RULE);
        } else if (channelText != null) {
            channel = Channel.of(channelText);
        }
        String label = cells.text("label");
        if (label != null) {
            label(label).ifPresent(why -> cells.problem("label", "invalid", why));
        }
        GroupId groupId = cells.id("groupId", GroupId::parse);
        LiveCodeId liveCodeId = cells.id("liveCodeId", LiveCodeId::parse);
        boolean hasGroup = cells.text("groupId") != null;
        boolean hasLive = cells.text("liveCodeId") != null;
        if (hasGroup == hasLive) {
            cells.problem(hasGroup ? "liveCodeId" : "groupId", hasGroup ? "conflict" : "required",
                    "a row names exactly one of groupId and liveCodeId");
        }
        Long cap = cells.number("dailyScanLimit", DailyCap.MIN_CAP, DailyCap.MAX_CAP);
        Long ttl = cells.number("ttlSeconds", Expiry.MIN_TTL_SECONDS, Expiry.MAX_TTL_SECONDS);
        if (hasLive && !hasGroup) {
            if (cells.text("dailyScanLimit") != null) {
                cells.problem("dailyScanLimit", "not_allowed", "a live code keeps its own limit; leave it empty");
            }
            if (cells.text("ttlSeconds") != null) {
                cells.problem("ttlSeconds", "not_allowed", "a live code never expires; leave it empty");
            }
        }
        String mediumText = cells.text("medium");
        Medium medium = mediumText == null ? DEFAULT_MEDIUM : Medium.parse(mediumText).orElse(null);
        if (medium == null) {
            cells.problem("medium", "invalid", "must be one of screen, flyer, poster, billboard, sticker");
        }
        String formatText = cells.text("format");
        PrintFormat format = formatText == null ? PrintFormat.PNG : PrintFormat.parse(formatText).orElse(null);
        if (format == null) {
            cells.problem("format", "invalid", "must be one of png, svg, pdf");
        } else if (!drawable.contains(format)) {
            cells.problem("format", "format_unavailable", format.wireName() + " is not drawn by this deployment yet;"
                    + " use png");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new BatchRow(line, channel, label, groupId, liveCodeId,
                cap == null ? DailyCap.DEFAULT_CAP : cap.intValue(), ttl == null ? 0 : ttl, medium, format));
    }

    /** Why {@code label} is refused, or empty. */
    static Optional<String> label(String label) {
        if (label.codePointCount(0, label.length()) > MAX_LABEL_LENGTH) {
            return Optional.of("at most " + MAX_LABEL_LENGTH + " characters");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("holds a control character (a line break, a tab)");
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < label.length()
                    && Character.isLowSurrogate(label.charAt(i + 1)))) {
                if (!(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(label.charAt(i - 1)))) {
                    return Optional.of("is not valid Unicode");
                }
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E'
                    || c == '\u200F' || c == '\u061C') {
                return Optional.of("holds a bidirectional formatting character");
            }
        }
        return Optional.empty();
    }

    /** A record's cells by column name; blank cells are absent. */
    private record Cells(int line, List<String> values, List<BatchProblem> problems) {
        String text(String column) {
            String v = values.get(HEADER.indexOf(column)).strip();
            return v.isEmpty() ? null : v;
        }

        void problem(String column, String code, String message) {
            problems.add(new BatchProblem(line, column, code, message));
        }

        <T> T id(String column, Function<String, Optional<T>> parse) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            Optional<T> id = parse.apply(v);
            if (id.isEmpty()) {
                problem(column, "invalid", "not an id (13 characters as the API returns them)");
            }
            return id.orElse(null);
        }

        Long number(String column, long min, long max) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            try {
                long n = Long.parseLong(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below, as out of range
            }
            problem(column, "invalid", "must be a whole number from " + min + " to " + max);
            return null;
        }
    }
}
