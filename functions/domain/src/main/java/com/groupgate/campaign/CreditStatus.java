package com.groupgate.campaign;

import java.util.Locale;

/**
 * Where an invitee's credit to their inviter stands. A credit is {@link #PENDING} from the
 * join until {@code qualifyAfterMinutes} have passed; then {@link #QUALIFIED} if the invitee
 * is still the member who joined, else {@link #REMOVED}. {@link #REFUSED} credits never count
 * ({@link CreditRefusal} says why). Only PENDING ever changes.
 */
public enum CreditStatus {
    PENDING, QUALIFIED, REFUSED, REMOVED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As stored. */
    public String wireName() {
        return wireName;
    }
}
