package com.groupgate.storage;

import com.groupgate.id.BatchId;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.UsageKey;
import com.groupgate.id.ApiKeyId;
import com.groupgate.id.CampaignId;
import com.groupgate.id.CodeId;
import com.groupgate.id.ExportId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.id.TicketId;
import com.groupgate.id.WebhookId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one owner of MainTable's key layout (docs/data-model.md): every {@code pk}/{@code sk}
 * and gsi1 key any adapter writes or reads is built here, and {@link #parse} reads any of
 * them back to its {@link Kind}, tenant and ids. Nothing else assembles {@code "T#" + tenant}.
 *
 * <p>Every tenant's item starts its {@code pk} with {@code T#<tenant>} (and its gsi1pk,
 * when it has one), so a tenant's deletion can find its items by key. The kinds that do
 * not are listed in {@link Kind} with the reason ({@link Kind#tenantInKey()} false);
 * the tenant's deletion finds those by an attribute instead (TenantItemSweep).
 * MainTableKeysIT, in functions/permissions, parses the key of every item the whole suite
 * wrote and fails on one this class cannot read or a tenant item outside its tenant.
 */
public final class MainTableKeys {
    private static final String TENANT = "T#";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    /** Sort keys and prefixes the stream filters and item readers go by. */
    public static final String GROUP_PREFIX = "GROUP#";
    public static final String API_KEY_PREFIX = "KEY#";
    public static final String MEMBER_PREFIX = "MEMBER#";
    public static final String WEBHOOK_PREFIX = "WEBHOOK#";
    public static final String CAMPAIGN_PREFIX = "CAMPAIGN#";
    public static final String CODE = "CODE";
    public static final String COUNT = "COUNT";
    public static final String REQUEST = "REQ";
    public static final String FACT = "FACT";
    public static final String EVENT = "EVENT";
    public static final String REDELIVERY_PREFIX = "REDELIVER#";
    public static final String SIGNING_KEY = "SIGNING_KEY";
    public static final String TENANT_DELETION = "TENANTDEL";
    public static final String REMINDER = "WHREMIND";

    private static final String ID = "([A-Za-z0-9_-]+)";
    private static final String ANY = "(.+)";
    private static final Pattern LIST_CURSOR = Pattern.compile("[0-9]{12}#[A-Za-z0-9]+");
    private static final int LIST_CURSOR_ID_AT = 13;
    private static final Pattern REQUESTS_CURSOR = Pattern.compile("([0-9]{1,12})#([A-Za-z0-9]{1,32})");
    private static final Pattern DELIVERIES_CURSOR = Pattern.compile("[0-9]{13}#dlv_[a-z2-7]{26}");

    /**
     * Every kind of MainTable item: its {@code pk} and {@code sk} shapes (the groups are the
     * tenant, when {@link #tenantInKey}, then the ids in the order the builder takes them).
     */
    public enum Kind {
        TENANT("T#" + ID, "TENANT", true),
        API_KEY("T#" + ID, "KEY#" + ID, true),
        API_KEY_COUNT("T#" + ID, "KEYCOUNT", true),
        GROUP("T#" + ID, "GROUP#" + ID, true),
        WEBHOOK("T#" + ID, "WEBHOOK#" + ID, true),
        CAMPAIGN("T#" + ID, "CAMPAIGN#" + ID, true),
        INVITE("T#" + ID + "#CAMPAIGN#" + ID, "INVITE#" + ID, true),
        /**
         * A pending credit is indexed across tenants ({@link #dueCreditsIndex}), for the
         * qualification run; the item itself is the tenant's, and settling removes the entry.
         */
        INVITEE("T#" + ID + "#CAMPAIGN#" + ID, "INVITEE#" + ANY, true),
        INVITER("T#" + ID + "#CAMPAIGN#" + ID, "INVITER#" + ANY, true),
        REWARD("T#" + ID + "#CAMPAIGN#" + ID, "REWARD#" + ID, true),
        TENANT_WORD_LIST("T#" + ID, "WORDS", true),
        /** Which uploaded logo a tenant's designs and landing pages show (PUT /v1/tenant/logo). */
        TENANT_LOGO("T#" + ID, "LOGO", true),
        CODE("T#" + ID + "#CODE#" + ID, "CODE", true),
        CODE_COUNTER("T#" + ID + "#CODE#" + ID, "COUNT", true),
        LIVE_CODE("T#" + ID + "#LIVE#" + ID, "LIVE", true),
        LIVE_CODE_SHARD("T#" + ID + "#LIVE#" + ID + "#SHARD#([0-9]+)", "SHARD", true),
        USAGE("T#" + ID + "#USAGE", "M#([0-9]{4}-[0-9]{2})", true),
        MEMBER("T#" + ID + "#G#" + ID, "MEMBER#" + ANY, true),
        GROUP_PASSCODE_TRIES("T#" + ID + "#G#" + ID + "#PASSCODE#([0-9]+)", "TRIES", true),
        JOIN_REQUEST("T#" + ID + "#REQ#" + ID, "REQ", true),
        WEBHOOK_EVENT("T#" + ID + "#WHEV#" + ID, "EVENT", true),
        REDELIVERY("T#" + ID + "#WHEV#" + ID, "REDELIVER#" + ID, true),
        DELIVERY("T#" + ID + "#WH#" + ID, "DLV#" + ID, true),
        BATCH("T#" + ID + "#BATCH#" + ID, "BATCH", true),
        /** A batch upload's Idempotency-Key, by its SHA-256 (the key itself is the client's). */
        BATCH_IDEMPOTENCY("T#" + ID + "#BATCHKEY#([0-9a-f]{64})", "BATCHKEY", true),
        EXPORT("T#" + ID + "#EXPORT#" + ID, "EXPORT", true),
        /** Looked up by the key's hash before its tenant is known; carries {@code tenantId}. */
        API_KEY_LOOKUP("APIKEY#([0-9a-f]{64})", "APIKEY", false),
        /** A scan's ticket is found by its own id from the joiner's link; carries {@code tenantId}. */
        TICKET("TICKET#" + ID, "TICKET", false),
        /** A refusal's fact, one item per scan, keyed by the fact id; carries {@code fact.tenantId}. */
        REFUSAL_FACT("FACT#" + ID, "FACT", false),
        /** Reminders are read by the hour they fall due, across tenants; the tenant is in the sk. */
        REMINDER("WHREMIND#([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2})", "([0-9]{10})#" + ID + "#(CODE|ENTRY)#" + ID + "#([0-9]+)", false),
        /** How far the reminder run has read; nobody's. */
        REMINDER_CHECKPOINT("WHREMIND", "CHECKPOINT", false),
        /** One client's passcode budget, across tenants (a client is nobody's tenant). */
        CLIENT_PASSCODE_TRIES("PASSCODE#IP#" + ID + "#([0-9]+)", "TRIES", false),
        /** The signing keys are the service's. */
        SIGNING_KEY_VERSION("SIGNING_KEY", "V#([0-9]{5})", false),
        /** The operator's word list is the service's. */
        OPERATOR_WORD_LIST("WORDS", "OPERATOR", false),
        /** Must outlive the tenant's items it deletes, so it is outside the tenant's keys. */
        TENANT_DELETION("TENANTDEL", ID, false);

        private final Pattern pk;
        private final Pattern sk;
        private final boolean tenantInKey;

        Kind(String pk, String sk, boolean tenantInKey) {
            this.pk = Pattern.compile(pk);
            this.sk = Pattern.compile(sk);
            this.tenantInKey = tenantInKey;
        }

        /** Whether the item's pk starts with {@code T#<tenant>} (else the reason is on the constant). */
        public boolean tenantInKey() {
            return tenantInKey;
        }
    }

    /**
     * A key read back: its kind, its tenant when the key names one ({@code null} for the
     * service's own items), and its other parts in the order the builder takes them.
     */
    public record Parsed(Kind kind, String tenantId, List<String> parts) {
        /** The partition prefix of the key's tenant ({@link #tenantPartition}), or null for the service's own items. */
        public String tenantPartition() {
            return tenantId == null ? null : TENANT + tenantId;
        }
    }

    private MainTableKeys() {
    }

    /** The kind, tenant and ids of a MainTable key; empty when no kind has this shape. */
    public static Optional<Parsed> parse(String pk, String sk) {
        for (Kind kind : Kind.values()) {
            Matcher p = kind.pk.matcher(pk);
            Matcher s = kind.sk.matcher(sk);
            if (p.matches() && s.matches()) {
                List<String> parts = new ArrayList<>();
                for (int i = 1; i <= p.groupCount(); i++) {
                    parts.add(p.group(i));
                }
                for (int i = 1; i <= s.groupCount(); i++) {
                    parts.add(s.group(i));
                }
                String tenant = null;
                if (kind.tenantInKey) {
                    tenant = parts.remove(0);
                } else if (kind == Kind.REMINDER) {
                    tenant = parts.get(2);
                } else if (kind == Kind.TENANT_DELETION) {
                    tenant = parts.get(0);
                }
                return Optional.of(new Parsed(kind, tenant, List.copyOf(parts)));
            }
        }
        return Optional.empty();
    }

    /** The prefix every key of {@code tenantId}'s items starts with (the tenant's deletion goes by it). */
    public static String tenantPartition(TenantId tenantId) {
        return TENANT + tenantId.text();
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    // Tenants and API keys.

    public static Map<String, AttributeValue> tenant(TenantId tenantId) {
        return key(tenantPartition(tenantId), "TENANT");
    }

    public static Map<String, AttributeValue> apiKey(TenantId tenantId, ApiKeyId keyId) {
        return key(tenantPartition(tenantId), API_KEY_PREFIX + keyId);
    }

    public static Map<String, AttributeValue> apiKeyLookup(String keyHash) {
        return key("APIKEY#" + keyHash, "APIKEY");
    }

    public static Map<String, AttributeValue> apiKeyCount(TenantId tenantId) {
        return key(tenantPartition(tenantId), "KEYCOUNT");
    }

    /** A tenant's deletion record, outside the tenant's keys so that the sweep never removes it. */
    public static Map<String, AttributeValue> tenantDeletion(TenantId tenantId) {
        return key(TENANT_DELETION, tenantId.text());
    }

    // Batches.

    public static Map<String, AttributeValue> batch(TenantId tenantId, BatchId batchId) {
        return key(tenantPartition(tenantId) + "#BATCH#" + batchId, "BATCH");
    }

    /** @param keyHash lowercase hex SHA-256 of the Idempotency-Key header */
    public static Map<String, AttributeValue> batchIdempotency(TenantId tenantId, String keyHash) {
        return key(tenantPartition(tenantId) + "#BATCHKEY#" + keyHash, "BATCHKEY");
    }

    // Groups, word lists, usage.

    public static Map<String, AttributeValue> group(TenantId tenantId, GroupId groupId) {
        return key(tenantPartition(tenantId), GROUP_PREFIX + groupId);
    }

    /** A word list's pointer: the operator's, or a tenant's ({@code tenantId} null for the operator's). */
    public static Map<String, AttributeValue> tenantLogo(TenantId tenantId) {
        return key(tenantPartition(tenantId), "LOGO");
    }

    public static Map<String, AttributeValue> wordList(TenantId tenantId) {
        return tenantId == null ? key("WORDS", "OPERATOR") : key(tenantPartition(tenantId), "WORDS");
    }

    /** A tenant's usage in one UTC month, the same layout as AnalyticsTable's usage item ({@link UsageKey}). */
    public static Map<String, AttributeValue> usage(TenantId tenantId, String month) {
        UsageKey usage = new UsageKey(tenantId, month);
        return key(usage.pk(), usage.sk());
    }

    public static Map<String, AttributeValue> signingKey(int version) {
        return key(SIGNING_KEY, String.format("V#%05d", version));
    }

    // Group codes and live codes.

    public static String codePartition(TenantId tenantId, CodeId codeId) {
        return tenantPartition(tenantId) + "#CODE#" + codeId;
    }

    /** The code item (settings, fixed at issue). */
    public static Map<String, AttributeValue> code(TenantId tenantId, CodeId codeId) {
        return key(codePartition(tenantId, codeId), CODE);
    }

    /** The counter item every scan of the code writes. */
    public static Map<String, AttributeValue> codeCounter(TenantId tenantId, CodeId codeId) {
        return key(codePartition(tenantId, codeId), COUNT);
    }

    /** The gsi1 partition listing a tenant's codes, newest first by {@link ListCursor}. */
    public static String codesIndex(TenantId tenantId) {
        return tenantPartition(tenantId) + "#CODES";
    }

    public static Map<String, AttributeValue> liveCode(TenantId tenantId, LiveCodeId liveCodeId) {
        return key(tenantPartition(tenantId) + "#LIVE#" + liveCodeId, "LIVE");
    }

    public static Map<String, AttributeValue> liveCodeShard(TenantId tenantId, LiveCodeId liveCodeId, int shard) {
        return key(tenantPartition(tenantId) + "#LIVE#" + liveCodeId + "#SHARD#" + shard, "SHARD");
    }

    /** The gsi1 partition listing a tenant's live codes (shards are not on it). */
    public static String liveCodesIndex(TenantId tenantId) {
        return tenantPartition(tenantId) + "#LIVECODES";
    }

    /**
     * The gsi1 sort key of a listed code or live code, and the cursor of its lists: the
     * creation time zero-padded to 12 digits (string order is time order), then the id.
     */
    public static String listSort(long createdAt, CodeId id) {
        return listSort(createdAt, id.text());
    }

    /** As {@link #listSort(long, CodeId)}, for a live code. */
    public static String listSort(long createdAt, LiveCodeId id) {
        return listSort(createdAt, id.text());
    }

    private static String listSort(long createdAt, String id) {
        return String.format("%012d#%s", createdAt, id);
    }

    /** The id a {@link #listSort} cursor names; empty for any text {@link #listSort} does not make. */
    public static <T> Optional<T> listCursorId(String cursor, Function<String, Optional<T>> parseId) {
        if (cursor == null || !LIST_CURSOR.matcher(cursor).matches()) {
            return Optional.empty();
        }
        return parseId.apply(cursor.substring(LIST_CURSOR_ID_AT));
    }

    /** A refusal's fact (before counting), keyed by the fact id. */
    public static Map<String, AttributeValue> refusalFact(String factId) {
        return key("FACT#" + factId, FACT);
    }

    // Joins.

    public static String membersPartition(TenantId tenantId, GroupId groupId) {
        return tenantPartition(tenantId) + "#G#" + groupId;
    }

    /** A group's member: {@code pk=T#<t>#G#<g>, sk=MEMBER#<ref>}. */
    public static Map<String, AttributeValue> member(TenantId tenantId, GroupId groupId, String memberRef) {
        return key(membersPartition(tenantId, groupId), MEMBER_PREFIX + memberRef);
    }

    /** A join request: {@code pk=T#<t>#REQ#<id>, sk=REQ}. */
    public static Map<String, AttributeValue> request(TenantId tenantId, RequestId requestId) {
        return key(tenantPartition(tenantId) + "#REQ#" + requestId, REQUEST);
    }

    /** A group's requests on gsi1, sorted by status, then creation. */
    public static String requestsIndex(TenantId tenantId, GroupId groupId) {
        return membersPartition(tenantId, groupId) + "#REQ";
    }

    public static String requestsIndexSort(String status, long createdAt, RequestId requestId) {
        return status + "#" + createdAt + "#" + requestId;
    }

    /** Where a page of a group's requests stopped: the last request's creation time and id. */
    public record RequestsCursor(long createdAt, RequestId requestId) {
    }

    /** The cursor after a request: its {@link #requestsIndexSort} without the status. */
    public static String requestsCursor(long createdAt, RequestId requestId) {
        return createdAt + "#" + requestId;
    }

    /** A {@link #requestsCursor} read back; empty for any text it does not make. */
    public static Optional<RequestsCursor> parseRequestsCursor(String cursor) {
        Matcher m = cursor == null ? null : REQUESTS_CURSOR.matcher(cursor);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return RequestId.parse(m.group(2)).map(id -> new RequestsCursor(Long.parseLong(m.group(1)), id));
    }

    public static Map<String, AttributeValue> ticket(TicketId ticketId) {
        return key("TICKET#" + ticketId, "TICKET");
    }

    /** Wrong-passcode budget of one client (its keyed address hash) for one hour. */
    public static Map<String, AttributeValue> clientTries(String ipHash, long hour) {
        return key("PASSCODE#IP#" + ipHash + "#" + hour, "TRIES");
    }

    /** Wrong-passcode budget of one group for one hour, across all tickets and clients. */
    public static Map<String, AttributeValue> groupTries(TenantId tenantId, GroupId groupId, long hour) {
        return key(membersPartition(tenantId, groupId) + "#PASSCODE#" + hour, "TRIES");
    }

    // Referral campaigns.

    /** A tenant's campaign: {@code pk=T#<t>, sk=CAMPAIGN#<id>} (listed with the tenant's other items, in id order). */
    public static Map<String, AttributeValue> campaign(TenantId tenantId, CampaignId campaignId) {
        return key(tenantPartition(tenantId), CAMPAIGN_PREFIX + campaignId);
    }

    /** Where a campaign's invites and invitees live: {@code T#<t>#CAMPAIGN#<c>}. */
    public static String campaignPartition(TenantId tenantId, CampaignId campaignId) {
        return tenantPartition(tenantId) + "#CAMPAIGN#" + campaignId;
    }

    /** A member's personal invite: {@code pk=T#<t>#CAMPAIGN#<c>, sk=INVITE#<invite>}. */
    public static Map<String, AttributeValue> invite(TenantId tenantId, CampaignId campaignId, Id inviteId) {
        return key(campaignPartition(tenantId, campaignId), "INVITE#" + inviteId);
    }

    /**
     * Who invited a member into a campaign, at most one per member and campaign:
     * {@code pk=T#<t>#CAMPAIGN#<c>, sk=INVITEE#<memberRef>}.
     */
    public static Map<String, AttributeValue> invitee(TenantId tenantId, CampaignId campaignId, String memberRef) {
        return key(campaignPartition(tenantId, campaignId), "INVITEE#" + memberRef);
    }

    /** An inviter's credits in a campaign: {@code pk=T#<t>#CAMPAIGN#<c>, sk=INVITER#<memberRef>}. */
    public static Map<String, AttributeValue> inviter(TenantId tenantId, CampaignId campaignId, String memberRef) {
        return key(campaignPartition(tenantId, campaignId), "INVITER#" + memberRef);
    }

    /** An inviter's reward, by its code: {@code pk=T#<t>#CAMPAIGN#<c>, sk=REWARD#<code>}. */
    public static Map<String, AttributeValue> reward(TenantId tenantId, CampaignId campaignId, String rewardCode) {
        return key(campaignPartition(tenantId, campaignId), "REWARD#" + rewardCode);
    }

    /**
     * Shards of the due index: its partitions take every tenant's credits (one GSI write as a
     * credit is recorded, one as it settles), and one index partition takes ~1,000 writes a second.
     */
    public static final int DUE_SHARDS = 4;

    /**
     * gsi1 lists every tenant's pending credits by when they qualify ({@link #dueSort}), in
     * {@link #DUE_SHARDS} partitions {@code CREDITS#DUE#<shard>}: the scheduled qualification
     * run reads what is due from each, without knowing the tenants or the campaigns.
     */
    public static String dueCreditsIndex(int shard) {
        if (shard < 0 || shard >= DUE_SHARDS) {
            throw new IllegalArgumentException("shard must be 0.." + (DUE_SHARDS - 1) + ", was " + shard);
        }
        return "CREDITS#DUE#" + shard;
    }

    /** Whether {@code gsi1pk} is the due index, the one gsi1 partition a tenant's item may be in outside its tenant. */
    public static boolean dueIndex(String gsi1pk) {
        return gsi1pk != null && gsi1pk.startsWith("CREDITS#DUE#");
    }

    /** The due shard of a credit: stable, from its tenant, campaign and invitee. */
    public static int dueShard(TenantId tenantId, CampaignId campaignId, String inviteeRef) {
        return Math.floorMod((tenantId.text() + "#" + campaignId.text() + "#" + inviteeRef).hashCode(), DUE_SHARDS);
    }

    /** The qualification time zero-padded to 10 digits (string order is time order), then the credit. */
    public static String dueSort(Instant qualifiesAt, TenantId tenantId, CampaignId campaignId, String inviteeRef) {
        return String.format("%010d#%s#%s#%s", qualifiesAt.getEpochSecond(), tenantId.text(), campaignId.text(),
                inviteeRef);
    }

    /** The first text after every {@link #dueSort} of credits due by {@code now}. */
    public static String pendingDueBound(Instant now) {
        return String.format("%010d$", now.getEpochSecond());
    }

    /** gsi1 lists a campaign's inviters in leaderboard order (sorted by {@code CreditRules.boardSort}). */
    public static String leaderboardIndex(TenantId tenantId, CampaignId campaignId) {
        return campaignPartition(tenantId, campaignId) + "#BOARD";
    }

    // Exports.

    /** An export job: {@code pk=T#<t>#EXPORT#<id>, sk=EXPORT}. */
    public static Map<String, AttributeValue> export(TenantId tenantId, ExportId exportId) {
        return key(tenantPartition(tenantId) + "#EXPORT#" + exportId, "EXPORT");
    }

    // Webhooks.

    /** A tenant's endpoint: {@code pk=T#<t>, sk=WEBHOOK#<id>} (listed with the tenant's other items). */
    public static Map<String, AttributeValue> webhook(TenantId tenantId, WebhookId webhookId) {
        return key(tenantPartition(tenantId), WEBHOOK_PREFIX + webhookId);
    }

    /** An event, its body kept for redelivery: {@code pk=T#<t>#WHEV#<event>, sk=EVENT}. */
    public static Map<String, AttributeValue> event(TenantId tenantId, String eventId) {
        return key(eventPartition(tenantId, eventId), EVENT);
    }

    /** A redelivery asked for, beside its event: {@code sk=REDELIVER#<id>}. */
    public static Map<String, AttributeValue> redelivery(TenantId tenantId, String eventId, String redeliveryId) {
        return key(eventPartition(tenantId, eventId), REDELIVERY_PREFIX + redeliveryId);
    }

    public static String eventPartition(TenantId tenantId, String eventId) {
        return tenantPartition(tenantId) + "#WHEV#" + eventId;
    }

    /**
     * gsi1 lists the stored events and redeliveries that name one member, so that an
     * erasure finds and drops them: {@code gsi1pk=T#<t>#WHMEMBER#<memberRef>}, sorted by the
     * item's own key. The ref is in the item's body already; the index adds no holder of it.
     */
    public static String memberEventsIndex(TenantId tenantId, String memberRef) {
        return tenantPartition(tenantId) + "#WHMEMBER#" + memberRef;
    }

    public static String deliveriesPartition(TenantId tenantId, WebhookId webhookId) {
        return tenantPartition(tenantId) + "#WH#" + webhookId;
    }

    /** One delivery attempt: {@code pk=T#<t>#WH#<webhook>, sk=DLV#<delivery>}. */
    public static Map<String, AttributeValue> delivery(TenantId tenantId, WebhookId webhookId, String deliveryId) {
        return key(deliveriesPartition(tenantId, webhookId), "DLV#" + deliveryId);
    }

    /** gsi1 lists an endpoint's attempts newest first by {@link #deliveriesSort}. */
    public static String deliveriesIndex(TenantId tenantId, WebhookId webhookId) {
        return deliveriesPartition(tenantId, webhookId) + "#DLV";
    }

    /** Zero-padded epoch milliseconds, then the id: string order is time order. */
    public static String deliveriesSort(Instant at, String deliveryId) {
        return String.format("%013d#%s", at.toEpochMilli(), deliveryId);
    }

    /** Whether {@code text} is a {@link #deliveriesSort}, the attempts' cursor. */
    public static boolean isDeliveriesCursor(String text) {
        return text != null && DELIVERIES_CURSOR.matcher(text).matches();
    }

    /** The delivery a {@link #deliveriesSort} names (what the attempts' cursor carries). */
    public static String deliveryIdOfSort(String sort) {
        return sort.substring(14);
    }

    /** The reminders due in one UTC hour: {@code pk=WHREMIND#<yyyy-MM-ddTHH>}, sorted by due time. */
    public static String reminderHour(Instant due) {
        return REMINDER + "#" + HOUR.format(due);
    }

    public static String reminderSort(Instant due, TenantId tenantId, String subject, String subjectId, Instant expiresAt) {
        return String.format("%010d#%s#%s#%s#%d", due.getEpochSecond(), tenantId.text(), subject, subjectId,
                expiresAt.getEpochSecond());
    }

    /** How far the reminder run has read: the first hour not yet read to its end. */
    public static Map<String, AttributeValue> reminderCheckpoint() {
        return key(REMINDER, "CHECKPOINT");
    }
}
