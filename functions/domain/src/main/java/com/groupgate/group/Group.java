package com.groupgate.group;

import com.groupgate.block.Block;
import com.groupgate.entry.Entry;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.join.GroupCategory;
import com.groupgate.join.JoinPolicy;
import java.time.Instant;

/**
 * A tenant's group as stored. {@code sealedPasscode} is the passcode group's TOTP secret,
 * sealed (see {@code SecretSeal}); null for other policies. {@code verifyAbove}: members
 * past which joins need approval, or null. {@code preset}: the preset it was created
 * with, or null. {@code status}: see {@link GroupStatus}. {@code entry}:
 * the way into the real group (null until the tenant gives one). {@code block}: the
 * operator's block (null unless blocked): its codes answer 451, live codes skip it.
 */
public record Group(
        TenantId tenantId,
        GroupId groupId,
        String name,
        int capacity,
        long members,
        JoinPolicy joinPolicy,
        GroupCategory category,
        String welcomeMessage,
        Preset preset,
        byte[] sealedPasscode,
        long createdAt,
        Integer verifyAbove,
        int passcodeDigits,
        GroupStatus status,
        Entry entry,
        Block block) {
    public boolean archived() {
        return status == GroupStatus.ARCHIVED;
    }

    public boolean blocked() {
        return block != null;
    }

    /** Whether the group's entry has expired at {@code now}: such a group counts as full. */
    public boolean entryExpiredAt(Instant now) {
        return entry != null && entry.expiredAt(now);
    }

    /** Whether joins can get in at {@code now}: not archived, not blocked, and its entry (if any) still works. */
    public boolean openAt(Instant now) {
        return !archived() && !blocked() && !entryExpiredAt(now);
    }

    /** The member count from which joins go through approval: never below capacity's reach when unset. */
    public long approvalFrom() {
        return verifyAbove == null ? Long.MAX_VALUE : verifyAbove;
    }
}
