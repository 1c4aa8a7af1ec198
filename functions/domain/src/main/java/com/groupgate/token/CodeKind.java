package com.groupgate.token;

/** What a scan token points at. The code travels as one byte in the token. */
public enum CodeKind {
    /** A code for one group; the token's target is the group id. */
    GROUP_CODE(0),
    /** A live code (活码) routing to a pool of groups; the token's target is the live code id. */
    LIVE_CODE(1),
    /**
     * A member's personal invite to a referral campaign: the token's code id is the
     * campaign's, its (sealed) target the invite's, so the URL names no member.
     */
    INVITE(2);

    private final int code;

    CodeKind(int code) {
        this.code = code;
    }

    /** The byte written in tokens. Stable forever: issued tokens depend on it. */
    public int code() {
        return code;
    }

    /** The kind written as {@code code}, or null when no kind has it. */
    static CodeKind fromCodeOrNull(int code) {
        return switch (code) {
            case 0 -> GROUP_CODE;
            case 1 -> LIVE_CODE;
            case 2 -> INVITE;
            default -> null;
        };
    }
}
