package com.groupgate.group;

import com.groupgate.id.Id;

/**
 * A tenant's group as stored. {@code sealedPasscode} is the passcode group's TOTP secret,
 * sealed (see {@code SecretSeal}); null for other policies. {@code verifyAbove}: members
 * past which joins need approval, or null. {@code status}: {@link #ACTIVE} or
 * {@link #ARCHIVED} (an archived group takes no joins; live codes skip it).
 */
public record Group(
        Id tenantId,
        Id groupId,
        String name,
        int capacity,
        long members,
        String joinPolicy,
        String category,
        String welcomeMessage,
        String preset,
        byte[] sealedPasscode,
        long createdAt,
        Integer verifyAbove,
        int passcodeDigits,
        String status) {
    public static final String ACTIVE = "active";
    public static final String ARCHIVED = "archived";

    public boolean archived() {
        return ARCHIVED.equals(status);
    }

    /** The member count from which joins go through approval: never below capacity's reach when unset. */
    public long approvalFrom() {
        return verifyAbove == null ? Long.MAX_VALUE : verifyAbove;
    }
}
