package com.groupgate.campaign;

import com.groupgate.error.RefusalException;
import java.util.Locale;

/**
 * Whether a campaign gives invites and credits: an {@link #ENDED} one gives none. A campaign
 * past its {@code endsAt} is ended too ({@link Campaign#activeAt}), without a write.
 */
public enum CampaignStatus {
    ACTIVE, ENDED;

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
    public static CampaignStatus parse(String text, String field) {
        for (CampaignStatus s : values()) {
            if (s.wireName.equals(text)) {
                return s;
            }
        }
        throw RefusalException.badField(field, "must be active or ended");
    }
}
