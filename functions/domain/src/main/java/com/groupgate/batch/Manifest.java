package com.groupgate.batch;

import java.util.List;

/**
 * The ZIP's {@code manifest.csv}: one line per row of the batch,
 * {@code line,channel,label,codeId,scanUrl,file}, in UTF-8 with a byte order mark (Excel
 * then shows Chinese labels as they are), RFC 4180 quoting, and any cell a spreadsheet
 * would run as a formula (starting with {@code = + - @}, tab or CR) prefixed with {@code '}.
 */
public final class Manifest {
    public static final String FILE_NAME = "manifest.csv";
    public static final List<String> HEADER = List.of("line", "channel", "label", "codeId", "scanUrl", "file");

    private Manifest() {
    }

    /** The first bytes of the file: the BOM and the header line. */
    public static String header() {
        return "\uFEFF" + String.join(",", HEADER) + "\r\n";
    }

    /** One row's line, CRLF-terminated. */
    public static String line(int line, String channel, String label, String codeId, String scanUrl, String file) {
        return String.join(",", List.of(String.valueOf(line), cell(channel), cell(label), cell(codeId),
                cell(scanUrl), cell(file))) + "\r\n";
    }

    /** Where a row's file goes in the ZIP: by line, so files sort as the upload did, and ASCII only. */
    public static String fileName(int line, String codeId, PrintFormat format) {
        return String.format("codes/%04d-%s.%s", line, codeId, format.extension());
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
