package com.groupgate.group;

import com.groupgate.error.RefusalException;
import java.util.Locale;

/** Whether a group takes joins: an {@link #ARCHIVED} group takes none and live codes skip it. */
public enum GroupStatus {
    ACTIVE, ARCHIVED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As on the wire and in the table. */
    public String wireName() {
        return wireName;
    }

    /**
     * The status named by {@code text} (lowercase, as on the wire).
     *
     * @throws RefusalException naming {@code field} when it names none
     */
    public static GroupStatus parse(String text, String field) {
        for (GroupStatus s : values()) {
            if (s.wireName.equals(text)) {
                return s;
            }
        }
        throw RefusalException.badField(field, "must be active or archived");
    }
}
