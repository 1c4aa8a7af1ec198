package com.groupgate.export;

import com.groupgate.analytics.StatsRange;
import com.groupgate.error.RefusalException;
import com.groupgate.id.GroupId;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code POST /v1/exports} asks for, checked at the door: a kind, a half-open range of
 * at most {@link #MAX_RANGE} (the stats API's limit, with the same ISO 8601 forms: an
 * instant with an offset, or a local date-time or date read in the tenant's zone), and
 * optionally one group. Each refusal names its field.
 *
 * @param groupId the group to export, or null for all of the tenant's groups
 */
public record ExportRequest(ExportKind kind, StatsRange range, GroupId groupId) {
    /** The longest range one export covers; a year is four exports. */
    public static final Duration MAX_RANGE = StatsRange.MAX_LENGTH;

    public ExportRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(range, "range");
    }

    public static ExportRequest parse(String kind, String from, String to, String groupId, ZoneId zone) {
        ExportKind k = ExportKind.parse(kind);
        StatsRange range = StatsRange.parse(from, to, zone);
        GroupId group = null;
        if (groupId != null) {
            group = GroupId.parse(groupId).orElseThrow(() -> RefusalException.badField("groupId", "is not a group id"));
        }
        return new ExportRequest(k, range, group);
    }

    public Optional<GroupId> group() {
        return Optional.ofNullable(groupId);
    }
}
