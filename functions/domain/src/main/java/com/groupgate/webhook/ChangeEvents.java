package com.groupgate.webhook;

import static com.groupgate.webhook.ItemChange.map;
import static com.groupgate.webhook.ItemChange.num;
import static com.groupgate.webhook.ItemChange.str;
import static com.groupgate.webhook.ItemChange.tenant;

import com.groupgate.id.TenantId;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The webhook events one item change is: pure, so a change read twice gives the same
 * events with the same ids. What identifies each event:
 *
 * <ul>
 * <li>{@code member.joined}: the join fact of the new member item;
 * <li>{@code member.removed}: the group, the memberRef and the removed member's join fact;
 *     for an erased member, the erasure's keyed hash instead of the memberRef, which the
 *     event then does not carry ({@code memberRefHash}, {@code erased: true});
 * <li>{@code join.requested}, {@code join.approved}, {@code join.rejected}: the request
 *     (a request is filed once and decided once);
 * <li>{@code group.full}: the stream record of the change that filled the group (a group
 *     can fill again after members leave);
 * <li>{@code code.daily_limit_reached}: the code and its day — every later refusal that day
 *     is the same event, so the first one emits it and the rest find it stored;
 * <li>{@code live_code.pool_exhausted}: the live code and the UTC day, likewise.
 * </ul>
 *
 * {@code code.expiring} and {@code group.entry_expiring} come from reminders
 * ({@link ExpiryReminders}), not from a change.
 */
public final class ChangeEvents {
    /** On a member item an erasure is deleting: the keyed hash that names the member instead of its ref. */
    public static final String ERASED_AS = "erasedAs";

    private ChangeEvents() {
    }

    public static List<WebhookEvent> of(ItemChange change) {
        Objects.requireNonNull(change, "change");
        return switch (change.kind()) {
            case MEMBER -> member(change);
            case JOIN_REQUEST -> request(change);
            case GROUP -> group(change);
            case CODE_COUNTER -> counter(change);
            case FACT -> fact(change);
            case CODE -> List.of();
        };
    }

