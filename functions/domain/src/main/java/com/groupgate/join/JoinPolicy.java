package com.groupgate.join;

import com.groupgate.error.RefusalException;
import java.util.Locale;
import java.util.Objects;

/**
 * How a scanner joins a group: {@code open} at once, {@code approval} after the tenant
 * approves, {@code passcode} after typing the owner's current TOTP code ({@link Totp}).
 */
public enum JoinPolicy {
    OPEN, APPROVAL, PASSCODE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /**
     * The policy named by {@code text} (lowercase, as on the wire).
     *
     * @throws RefusalException naming {@code field} when it names none
     */
    public static JoinPolicy parse(String text, String field) {
        for (JoinPolicy p : values()) {
            if (p.wireName.equals(text)) {
                return p;
            }
        }
        throw RefusalException.badField(field, "must be one of open, approval, passcode");
    }

    /** The policy a group of {@code category} gets when none is asked for. */
    public static JoinPolicy defaultFor(GroupCategory category) {
        Objects.requireNonNull(category, "category");
        return category == GroupCategory.FINANCE ? PASSCODE : OPEN;
    }

    /**
     * {@code policy}, after checking it is allowed for {@code category}: finance groups
     * require two-factor joins, so only {@link #PASSCODE}.
     *
     * @throws RefusalException naming {@code joinPolicy} otherwise
     */
    public static JoinPolicy validateFor(GroupCategory category, JoinPolicy policy) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(policy, "policy");
        if (category == GroupCategory.FINANCE && policy != PASSCODE) {
            throw RefusalException.badField("joinPolicy", "finance groups require passcode");
        }
        return policy;
    }
}
