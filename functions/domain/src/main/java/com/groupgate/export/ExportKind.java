package com.groupgate.export;

import com.groupgate.error.RefusalException;
import java.util.List;
import java.util.Locale;

/**
 * What an export lists, each with its CSV header (English names; the order is the
 * contract a tenant's CRM import maps).
 *
 * <ul>
 * <li>{@link #MEMBERS}: the groups' members now, who joined in the range.
 * <li>{@link #JOINS}: each join in the range with where it came from (the join's fact:
 *     code, live code, channel, place, device); a member removed since is not listed, as
 *     a removal deletes the member and its fact.
 * <li>{@link #REQUESTS}: join requests filed in the range, whatever their status now.
 * <li>{@link #SCANS}: scans per code and hour, from the hourly rollups: a single scan is
 *     not kept past the stream (only its counts are), so this is the finest grain stored.
 * </ul>
 */
public enum ExportKind {
    MEMBERS(List.of("groupId", "groupName", "memberRef", "joinedAt")),
    JOINS(List.of("joinedAt", "groupId", "memberRef", "codeId", "liveCodeId", "channel", "country", "region",
            "city", "device", "os", "app")),
    REQUESTS(List.of("createdAt", "groupId", "requestId", "memberRef", "status", "decidedAt")),
    SCANS(List.of("hour", "codeId", "scans", "accepted", "refused", "joins"));

    private final List<String> header;

    ExportKind(List<String> header) {
        this.header = header;
    }

    public List<String> header() {
        return header;
    }

    /** As the API and the stored job write it: {@code members}, {@code joins}, … */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The {@code kind} field.
     *
     * @throws RefusalException a 400 naming {@code kind} unless it is members, joins, requests or scans
     */
    public static ExportKind parse(String kind) {
        if (kind != null) {
            for (ExportKind k : values()) {
                if (k.wire().equals(kind)) {
                    return k;
                }
            }
        }
        throw RefusalException.badField("kind", "must be members, joins, requests or scans");
    }
}
