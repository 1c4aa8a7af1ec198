package com.groupgate.storage.campaign;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.CreditRefusal;
import com.groupgate.campaign.CreditRules;
import com.groupgate.campaign.CreditStatus;
import com.groupgate.campaign.Rewards;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.webhook.WebhookEvent;
import com.groupgate.webhook.WebhookEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Referral credits, in the campaign's partition {@code T#<tenant>#CAMPAIGN#<campaign>}:
 *
 * <ul>
 * <li>{@code sk=INVITEE#<memberRef>}: the credit of one invitee to their inviter — written
 *     once ({@code attribute_not_exists}), so an invitee is credited at most once per
 *     campaign, whatever retries, racing joins or later invites; {@code pending} ones are on
 *     gsi1 in the cross-tenant due index ({@link MainTableKeys#dueCreditsIndex}), by when they
 *     qualify, which the scheduled qualification run ({@link DueCredits}) reads;
 * <li>{@code sk=INVITER#<memberRef>}: an inviter's counts — {@code pending}, {@code qualified},
 *     when the count was reached, one counter per day for the daily limit — on gsi1 in
 *     leaderboard order ({@link CreditRules#boardSort}).
 * </ul>
 *
 * A pending credit and the inviter's count change together, in one transaction, so the
 * counts always equal the credits.
 */
public final class CreditTable {
    private static final int TRIES = 8;
    private static final String DAY_PREFIX = "day_";
    private static final String SAME_VIEWER = "sameViewer";
    /** How long a join's {@code joined} record waits on the due index before the qualification run completes it. */
    public static final Duration COMPLETE_AFTER = Duration.ofMinutes(2);

    private final DynamoDbClient dynamo;
    private final String table;

    public CreditTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A join through an invite, as its credit is recorded. */
    public record Join(String inviteeRef, String inviterRef, Id inviteId, GroupId groupId, Instant joinedAt) {
    }

    /** What a join through an invite came to for its inviter. */
    public enum Credited {
        PENDING,
        /** Refused for good ({@link CreditRefusal}); recorded, so the invitee is not credited later either. */
        REFUSED,
        /** The invitee has a credit (or a refusal) in this campaign already. */
        BEFORE
    }

    /**
     * Records the credit of {@code join}: refused as a self-invite when {@code sameViewer};
     * else pending, raising the inviter's pending count and today's count in the same
     * transaction, or refused for the daily limit when today's count has reached it.
     */
    public Credited credit(TenantId tenantId, Campaign campaign, Join join, boolean sameViewer, String day) {
        if (sameViewer) {
            return refuse(tenantId, campaign, join, CreditRefusal.SELF_INVITE, day);
        }
        CampaignId c = campaign.campaignId();
        Map<String, AttributeValue> link = linkItem(tenantId, campaign, join, CreditStatus.PENDING, null, day);
        link.put("gsi1pk", s(MainTableKeys.dueCreditsIndex(MainTableKeys.dueShard(tenantId, c, join.inviteeRef()))));
        link.put("gsi1sk", s(MainTableKeys.dueSort(qualifiesAt(campaign, join), tenantId, c, join.inviteeRef())));
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(table).item(link)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        TransactWriteItem raise = raise(tenantId, campaign, join, day);
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(put, raise));
                return Credited.PENDING;
            } catch (TransactionCanceledException e) {
                if (failed(e, 0)) {
                    return Credited.BEFORE;
                }
                if (failed(e, 1)) {
                    return refuse(tenantId, campaign, join, CreditRefusal.DAILY_LIMIT, day);
                }
                if (attempt >= TRIES) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * The durable record of {@code join}'s credit, for the join's own transaction: the credit
     * item, {@code joined}, written once ({@code attribute_not_exists}, as {@link #credit}
     * writes it), with what its completion decides on (the self-invite verdict, the day), on
     * the due index {@link #COMPLETE_AFTER} after the join. The join's next step completes it
     * ({@link #complete(TenantId, Campaign, Join, boolean, String)}); if the function dies in
     * between, the qualification run does ({@link #complete(Campaign, Map)}).
     */
    public TransactWriteItem joined(TenantId tenantId, Campaign campaign, Join join, boolean sameViewer, String day) {
        CampaignId c = campaign.campaignId();
        Map<String, AttributeValue> item = linkItem(tenantId, campaign, join, CreditStatus.JOINED, null, day);
        item.put(SAME_VIEWER, AttributeValue.fromBool(sameViewer));
        item.put("gsi1pk", s(MainTableKeys.dueCreditsIndex(MainTableKeys.dueShard(tenantId, c, join.inviteeRef()))));
        item.put("gsi1sk", s(MainTableKeys.dueSort(join.joinedAt().plus(COMPLETE_AFTER), tenantId, c, join.inviteeRef())));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /**
     * Completes the {@code joined} record of {@code join} with the decisions {@link #credit}
     * makes (self-invite, daily limit): pending with the inviter's counts in one transaction,
     * or refused; each only from {@code joined} and for this inviter, so a record completes
     * once, whoever completes it. {@link Credited#BEFORE} when it was completed already, or
     * the invitee's credit is another join's.
     */
    public Credited complete(TenantId tenantId, Campaign campaign, Join join, boolean sameViewer, String day) {
        if (sameViewer) {
            return refuseJoined(tenantId, campaign, join, CreditRefusal.SELF_INVITE);
        }
        CampaignId c = campaign.campaignId();
        TransactWriteItem pend = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(MainTableKeys.invitee(tenantId, c, join.inviteeRef()))
                .updateExpression("SET #st = :pending, gsi1sk = :due REMOVE #sv")
                .conditionExpression("#st = :joined AND inviterRef = :inviter")
                .expressionAttributeNames(Map.of("#st", "status", "#sv", SAME_VIEWER))
                .expressionAttributeValues(Map.of(":pending", s(CreditStatus.PENDING.wireName()),
                        ":joined", s(CreditStatus.JOINED.wireName()), ":inviter", s(join.inviterRef()),
                        ":due", s(MainTableKeys.dueSort(qualifiesAt(campaign, join), tenantId, c, join.inviteeRef()))))
                .build()).build();
        TransactWriteItem raise = raise(tenantId, campaign, join, day);
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(pend, raise));
                return Credited.PENDING;
            } catch (TransactionCanceledException e) {
                if (failed(e, 0)) {
                    return Credited.BEFORE;
                }
                if (failed(e, 1)) {
                    return refuseJoined(tenantId, campaign, join, CreditRefusal.DAILY_LIMIT);
                }
                if (attempt >= TRIES) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** Completes a {@code joined} record read from the due index, as the join's next step would have. */
    public Credited complete(Campaign campaign, Map<String, AttributeValue> record) {
        if (Attr.str(record, "inviterRef") == null) {
            return dropJoined(campaign, record);
        }
        Optional<Id> inviteId = Id.parse(Attr.str(record, "inviteId"));
        Join join = new Join(Attr.str(record, "memberRef"), Attr.str(record, "inviterRef"), inviteId.orElse(null),
                StoredValues.id(record, "groupId", GroupId::parse), Instant.ofEpochSecond(Attr.num(record, "joinedAt", 0)));
        AttributeValue sameViewer = record.get(SAME_VIEWER);
        return complete(campaign.tenantId(), campaign, join, sameViewer != null && Boolean.TRUE.equals(sameViewer.bool()),
                Attr.str(record, "day"));
    }

    /** Whether a due-index item is a join's record still to complete (not a pending credit to settle). */
    public static boolean joined(Map<String, AttributeValue> item) {
        return CreditStatus.JOINED.wireName().equals(Attr.str(item, "status"));
    }

    /** A record whose inviter was erased before it completed: credits no one, as an erased inviter's invite does not. */
    private Credited dropJoined(Campaign campaign, Map<String, AttributeValue> record) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", record.get("pk"), "sk", record.get("sk")))
                    .updateExpression("SET #st = :removed REMOVE gsi1pk, gsi1sk, #sv")
                    .conditionExpression("#st = :joined AND attribute_not_exists(inviterRef)")
                    .expressionAttributeNames(Map.of("#st", "status", "#sv", SAME_VIEWER))
                    .expressionAttributeValues(Map.of(":removed", s(CreditStatus.REMOVED.wireName()),
                            ":joined", s(CreditStatus.JOINED.wireName()))));
            return Credited.REFUSED;
        } catch (ConditionalCheckFailedException before) {
            return Credited.BEFORE;
        }
    }

    private Credited refuseJoined(TenantId tenantId, Campaign campaign, Join join, CreditRefusal why) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.invitee(tenantId, campaign.campaignId(),
                            join.inviteeRef()))
                    .updateExpression("SET #st = :refused, reason = :why REMOVE gsi1pk, gsi1sk, #sv")
                    .conditionExpression("#st = :joined AND inviterRef = :inviter")
                    .expressionAttributeNames(Map.of("#st", "status", "#sv", SAME_VIEWER))
                    .expressionAttributeValues(Map.of(":refused", s(CreditStatus.REFUSED.wireName()),
                            ":why", s(why.wireName()), ":joined", s(CreditStatus.JOINED.wireName()),
                            ":inviter", s(join.inviterRef()))));
            return Credited.REFUSED;
        } catch (ConditionalCheckFailedException before) {
            return Credited.BEFORE;
        }
    }

    private Credited refuse(TenantId tenantId, Campaign campaign, Join join, CreditRefusal why, String day) {
        Map<String, AttributeValue> item = linkItem(tenantId, campaign, join, CreditStatus.REFUSED, why, day);
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return Credited.REFUSED;
        } catch (ConditionalCheckFailedException before) {
            return Credited.BEFORE;
        }
    }

    /** The inviter's pending count and today's count, one more, under the daily limit. */
    private TransactWriteItem raise(TenantId tenantId, Campaign campaign, Join join, String day) {
        CampaignId c = campaign.campaignId();
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(MainTableKeys.inviter(tenantId, c, join.inviterRef()))
                .updateExpression("SET memberRef = :ref, qualified = if_not_exists(qualified, :zero),"
                        + " reachedAt = if_not_exists(reachedAt, :now), gsi1pk = :board,"
                        + " gsi1sk = if_not_exists(gsi1sk, :first) ADD pending :one, #day :one")
                .conditionExpression("attribute_not_exists(#day) OR #day < :limit")
                .expressionAttributeNames(Map.of("#day", DAY_PREFIX + day))
                .expressionAttributeValues(Map.of(":ref", s(join.inviterRef()), ":zero", n(0),
                        ":now", n(join.joinedAt().toEpochMilli()), ":board", s(MainTableKeys.leaderboardIndex(tenantId, c)),
                        ":first", s(CreditRules.boardSort(0, join.joinedAt(), join.inviterRef())), ":one", n(1),
                        ":limit", n(campaign.settings().perInviterDailyLimit()))).build()).build();
    }

    private static Instant qualifiesAt(Campaign campaign, Join join) {
        return CreditRules.qualifiesAt(join.joinedAt(), campaign.settings().qualifyAfterMinutes());
    }

    private static Map<String, AttributeValue> linkItem(TenantId tenantId, Campaign campaign, Join join,
                                                        CreditStatus status, CreditRefusal why, String day) {
        CampaignId c = campaign.campaignId();
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.invitee(tenantId, c, join.inviteeRef()));
        item.put("tenantId", s(tenantId.text()));
        item.put("campaignId", s(c.text()));
        item.put("memberRef", s(join.inviteeRef()));
        item.put("inviterRef", s(join.inviterRef()));
        item.put("inviteId", s(join.inviteId().toString()));
        item.put("groupId", s(join.groupId().text()));
        item.put("joinedAt", n(join.joinedAt().getEpochSecond()));
        item.put("qualifiesAt", n(qualifiesAt(campaign, join).getEpochSecond()));
        item.put("day", s(day));
        item.put("status", s(status.wireName()));
        if (why != null) {
            item.put("reason", s(why.wireName()));
        }
        return item;
    }

    /** Signs the reward code of an inviter who reaches the goal ({@link Rewards#issue}, under the current key). */
    @FunctionalInterface
    public interface RewardSigner {
        String sign(TenantId tenantId, CampaignId campaignId, String inviterRef);
    }

    /**
     * Settles one pending {@code credit} (an item of the due index) of {@code campaign} at
     * {@code now}: qualified when its invitee is still the member who joined (the member item,
     * joined no later than the credit), else removed; the inviter's counts, the
     * {@code referral.credited} event and, at the goal, the reward (its code from
     * {@code rewards}) and {@code referral.goal_reached} move in the same transaction, each
     * credit once (its status must still be pending). Safe to run anywhere, any number of
     * times at once: whether this call settled it.
     */
    public boolean settle(Campaign campaign, Map<String, AttributeValue> credit, Instant now, RewardSigner rewards) {
        return settleOne(campaign.tenantId(), campaign, credit, now, rewards);
    }

    private boolean settleOne(TenantId tenantId, Campaign campaign, Map<String, AttributeValue> credit, Instant now,
                              RewardSigner rewards) {
        CampaignId c = campaign.campaignId();
        int goal = campaign.settings().goal();
        String invitee = Attr.str(credit, "memberRef");
        String inviter = Attr.str(credit, "inviterRef");
        GroupId groupId = StoredValues.id(credit, "groupId", GroupId::parse);
        long joinedAt = Attr.num(credit, "joinedAt", 0);
        Map<String, AttributeValue> member = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.member(tenantId, groupId, invitee)).projectionExpression("joinedAt")).item();
        boolean stayed = member != null && !member.isEmpty() && Attr.num(member, "joinedAt", Long.MAX_VALUE) <= joinedAt;
        Map<String, AttributeValue> creditKey = MainTableKeys.invitee(tenantId, c, invitee);
        Map<String, AttributeValue> inviterKey = inviter == null ? null : MainTableKeys.inviter(tenantId, c, inviter);
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            List<TransactWriteItem> items = new ArrayList<>();
            CreditStatus to = stayed ? CreditStatus.QUALIFIED : CreditStatus.REMOVED;
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(creditKey)
                    .updateExpression("SET #st = :to, settledAt = :now REMOVE gsi1pk, gsi1sk")
                    .conditionExpression("#st = :pending")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":to", s(to.wireName()), ":now", n(now.getEpochSecond()),
                            ":pending", s(CreditStatus.PENDING.wireName()))).build()).build());
            if (inviterKey != null) {
                Map<String, AttributeValue> current = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                        .key(inviterKey).projectionExpression("qualified")).item();
                long qualified = current == null ? 0 : Attr.num(current, "qualified", 0);
                items.add(stayed ? qualify(inviterKey, inviter, qualified, now, tenantId, c) : unpend(inviterKey));
                if (stayed) {
                    items.add(event(WebhookEventType.REFERRAL_CREDITED, tenantId, c, inviter, qualified + 1, now,
                            invitee));
                }
                if (stayed && qualified + 1 == goal) {
                    String code = rewards.sign(tenantId, c, inviter);
                    items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(rewardItem(tenantId, c, code, inviter, qualified + 1, now))
                            .conditionExpression("attribute_not_exists(pk)").build()).build());
                    items.add(event(WebhookEventType.REFERRAL_GOAL_REACHED, tenantId, c, inviter, qualified + 1, now));
                }
            }
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return true;
            } catch (TransactionCanceledException e) {
                if (failed(e, 0)) {
                    return false; // settled elsewhere
                }
                backOff(attempt);
            }
        }
        return false;
    }

    /**
     * A referral event, stored in the outbox by the transaction that makes it true: its id
     * derives from the campaign, the inviter and {@code identity}, so it is stored once.
     * It names the inviter only ({@code memberRef}), so an erasure of the inviter finds it.
     */
    private TransactWriteItem event(WebhookEventType type, TenantId tenantId, CampaignId c, String inviter,
                                    long qualified, Instant now, String... identity) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("campaignId", c.text());
        data.put("memberRef", inviter);
        data.put("qualified", qualified);
        String[] id = new String[identity.length + 2];
        id[0] = c.text();
        id[1] = inviter;
        System.arraycopy(identity, 0, id, 2, identity.length);
        WebhookEvent event = WebhookEvent.of(type, tenantId, now, data, id);
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Outbox.item(event, null, now))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static Map<String, AttributeValue> rewardItem(TenantId tenantId, CampaignId c, String code, String inviter,
                                                          long qualified, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.reward(tenantId, c, code));
        item.put("tenantId", s(tenantId.text()));
        item.put("campaignId", s(c.text()));
        item.put("rewardCode", s(code));
        item.put("memberRef", s(inviter));
        item.put("qualified", n(qualified));
        item.put("issuedAt", n(now.getEpochSecond()));
        return item;
    }

    /** What a redemption came to. */
    public enum Redemption {
        REDEEMED, ALREADY_REDEEMED, UNKNOWN
    }

    /** A reward redeemed (or found redeemed), with whose it is. */
    public record Redeemed(Redemption outcome, String memberRef, Instant redeemedAt) {
    }

    /** Marks the reward redeemed, once: one conditional UpdateItem, read back when it was redeemed before. */
    public Redeemed redeem(TenantId tenantId, CampaignId c, String code, Instant now) {
        Map<String, AttributeValue> key = MainTableKeys.reward(tenantId, c, code);
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table).key(key)
                    .updateExpression("SET redeemedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(redeemedAt)")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)).attributes();
            return new Redeemed(Redemption.REDEEMED, Attr.str(item, "memberRef"), now);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(key)).item();
            if (item == null || item.isEmpty()) {
                return new Redeemed(Redemption.UNKNOWN, null, null);
            }
            return new Redeemed(Redemption.ALREADY_REDEEMED, Attr.str(item, "memberRef"),
                    Instant.ofEpochSecond(Attr.num(item, "redeemedAt", 0)));
        }
    }

    /** The rewards issued in a campaign, by inviter: one query of the partition's {@code REWARD#} items. */
    public Map<String, String> rewardCodes(TenantId tenantId, CampaignId c) {
        Map<String, String> out = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :r)")
                    .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.campaignPartition(tenantId, c)),
                            ":r", s("REWARD#"))).exclusiveStartKey(from));
            page.items().forEach(i -> out.put(Attr.str(i, "memberRef"), Attr.str(i, "rewardCode")));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** One more qualified credit, from the count read ({@code qualified}): a count moved meanwhile is read again. */
    private TransactWriteItem qualify(Map<String, AttributeValue> key, String inviter, long qualified, Instant now,
                                      TenantId tenantId, CampaignId c) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression("SET qualified = :next, reachedAt = :now, gsi1sk = :sort ADD pending :minus")
                .conditionExpression("qualified = :read")
                .expressionAttributeValues(Map.of(":next", n(qualified + 1), ":now", n(now.toEpochMilli()),
                        ":sort", s(CreditRules.boardSort(qualified + 1, now, inviter)), ":minus", n(-1),
                        ":read", n(qualified))).build()).build();
    }

    private TransactWriteItem unpend(Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression("ADD pending :minus").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":minus", n(-1))).build()).build();
    }

    /** An inviter on the leaderboard. */
    public record Standing(String memberRef, long qualified, long pending) {
    }

    /** The first {@code limit} inviters in leaderboard order: one query of gsi1. */
    public List<Standing> leaderboard(TenantId tenantId, CampaignId campaignId, int limit) {
        return dynamo.query(q -> q.tableName(table).indexName("gsi1").limit(limit)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.leaderboardIndex(tenantId, campaignId)))))
                .items().stream().map(i -> new Standing(Attr.str(i, "memberRef"), Attr.num(i, "qualified", 0),
                        Attr.num(i, "pending", 0))).toList();
    }

    /** A campaign's funnel, counted from its invites, credits and inviters: its partition, read a page at a time. */
    public CampaignCounts counts(TenantId tenantId, CampaignId campaignId) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.campaignPartition(tenantId, campaignId))))
                    .exclusiveStartKey(from));
            out.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return CampaignCounts.of(out);
    }

    private static boolean failed(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }

    private static void backOff(int attempt) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2_000_000L << Math.min(attempt, 6)));
    }
}
