package com.groupgate.webhook;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event a webhook can be sent, by its wire name ({@code member.joined}). Parsed once
 * where the text enters (a subscription's {@code events}); the rest of the code passes the
 * enum.
 */
public enum WebhookEventType {
    MEMBER_JOINED("member.joined"),
    JOIN_REQUESTED("join.requested"),
    JOIN_APPROVED("join.approved"),
    JOIN_REJECTED("join.rejected"),
    MEMBER_REMOVED("member.removed"),
    /** The first refused scan of a code's day, once per code and day. */
    CODE_DAILY_LIMIT_REACHED("code.daily_limit_reached"),
    /** 24 hours before a code expires, once per code. */
    CODE_EXPIRING("code.expiring"),
    GROUP_FULL("group.full"),
    /** 24 hours before a group's entry expires, once per entry. */
    GROUP_ENTRY_EXPIRING("group.entry_expiring"),
    LIVE_CODE_POOL_EXHAUSTED("live_code.pool_exhausted"),
    /** An invitee of a referral campaign qualified: once per invitee and campaign. */
    REFERRAL_CREDITED("referral.credited"),
    /** An inviter's qualified invitees reached the campaign's goal: once per inviter and campaign. */
    REFERRAL_GOAL_REACHED("referral.goal_reached"),
    /**
     * A signed audit checkpoint, once per checkpoint: stored in the outbox by whoever signs it
     * (the audit function and its hourly run), under an id derived from the tenant and the size.
     */
    AUDIT_CHECKPOINT("audit.checkpoint"),
    /** Sent on request to one endpoint, whatever it subscribed to. */
    WEBHOOK_TEST("webhook.test");

    private static final Map<String, WebhookEventType> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(WebhookEventType::wireName, Function.identity()));

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type named {@code text}, or empty when there is none. */
    public static Optional<WebhookEventType> parse(String text) {
        return Optional.ofNullable(text == null ? null : BY_WIRE.get(text));
    }
}
