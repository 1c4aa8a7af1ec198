package com.groupgate.error;

/**
 * Every public refusal GroupGate answers with, and its HTTP status. This is the one place
 * where refusals map to HTTP.
 */
public enum Refusal {
    BAD_REQUEST(400, "bad_request"),
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    NOT_A_QR_CODE(422, "not_a_qr_code"),
    /** A design whose fg/bg contrast is below 4:1, or whose light modules are darker than its dark ones. */
    LOW_CONTRAST(422, "low_contrast"),
    /** A design that does not decode back to its code's scan URL; it is never served. */
    DESIGN_UNREADABLE(422, "design_unreadable"),
    /** {@code logo=true} for a tenant that has not uploaded a logo. */
    NO_LOGO(409, "no_logo"),
    EXPIRED(410, "expired"),
    REVOKED(410, "revoked"),
    SUPERSEDED(410, "superseded"),
    TICKET_EXPIRED(410, "ticket_expired"),
    ARCHIVED(410, "archived"),
    GEO_BLOCKED(403, "geo_blocked"),
    BAD_PASSCODE(403, "bad_passcode"),
    DAILY_LIMIT(429, "daily_limit"),
    TOO_MANY_ATTEMPTS(429, "too_many_attempts"),
    GROUP_FULL(409, "group_full"),
    TICKET_USED(409, "ticket_used"),
    ENTRY_EXPIRED(409, "entry_expired"),
    CONFLICT(409, "conflict"),
    /** An Idempotency-Key sent again with another body (422, as the IETF draft on the header says). */
    IDEMPOTENCY_KEY_REUSED(422, "idempotency_key_reused"),
    KEY_LIMIT(409, "key_limit"),
    LAST_FULL_KEY(409, "last_full_key"),
    /** A webhook URL that is not https, or whose host resolves to an address that is not public. */
    URL_NOT_ALLOWED(422, "url_not_allowed"),
    WEBHOOK_LIMIT(409, "webhook_limit"),
    WEBHOOK_DISABLED(409, "webhook_disabled"),
    /** A referral campaign's reward code that was redeemed before: each is good once. */
    REWARD_REDEEMED(409, "reward_redeemed"),
    /** A name, welcome message, channel or link that hits the operator's or the tenant's word list; the word is never named. */
    CONTENT_BLOCKED(422, "content_blocked"),
    /** A code of a group or tenant the operator blocked (451 Unavailable For Legal Reasons). */
    BLOCKED(451, "blocked"),
    /** Any API key of a tenant the operator blocked. */
    TENANT_BLOCKED(403, "tenant_blocked");

    private final int httpStatus;
    private final String code;

    Refusal(int httpStatus, String code) {
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The wire code, as in {@code {"error":{"code":"daily_limit"}}}. */
    public String code() {
        return code;
    }
}
