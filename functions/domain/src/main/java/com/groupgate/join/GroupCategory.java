package com.groupgate.join;

import com.groupgate.error.RefusalException;
import java.util.Locale;

/**
 * What kind of group this is. The category carries join rules: {@link #FINANCE} groups
 * must verify joins with a passcode ({@link JoinPolicy#validateFor}).
 */
public enum GroupCategory {
    PERSONAL, ENTERPRISE, COMMUNITY, FINANCE;

    /** The category of a group created without one. */
    public static final GroupCategory DEFAULT = PERSONAL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /**
     * The category named by {@code text} (lowercase, as on the wire).
     *
     * @throws RefusalException naming {@code field} when it names none
     */
    public static GroupCategory parse(String text, String field) {
        for (GroupCategory c : values()) {
            if (c.wireName.equals(text)) {
                return c;
            }
        }
        throw RefusalException.badField(field, "must be one of personal, enterprise, community, finance");
    }
}
