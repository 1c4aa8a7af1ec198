package com.groupgate.join;

import com.groupgate.error.RefusalException;
import java.util.Locale;

/**
 * Where a join request stands: {@link #PENDING} until the tenant decides, then
 * {@link #JOINED} or {@link #REJECTED}; {@link #REMOVED} once its member was erased (it
 * names no one, and is listed nowhere but its own statusUrl).
 */
public enum RequestStatus {
    PENDING, JOINED, REJECTED, REMOVED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As on the wire and in the table. */
    public String wireName() {
        return wireName;
    }

    /**
     * A status a tenant may list requests by (any but {@link #REMOVED}), named by {@code text}.
     *
     * @throws RefusalException naming {@code field} when it names none
     */
    public static RequestStatus parseListed(String text, String field) {
        for (RequestStatus s : values()) {
            if (s != REMOVED && s.wireName.equals(text)) {
                return s;
            }
        }
        throw RefusalException.badField(field, "must be pending, joined or rejected");
    }
}
