package com.groupgate.webhook;

import static com.groupgate.webhook.ItemChange.map;
import static com.groupgate.webhook.ItemChange.num;
import static com.groupgate.webhook.ItemChange.str;
import static com.groupgate.webhook.ItemChange.tenant;

import com.groupgate.id.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When to say that something expires: {@link #AHEAD} before it does. A reminder is planned
 * when a code is issued and whenever a group's entry gets a new expiry; a scheduled run
 * turns the reminders that are due into {@code code.expiring} and
 * {@code group.entry_expiring} events, after checking that what they name still expires
 * then (a revoked code, a replaced entry, says nothing).
 *
 * <p>A code that lives {@link #AHEAD} or less was issued inside its warning window: its
 * tenant chose the short life and gets no reminder. An entry set to expire within
 * {@link #AHEAD} is reminded of at once: someone must upload a new picture.
 */
public final class ExpiryReminders {
    public static final Duration AHEAD = Duration.ofHours(24);

    /** What a reminder is about. */
    public enum Subject { CODE, ENTRY }

    /**
     * @param subjectId the code or the group
     * @param expiresAt when it expires
     * @param dueAt     when to say so
     */
    public record Reminder(TenantId tenantId, Subject subject, String subjectId, Instant expiresAt, Instant dueAt) {
        public Reminder {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(subjectId, "subjectId");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(dueAt, "dueAt");
        }

        /** The event this reminder becomes: one per code, one per entry and expiry. */
        public WebhookEvent event(Map<String, Object> data) {
            WebhookEventType type = subject == Subject.CODE ? WebhookEventType.CODE_EXPIRING
                    : WebhookEventType.GROUP_ENTRY_EXPIRING;
            return WebhookEvent.of(type, tenantId, dueAt, data, subjectId, Long.toString(expiresAt.getEpochSecond()));
        }
    }

    private ExpiryReminders() {
    }

    public static List<Reminder> of(ItemChange change) {
        if (change.kind() == ItemChange.Kind.CODE && change.inserted()) {
            Map<String, Object> code = change.newImage();
            Long issued = num(code, "issuedAt");
            Long expires = num(code, "expiresAt");
            TenantId tenant = tenant(code);
            String id = str(code, "codeId");
            if (issued == null || expires == null || tenant == null || id == null
                    || expires - issued <= AHEAD.toSeconds()) {
                return List.of();
            }
            Instant at = Instant.ofEpochSecond(expires);
            return List.of(new Reminder(tenant, Subject.CODE, id, at, at.minus(AHEAD)));
        }
        if (change.kind() == ItemChange.Kind.GROUP && !change.newImage().isEmpty()) {
            Long expires = num(map(change.newImage(), "entry"), "expiresAt");
            Long before = num(map(change.oldImage(), "entry"), "expiresAt");
            TenantId tenant = tenant(change.newImage());
            String id = str(change.newImage(), "groupId");
            if (expires == null || expires.equals(before) || tenant == null || id == null) {
                return List.of();
            }
            Instant at = Instant.ofEpochSecond(expires);
            if (!at.isAfter(change.at())) {
                return List.of(); // already expired: the group counts as full, scans say so
            }
            Instant due = at.minus(AHEAD).isBefore(change.at()) ? change.at() : at.minus(AHEAD);
            return List.of(new Reminder(tenant, Subject.ENTRY, id, at, due));
        }
        return List.of();
    }
}
