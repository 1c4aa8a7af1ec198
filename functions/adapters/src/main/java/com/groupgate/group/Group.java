package com.groupgate.group;

import com.groupgate.id.Id;

/**
 * A tenant's group as stored. {@code sealedPasscode} is the passcode group's TOTP secret,
 * sealed (see {@code SecretSeal}); null for other policies.
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
        long createdAt) {
}
