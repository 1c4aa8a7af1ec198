package com.groupgate.campaign;

import java.util.Locale;

/** Why a join through an invite earns its inviter nothing, decided when the invitee joins. */
public enum CreditRefusal {
    /** The invitee joined from the inviter's own address hash and device class within 24 h. */
    SELF_INVITE,
    /** The inviter had earned the campaign's {@code perInviterDailyLimit} credits that day already. */
    DAILY_LIMIT;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** As stored. */
    public String wireName() {
        return wireName;
    }
}
