package com.groupgate.storage.campaign;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.CampaignSettings;
import com.groupgate.campaign.CampaignStatus;
import com.groupgate.campaign.CampaignTarget;
import com.groupgate.campaign.PosterTemplate;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A tenant's referral campaigns, {@code pk=T#<tenant>, sk=CAMPAIGN#<id>}, listed in id order
 * with one query. The campaign's group or live code item carries {@value #CAMPAIGN_ID}, the
 * campaign it runs (written in the campaign's creation transaction), so that a join finds
 * out whether it owes an invite from the item it reads anyway, and a target runs at most
 * one campaign at a time.
 */
public final class CampaignTable {
    /** On a group or live code item: the campaign that target runs (active, or ended and not yet replaced). */
    public static final String CAMPAIGN_ID = "campaignId";

    private final DynamoDbClient dynamo;
    private final String table;

    public CampaignTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A target as a campaign's creation finds it: whether the item is there, and the campaign it runs. */
    public record TargetState(boolean exists, CampaignId campaignId) {
    }

    /** One consistent read of the target's item, its key and campaign only. */
    public TargetState target(TenantId tenantId, CampaignTarget target) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(targetKey(tenantId, target)).projectionExpression("pk, #c")
                .expressionAttributeNames(Map.of("#c", CAMPAIGN_ID))).item();
        if (item == null || item.isEmpty()) {
            return new TargetState(false, null);
        }
        return new TargetState(true, StoredValues.idOrNull(item, CAMPAIGN_ID, CampaignId::parse));
    }

    /** What a creation came to. */
    public enum Creation {
        CREATED,
        /** The group or live code is gone (or never was the tenant's). */
        TARGET_GONE,
        /** The target runs another campaign than the one the caller saw ended (a racing creation). */
        TARGET_TAKEN
    }

    /**
     * Stores {@code c} and marks its target in one transaction. The target must still run
     * {@code replacing} (the ended campaign the caller read, or none).
     */
    public Creation create(Campaign c, CampaignId replacing) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":c", s(c.campaignId().text())));
        String condition = "attribute_exists(pk) AND ";
        if (replacing == null) {
            condition += "attribute_not_exists(#c)";
        } else {
            condition += "#c = :old";
            values.put(":old", s(replacing.text()));
        }
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(c))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        TransactWriteItem mark = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(targetKey(c.tenantId(), c.target())).updateExpression("SET #c = :c")
                .conditionExpression(condition).expressionAttributeNames(Map.of("#c", CAMPAIGN_ID))
                .expressionAttributeValues(values).build()).build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(put, mark));
            return Creation.CREATED;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && e.cancellationReasons().size() > 1
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(1).code())) {
                return target(c.tenantId(), c.target()).exists() ? Creation.TARGET_TAKEN : Creation.TARGET_GONE;
            }
            throw e;
        }
    }

    public Optional<Campaign> find(TenantId tenantId, CampaignId campaignId) {
        return findWithPoster(tenantId, campaignId).map(WithPoster::campaign);
    }

    /** A campaign and its poster template ({@link CampaignPosters}; null when none was uploaded), from one read. */
    public record WithPoster(Campaign campaign, PosterTemplate poster) {
    }

    public Optional<WithPoster> findWithPoster(TenantId tenantId, CampaignId campaignId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.campaign(tenantId, campaignId))).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new WithPoster(from(item), CampaignPosters.from(item)));
    }

    public record Page(List<Campaign> items, String nextCursor) {
    }

    /** A page of the tenant's campaigns in id order; the cursor is the last campaign's id. */
    public Page list(TenantId tenantId, int limit, CampaignId after) {
        String pk = MainTableKeys.tenantPartition(tenantId);
        Map<String, AttributeValue> start = after == null ? null : MainTableKeys.campaign(tenantId, after);
        QueryResponse page = dynamo.query(q -> q.tableName(table).limit(limit)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :c)")
                .expressionAttributeValues(Map.of(":pk", s(pk), ":c", s(MainTableKeys.CAMPAIGN_PREFIX)))
                .exclusiveStartKey(start));
        List<Campaign> items = page.items().stream().map(CampaignTable::from).toList();
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !items.isEmpty()
                ? items.get(items.size() - 1).campaignId().text() : null;
        return new Page(items, next);
    }

    /**
     * Writes {@code changed} over the stored campaign while that is still stored as active
     * (an ended campaign never comes back); false when it is not (gone, or ended meanwhile).
     */
    public boolean replaceActive(Campaign changed) {
        // An update of the campaign's own attributes, not a put: the poster template
        // (CampaignPosters) on the same item stays.
        Map<String, AttributeValue> item = toItem(changed);
        Map<String, String> names = new HashMap<>(Map.of("#st", "status"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":active", s(CampaignStatus.ACTIVE.wireName())));
        List<String> sets = new java.util.ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            if (!e.getKey().equals("pk") && !e.getKey().equals("sk")) {
                names.put("#a" + i, e.getKey());
                values.put(":a" + i, e.getValue());
                sets.add("#a" + i + " = :a" + i);
                i++;
            }
        }
        List<String> removes = new java.util.ArrayList<>();
        for (String optional : List.of("endsAt", "endedAt")) {
            if (!item.containsKey(optional)) {
                names.put("#r" + removes.size(), optional);
                removes.add("#r" + removes.size());
            }
        }
        String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.campaign(changed.tenantId(), changed.campaignId()))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(pk) AND #st = :active")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Unmarks an ended campaign's target, if it still names the campaign, so that joins there
     * stop looking for it. Best effort: a target still marked by an ended campaign costs a
     * join one read that finds it ended, and the next campaign's creation replaces the mark.
     */
    public void release(Campaign ended) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(targetKey(ended.tenantId(), ended.target()))
                    .updateExpression("REMOVE #c").conditionExpression("#c = :c")
                    .expressionAttributeNames(Map.of("#c", CAMPAIGN_ID))
                    .expressionAttributeValues(Map.of(":c", s(ended.campaignId().text()))));
        } catch (ConditionalCheckFailedException replacedOrGone) {
            // Another campaign runs there now, or the target is gone: nothing of this one to remove.
        }
    }

    private static Map<String, AttributeValue> targetKey(TenantId tenantId, CampaignTarget target) {
        return target.groupId() != null ? MainTableKeys.group(tenantId, target.groupId())
                : MainTableKeys.liveCode(tenantId, target.liveCodeId());
    }

    static Map<String, AttributeValue> toItem(Campaign c) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.campaign(c.tenantId(), c.campaignId()));
        item.put("tenantId", s(c.tenantId().text()));
        item.put(CAMPAIGN_ID, s(c.campaignId().text()));
        if (c.target().groupId() != null) {
            item.put("groupId", s(c.target().groupId().text()));
        } else {
            item.put("liveCodeId", s(c.target().liveCodeId().text()));
        }
        CampaignSettings st = c.settings();
        item.put("name", s(st.name()));
        item.put("goal", n(st.goal()));
        item.put("reward", s(st.reward()));
        if (st.endsAt() != null) {
            item.put("endsAt", n(st.endsAt().getEpochSecond()));
        }
        item.put("qualifyAfterMinutes", n(st.qualifyAfterMinutes()));
        item.put("perInviterDailyLimit", n(st.perInviterDailyLimit()));
        item.put("status", s(c.status().wireName()));
        item.put("timezone", s(c.timezone().getId()));
        item.put("createdAt", n(c.createdAt().getEpochSecond()));
        if (c.endedAt() != null) {
            item.put("endedAt", n(c.endedAt().getEpochSecond()));
        }
        return item;
    }

    static Campaign from(Map<String, AttributeValue> item) {
        GroupId groupId = StoredValues.idOrNull(item, "groupId", GroupId::parse);
        LiveCodeId liveCodeId = StoredValues.idOrNull(item, "liveCodeId", LiveCodeId::parse);
        CampaignSettings settings = new CampaignSettings(Attr.str(item, "name"), (int) Attr.num(item, "goal", 0),
                Attr.str(item, "reward"), instantOrNull(item, "endsAt"), (int) Attr.num(item, "qualifyAfterMinutes", 0),
                (int) Attr.num(item, "perInviterDailyLimit", 0));
        return new Campaign(StoredValues.id(item, "tenantId", TenantId::parse),
                StoredValues.id(item, CAMPAIGN_ID, CampaignId::parse), new CampaignTarget(groupId, liveCodeId), settings,
                StoredValues.oneOf("status", Attr.str(item, "status"), CampaignStatus.values(), CampaignStatus::wireName),
                java.time.ZoneId.of(Attr.str(item, "timezone")),
                Instant.ofEpochSecond(Attr.num(item, "createdAt", 0)), instantOrNull(item, "endedAt"));
    }

    private static Instant instantOrNull(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.ofEpochSecond(Attr.num(item, name, 0)) : null;
    }
}
