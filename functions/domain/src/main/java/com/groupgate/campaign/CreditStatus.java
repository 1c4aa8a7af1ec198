package com.groupgate.campaign;

import java.util.Locale;

/**
 * Where an invitee's credit to their inviter stands. The join's own transaction records it
 * {@link #JOINED}; the join's next step (or, when the function died in between, the
 * qualification run) turns it into {@link #PENDING} or {@link #REFUSED}. A credit is
 * {@link #PENDING} from the join until {@code qualifyAfterMinutes} have passed; then {@link #QUALIFIED} if the invitee
 * is still the member who joined, else {@link #REMOVED}. {@link #REFUSED} credits never count
 * ({@link CreditRefusal} says why). Only JOINED and PENDING ever change.
 */
public enum CreditStatus {
    JOINED, PENDING, QUALIFIED, REFUSED, REMOVED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As stored. */
    public String wireName() {
        return wireName;
    }
}