    private static List<WebhookEvent> member(ItemChange c) {
        if (c.inserted()) {
            Map<String, Object> fact = map(c.newImage(), "fact");
            TenantId tenant = tenant(fact);
            String factId = str(fact, "id");
            if (tenant == null || factId == null) {
                return List.of();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("groupId", str(fact, "groupId"));
            data.put("memberRef", str(c.newImage(), "memberRef"));
            data.put("joinedAt", epochSeconds(num(c.newImage(), "joinedAt")));
            data.put("codeId", str(fact, "codeId"));
            data.put("liveCodeId", str(fact, "liveCodeId"));
            data.put("channel", str(fact, "channel"));
            return List.of(WebhookEvent.of(WebhookEventType.MEMBER_JOINED, tenant, instant(fact, c), data, factId));
        }
        if (c.removed()) {
            Map<String, Object> fact = map(c.oldImage(), "fact");
            TenantId tenant = tenant(fact);
            String group = str(fact, "groupId");
            String ref = str(c.oldImage(), "memberRef");
            if (tenant == null || group == null || ref == null) {
                return List.of();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("groupId", group);
            String erasedAs = str(c.oldImage(), ERASED_AS);
            if (erasedAs != null) {
                // An erasure: the member is named by the erasure's keyed hash, never by the ref.
                data.put("memberRefHash", erasedAs);
                data.put("erased", true);
                return List.of(WebhookEvent.of(WebhookEventType.MEMBER_REMOVED, tenant, c.at(), data, group,
                        "erased", erasedAs, String.valueOf(str(fact, "id"))));
            }
            data.put("memberRef", ref);
            return List.of(WebhookEvent.of(WebhookEventType.MEMBER_REMOVED, tenant, c.at(), data, group, ref,
                    String.valueOf(str(fact, "id"))));
        }
        return List.of();
    }

    private static List<WebhookEvent> request(ItemChange c) {
        Map<String, Object> image = c.newImage();
        TenantId tenant = tenant(map(image, "pendingFact"));
        String requestId = str(image, "requestId");
        if (tenant == null || requestId == null) {
            return List.of();
        }
        String status = str(image, "status");
        String before = str(c.oldImage(), "status");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", requestId);
        data.put("groupId", str(image, "groupId"));
        data.put("memberRef", str(image, "memberRef"));
        if (c.inserted() && "pending".equals(status)) {
            data.put("requestedAt", epochSeconds(num(image, "createdAt")));
            return List.of(WebhookEvent.of(WebhookEventType.JOIN_REQUESTED, tenant, c.at(), data, requestId));
        }
        if ("pending".equals(before) && ("joined".equals(status) || "rejected".equals(status))) {
            data.put("decidedAt", epochSeconds(num(image, "decidedAt")));
            WebhookEventType type = "joined".equals(status) ? WebhookEventType.JOIN_APPROVED
                    : WebhookEventType.JOIN_REJECTED;
            return List.of(WebhookEvent.of(type, tenant, c.at(), data, requestId));
        }
        return List.of();
    }

    private static List<WebhookEvent> group(ItemChange c) {
        Map<String, Object> image = c.newImage();
        TenantId tenant = tenant(image);
        String group = str(image, "groupId");
        if (tenant == null || group == null || !full(image) || full(c.oldImage())) {
            return List.of();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groupId", group);
        data.put("name", str(image, "name"));
        data.put("members", num(image, "members"));
        data.put("capacity", num(image, "capacity"));
        return List.of(WebhookEvent.of(WebhookEventType.GROUP_FULL, tenant, c.at(), data, group, c.recordId()));
    }

    private static boolean full(Map<String, Object> group) {
        Long members = num(group, "members");
        Long capacity = num(group, "capacity");
        return members != null && capacity != null && capacity > 0 && members >= capacity;
    }

    /** A group code's counted scan whose count passed the cap: its outcome, as the scanner was told. */
    private static List<WebhookEvent> counter(ItemChange c) {
        Map<String, Object> fact = map(c.newImage(), "fact");
        String factId = str(fact, "id");
        if (factId == null || factId.equals(str(map(c.oldImage(), "fact"), "id"))) {
            return List.of(); // not a new scan (a revoke or refresh rewrote the item)
        }
        TenantId tenant = tenant(fact);
        String code = str(fact, "codeId");
        String day = str(fact, "day");
        Long cap = num(fact, "cap");
        Long count = num(map(c.newImage(), "daily"), day == null ? "" : day);
        if (tenant == null || code == null || day == null || cap == null || count == null
                || !"active".equals(str(c.newImage(), "status")) || count <= cap) {
            return List.of();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("codeId", code);
        data.put("groupId", str(fact, "groupId"));
        data.put("channel", str(fact, "channel"));
        data.put("day", day);
        data.put("dailyScanLimit", cap);
        return List.of(WebhookEvent.of(WebhookEventType.CODE_DAILY_LIMIT_REACHED, tenant, instant(fact, c), data,
                "code", code, day));
    }

    /** Refusals decided before counting: a live code's cap or its exhausted pool. */
    private static List<WebhookEvent> fact(ItemChange c) {
        if (!c.inserted()) {
            return List.of();
        }
        Map<String, Object> fact = map(c.newImage(), "fact");
        TenantId tenant = tenant(fact);
        String live = str(fact, "liveCodeId");
        String outcome = str(fact, "outcome");
        if (tenant == null || live == null || outcome == null) {
            return List.of();
        }
        Instant at = instant(fact, c);
        String day = at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        Map<String, Object> data = new LinkedHashMap<>();
        if ("daily_limit".equals(outcome)) {
            data.put("liveCodeId", live);
            data.put("channel", str(fact, "channel"));
            data.put("day", day);
            return List.of(WebhookEvent.of(WebhookEventType.CODE_DAILY_LIMIT_REACHED, tenant, at, data,
                    "live", live, day));
        }
        if ("group_full".equals(outcome) && str(fact, "groupId") == null) {
            data.put("liveCodeId", live);
            data.put("channel", str(fact, "channel"));
            data.put("day", day);
            return List.of(WebhookEvent.of(WebhookEventType.LIVE_CODE_POOL_EXHAUSTED, tenant, at, data, live, day));
        }
        return List.of();
    }

    private static Instant instant(Map<String, Object> fact, ItemChange c) {
        Long ms = num(fact, "at");
        return ms == null ? c.at() : Instant.ofEpochMilli(ms);
    }

    private static String epochSeconds(Long seconds) {
        return seconds == null ? null : Instant.ofEpochSecond(seconds).toString();
    }
}
