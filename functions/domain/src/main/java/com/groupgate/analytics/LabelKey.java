package com.groupgate.analytics;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * How a code's label becomes the id of its rollups, and back. A label is free text (spaces,
 * {@code '#'}, any script), while a rollup id must be free of {@code '#'} and of characters
 * at or below the space (see {@link RollupKey} and the paging of rollup rows), so the id is
 * the label's UTF-8 bytes in lowercase hex: reversible, and sorted as the labels' bytes
 * sort, so pages of rows come in label order. Codes without a label count under
 * {@link #NO_LABEL}, which no hex string equals.
 */
public final class LabelKey {
    /** The rollup id of codes without a label; shown as a row whose label is null. */
    public static final String NO_LABEL = "(none)";
    private static final HexFormat HEX = HexFormat.of();

    private LabelKey() {
    }

    /** The rollup id of {@code label}; {@link #NO_LABEL} when it is null. */
    public static String of(String label) {
        return label == null ? NO_LABEL : HEX.formatHex(label.getBytes(StandardCharsets.UTF_8));
    }

    /** The label a rollup id stands for; null for {@link #NO_LABEL}. */
    public static String label(String key) {
        if (NO_LABEL.equals(key)) {
            return null;
        }
        if (!isKey(key)) {
            throw new IllegalArgumentException("not a label key: " + key);
        }
        return new String(HEX.parseHex(key), StandardCharsets.UTF_8);
    }

    /** Whether {@code key} is {@link #NO_LABEL} or a label's id as {@link #of} makes it. */
    public static boolean isKey(String key) {
        if (NO_LABEL.equals(key)) {
            return true;
        }
        if (key == null || key.isEmpty() || key.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        byte[] bytes = HEX.parseHex(key);
        return of(new String(bytes, StandardCharsets.UTF_8)).equals(key);
    }
}
