package com.groupgate.analytics;

import java.util.Objects;

/**
 * The rollup id of one label within one group ({@link Dimension#GROUP_LABEL}): the group's
 * id, a dot, and the label's {@link LabelKey}. Group ids are base32 and label keys hex or
 * {@link LabelKey#NO_LABEL}, none holding a dot, {@code '#'} or a character at or below
 * the space; so one group's labels are the ids that start with {@link #prefix}, in label
 * order, and one index query with that prefix reads them.
 */
public final class GroupLabelKey {
    private static final char SEPARATOR = '.';

    private GroupLabelKey() {
    }

    /** The id of {@code labelKey} (a {@link LabelKey}) within {@code groupId}. */
    public static String of(String groupId, String labelKey) {
        return prefix(groupId) + Objects.requireNonNull(labelKey, "labelKey");
    }

    /** What every id of {@code groupId}'s labels starts with. */
    public static String prefix(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        if (groupId.isEmpty() || groupId.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("not a group id: " + groupId);
        }
        return groupId + SEPARATOR;
    }

    /** The {@link LabelKey} part of an id {@link #of} made. */
    public static String labelKey(String id) {
        int dot = id.indexOf(SEPARATOR);
        if (dot <= 0) {
            throw new IllegalArgumentException("not a group label id: " + id);
        }
        return id.substring(dot + 1);
    }
}
