package com.groupgate.batch;

import com.groupgate.code.Channel;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.qr.Medium;
import java.util.Objects;

/**
 * One validated row of a batch: a new group code for {@code groupId}, or the print of the
 * existing live code {@code liveCodeId} (exactly one of the two is set).
 *
 * @param line           the row's line in the uploaded file, as a person counts (the header is line 1)
 * @param channel        the code's channel, or null
 * @param label          the store or placement the code is for, or null
 * @param dailyScanLimit the new code's cap (group rows; the default when the cell is empty)
 * @param ttlSeconds     the new code's validity; 0 means the group's default (group rows)
 */
public record BatchRow(int line, Channel channel, String label, GroupId groupId, LiveCodeId liveCodeId, int dailyScanLimit,
                       long ttlSeconds, Medium medium, PrintFormat format) {
    public BatchRow {
        if (line < 2) {
            throw new IllegalArgumentException("a row's line is 2 or more (line 1 is the header), was " + line);
        }
        if ((groupId == null) == (liveCodeId == null)) {
            throw new IllegalArgumentException("exactly one of groupId and liveCodeId");
        }
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(format, "format");
    }

    /** Whether the row issues a new group code (rather than printing a live code). */
    public boolean issuesGroupCode() {
        return groupId != null;
    }
}
