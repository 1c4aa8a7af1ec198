package com.groupgate.group;

import com.groupgate.error.RefusalException;
import com.groupgate.join.GroupCategory;
import com.groupgate.join.JoinPolicy;
import com.groupgate.scan.Expiry;

/**
 * What a tenant chooses for a group, validated: every instance obeys the limits below, so
 * code holding one need not check again.
 *
 * <ul>
 *   <li>{@code name}: 1..{@value #MAX_NAME_LENGTH} characters (Unicode code points), not
 *       blank, no control characters, surrounding whitespace removed.
 *   <li>{@code capacity}: 1..{@value #MAX_CAPACITY} members.
 *   <li>{@code joinPolicy}: {@code passcode} for finance groups.
 *   <li>{@code welcomeMessage}: 0..{@value #MAX_WELCOME_LENGTH} code points; line breaks allowed.
 *   <li>{@code preset}: the preset the defaults came from, or null when none was named.
 *   <li>{@code verifyAbove}: once the group has this many members (1..{@value #MAX_CAPACITY}),
 *       further joins go through approval whatever the join policy; null for never.
 *   <li>{@code passcodeDigits}: 6 or 8, the length of a passcode group's TOTP codes.
 * </ul>
 */
public record GroupSettings(
        String name, int capacity, JoinPolicy joinPolicy, GroupCategory category, String welcomeMessage, Preset preset,
        Integer verifyAbove, int passcodeDigits) {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_WELCOME_LENGTH = 1000;
    public static final int MIN_CAPACITY = 1;
    public static final int MAX_CAPACITY = 3000;
    /** Capacity when neither the request nor a preset gives one. */
    public static final int DEFAULT_CAPACITY = 500;
    public static final int DEFAULT_PASSCODE_DIGITS = 6;

    /** @throws RefusalException naming the first field that breaks a limit */
    public GroupSettings {
        if (name == null || name.isBlank()) {
            throw RefusalException.badField("name", "required and not blank");
        }
        name = name.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw RefusalException.badField("name", "at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw RefusalException.badField("name", "must not contain control characters");
        }
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            throw RefusalException.badField("capacity", "must be " + MIN_CAPACITY + ".." + MAX_CAPACITY + ", got " + capacity);
        }
        if (category == null) {
            throw RefusalException.badField("category", "required");
        }
        if (joinPolicy == null) {
            throw RefusalException.badField("joinPolicy", "required");
        }
        JoinPolicy.validateFor(category, joinPolicy);
        if (welcomeMessage == null) {
            welcomeMessage = "";
        }
        if (welcomeMessage.codePointCount(0, welcomeMessage.length()) > MAX_WELCOME_LENGTH) {
            throw RefusalException.badField("welcomeMessage", "at most " + MAX_WELCOME_LENGTH + " characters");
        }
        if (verifyAbove != null && (verifyAbove < 1 || verifyAbove > MAX_CAPACITY)) {
            throw RefusalException.badField("verifyAbove", "must be 1.." + MAX_CAPACITY + " or null, got " + verifyAbove);
        }
        if (passcodeDigits != 6 && passcodeDigits != 8) {
            throw RefusalException.badField("passcodeDigits", "must be 6 or 8, got " + passcodeDigits);
        }
    }

    /**
     * Settings from a create-group request in wire form; null means the field was absent.
     * Absent fields take the preset's value, then the product default: capacity
     * {@value #DEFAULT_CAPACITY}, category {@code personal}, join policy {@code passcode}
     * for finance groups and {@code open} otherwise, an empty welcome message.
     *
     * @throws RefusalException naming the offending field
     */
    public static GroupSettings of(String name, Integer capacity, String joinPolicy, String category,
            String welcomeMessage, String preset) {
        return of(name, capacity, joinPolicy, category, welcomeMessage, preset, false, null, null);
    }

    /**
     * As {@link #of(String, Integer, String, String, String, String)}, with the join checks:
     * {@code verifyAbove} (absent: the preset's; {@code verifyAboveGiven} with null: none)
     * and {@code passcodeDigits} (absent: 6; only passcode groups may set it).
     */
    public static GroupSettings of(String name, Integer capacity, String joinPolicy, String category,
            String welcomeMessage, String preset, boolean verifyAboveGiven, Integer verifyAbove,
            Integer passcodeDigits) {
        Preset p = preset == null ? null : Preset.parse(preset, "preset");
        GroupCategory c = category == null ? GroupCategory.DEFAULT : GroupCategory.parse(category, "category");
        JoinPolicy j = joinPolicy == null ? JoinPolicy.defaultFor(c) : JoinPolicy.parse(joinPolicy, "joinPolicy");
        int cap = capacity != null ? capacity : p != null ? p.capacity() : DEFAULT_CAPACITY;
        Integer verify = verifyAboveGiven ? verifyAbove : p != null ? p.verifyAbove() : null;
        if (passcodeDigits != null && j != JoinPolicy.PASSCODE) {
            throw RefusalException.badField("passcodeDigits", "only for groups whose joinPolicy is passcode");
        }
        return new GroupSettings(name, cap, j, c, welcomeMessage, p, verify,
                passcodeDigits == null ? DEFAULT_PASSCODE_DIGITS : passcodeDigits);
    }

    /** How long this group's codes live when a code request gives no {@code ttlSeconds}. */
    public long defaultCodeTtlSeconds() {
        return preset == null ? Expiry.DEFAULT_TTL_SECONDS : preset.codeTtlSeconds();
    }

    /** Whether joins need the owner's TOTP code, hence whether the group has a passcode secret. */
    public boolean needsPasscode() {
        return joinPolicy == JoinPolicy.PASSCODE;
    }
}
