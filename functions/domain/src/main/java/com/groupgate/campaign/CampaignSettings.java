package com.groupgate.campaign;

import com.groupgate.error.RefusalException;
import java.time.Instant;

/**
 * What a tenant chooses for a referral campaign (裂变), validated: every instance obeys the
 * limits below, so code holding one need not check again.
 *
 * <ul>
 *   <li>{@code name}: 1..{@value #MAX_NAME_LENGTH} characters (code points), not blank, no
 *       control characters, surrounding whitespace removed.
 *   <li>{@code goal}: qualified invitees an inviter needs for the reward, 1..{@value #MAX_GOAL}.
 *   <li>{@code reward}: what the inviter gets, as the tenant words it, 1..{@value #MAX_REWARD_LENGTH}
 *       code points; line breaks allowed, other control characters not.
 *   <li>{@code endsAt}: the first instant at which the campaign gives no invite and no credit;
 *       null for open-ended.
 *   <li>{@code qualifyAfterMinutes}: how long an invitee must stay a member before the credit
 *       counts, 0..{@value #MAX_QUALIFY_AFTER_MINUTES} (three days); default
 *       {@value #DEFAULT_QUALIFY_AFTER_MINUTES}.
 *   <li>{@code perInviterDailyLimit}: credits one inviter may earn per day (the tenant's
 *       day), 1..{@value #MAX_PER_INVITER_DAILY_LIMIT}; default {@value #DEFAULT_PER_INVITER_DAILY_LIMIT}.
 * </ul>
 */
public record CampaignSettings(String name, int goal, String reward, Instant endsAt, int qualifyAfterMinutes,
                               int perInviterDailyLimit) {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_GOAL = 100;
    public static final int MAX_REWARD_LENGTH = 200;
    public static final int MAX_QUALIFY_AFTER_MINUTES = 4320;
    /** An hour: long enough that joining and leaving at once earns nothing, short enough to feel immediate. */
    public static final int DEFAULT_QUALIFY_AFTER_MINUTES = 60;
    public static final int MAX_PER_INVITER_DAILY_LIMIT = 1000;
    /** Twenty friends a day is a keen inviter; more is more often a farm of accounts. */
    public static final int DEFAULT_PER_INVITER_DAILY_LIMIT = 20;

    /** @throws RefusalException naming the first field that breaks a limit */
    public CampaignSettings {
        name = text("name", name, MAX_NAME_LENGTH, false);
        if (goal < 1 || goal > MAX_GOAL) {
            throw RefusalException.badField("goal", "must be 1.." + MAX_GOAL + ", got " + goal);
        }
        reward = text("reward", reward, MAX_REWARD_LENGTH, true);
        if (qualifyAfterMinutes < 0 || qualifyAfterMinutes > MAX_QUALIFY_AFTER_MINUTES) {
            throw RefusalException.badField("qualifyAfterMinutes", "must be 0.." + MAX_QUALIFY_AFTER_MINUTES
                    + ", got " + qualifyAfterMinutes);
        }
        if (perInviterDailyLimit < 1 || perInviterDailyLimit > MAX_PER_INVITER_DAILY_LIMIT) {
            throw RefusalException.badField("perInviterDailyLimit", "must be 1.." + MAX_PER_INVITER_DAILY_LIMIT
                    + ", got " + perInviterDailyLimit);
        }
    }

    /**
     * Settings from a request's fields, with the defaults for those it leaves out.
     *
     * @param now {@code endsAt} must be after it
     */
    public static CampaignSettings of(String name, Integer goal, String reward, Instant endsAt,
                                      Integer qualifyAfterMinutes, Integer perInviterDailyLimit, Instant now) {
        if (goal == null) {
            throw RefusalException.badField("goal", "required");
        }
        if (endsAt != null && !endsAt.isAfter(now)) {
            throw RefusalException.badField("endsAt", "must be in the future");
        }
        return new CampaignSettings(name, goal, reward, endsAt,
                qualifyAfterMinutes == null ? DEFAULT_QUALIFY_AFTER_MINUTES : qualifyAfterMinutes,
                perInviterDailyLimit == null ? DEFAULT_PER_INVITER_DAILY_LIMIT : perInviterDailyLimit);
    }

    /** {@code text} stripped, checked against its limit, as {@code field}. */
    static String text(String field, String text, int maxLength, boolean lineBreaks) {
        if (text == null || text.isBlank()) {
            throw RefusalException.badField(field, "required and not blank");
        }
        String stripped = text.strip();
        if (stripped.codePointCount(0, stripped.length()) > maxLength) {
            throw RefusalException.badField(field, "at most " + maxLength + " characters");
        }
        if (stripped.chars().anyMatch(c -> Character.isISOControl(c) && !(lineBreaks && (c == '\n' || c == '\r')))) {
            throw RefusalException.badField(field, "must not contain control characters");
        }
        return stripped;
    }
}
