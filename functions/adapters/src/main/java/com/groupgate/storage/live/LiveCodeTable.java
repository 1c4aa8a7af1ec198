package com.groupgate.storage.live;

import static com.groupgate.aws.Attr.b;
import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import com.groupgate.aws.BatchReads;
import com.groupgate.aws.StaleDays;
import com.groupgate.fact.FactCodec;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.TenantId;
import com.groupgate.live.CounterShards;
import com.groupgate.live.LiveCode;
import com.groupgate.live.LiveCodeStatus;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.NewestFirst;
import com.groupgate.storage.StoredValues;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Live codes ({@code pk=T#<tenant>#LIVE#<id>, sk=LIVE}) and their counter shards
 * ({@code pk=T#<tenant>#LIVE#<id>#SHARD#<k>, sk=SHARD}). Creating, editing and revoking
 * write the live item and every shard in one transaction, so a shard's
 * {@code poolVersion} and {@code status} always match the pool they count for. Live items
 * (not shards) are also on gsi1 under {@code T#<tenant>#LIVECODES} by creation time.
 */
public final class LiveCodeTable {
    private final DynamoDbClient dynamo;
    private final String table;
    private final StaleDays staleDays = new StaleDays();

    public LiveCodeTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The live code's item ({@link MainTableKeys#liveCode}). */
    public void create(LiveCode code, TransactWriteItem usage) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(code))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (int k = 0; k < CounterShards.COUNT; k++) {
            Map<String, AttributeValue> shard = new HashMap<>(MainTableKeys.liveCodeShard(code.tenantId(), code.liveCodeId(), k));
            shard.put("status", s(code.status().wireName()));
            shard.put("poolVersion", n(code.poolVersion()));
            shard.put("daily", Attr.map(Map.of()));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(shard).build()).build());
        }
        items.add(usage);
        dynamo.transactWriteItems(t -> t.transactItems(items));
    }

    public record Page(List<LiveCode> items, String nextCursor) {
    }

    /** A page of the tenant's live codes from gsi1, newest first, paged as the group codes ({@link NewestFirst}). */
    public Page list(TenantId tenantId, int limit, String cursor) {
        NewestFirst.Page page = NewestFirst.read(dynamo, table, MainTableKeys.liveCodesIndex(tenantId), limit, cursor,
                LiveCodeId::parse, liveCodeId -> MainTableKeys.liveCode(tenantId, liveCodeId));
        return new Page(page.items().stream().map(LiveCodeTable::fromItem).toList(), page.nextCursor());
    }

    public Optional<LiveCode> find(TenantId tenantId, LiveCodeId liveCodeId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.liveCode(tenantId, liveCodeId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** A live code with the referral campaign its item is marked with (null for none). */
    public record Marked(LiveCode code, CampaignId campaignId) {
    }

    /** As {@link #find}, with the campaign mark the same read brings: a join learns of a campaign for free. */
    public Optional<Marked> findMarked(TenantId tenantId, LiveCodeId liveCodeId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.liveCode(tenantId, liveCodeId))).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new Marked(fromItem(item), StoredValues.idOrNull(item, "campaignId", CampaignId::parse)));
    }

    /** Replaces the pool settings if nobody else changed them since {@code old}; false otherwise. */
    public boolean update(LiveCode old, LiveCode updated) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":old", n(old.poolVersion()));
        values.put(":new", n(updated.poolVersion()));
        values.put(":name", s(updated.name()));
        values.put(":groups", Attr.strings(updated.groupIds().stream().map(GroupId::text).toList()));
        values.put(":active", s(LiveCodeStatus.ACTIVE.wireName()));
        StringBuilder set = new StringBuilder("SET poolVersion = :new, #name = :name, groupIds = :groups");
        StringBuilder remove = new StringBuilder();
        optional(set, remove, values, "switchAfterJoins", updated.switchAfterJoins());
        optional(set, remove, values, "channel", updated.channel());
        optional(set, remove, values, "dailyScanLimit", updated.dailyScanLimit());
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(MainTableKeys.liveCode(old.tenantId(), old.liveCodeId()))
                .updateExpression(set + (remove.isEmpty() ? "" : " REMOVE " + remove))
                .conditionExpression("poolVersion = :old AND #st = :active")
                .expressionAttributeNames(Map.of("#name", "name", "#st", "status"))
                .expressionAttributeValues(values).build()).build());
        items.addAll(shardUpdates(old, "SET poolVersion = :new", Map.of(":new", n(updated.poolVersion()))));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    /** Revokes the live code and all its shards; empty when it does not exist. */
    public Optional<LiveCode> revoke(TenantId tenantId, LiveCodeId liveCodeId) {
        Optional<LiveCode> found = find(tenantId, liveCodeId);
        if (found.isEmpty()) {
            return found;
        }
        LiveCode code = found.get();
        Map<String, AttributeValue> values = Map.of(":revoked", s(LiveCodeStatus.REVOKED.wireName()), ":v", n(code.poolVersion() + 1));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(MainTableKeys.liveCode(tenantId, liveCodeId))
                .updateExpression("SET #st = :revoked, poolVersion = :v")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(values).build()).build());
        items.addAll(shardUpdates(code, "SET #st = :revoked, poolVersion = :v", values));
        dynamo.transactWriteItems(t -> t.transactItems(items));
        return find(tenantId, liveCodeId);
    }

    private List<TransactWriteItem> shardUpdates(LiveCode code, String expression, Map<String, AttributeValue> values) {
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, String> names = expression.contains("#st") ? Map.of("#st", "status") : null;
        for (int k = 0; k < CounterShards.COUNT; k++) {
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(MainTableKeys.liveCodeShard(code.tenantId(), code.liveCodeId(), k)).updateExpression(expression)
                    .expressionAttributeNames(names).expressionAttributeValues(values).build()).build());
        }
        return items;
    }

    /** What a counting attempt on one shard found. */
    public enum Count { COUNTED, SHARD_FULL, STALE }

    /**
     * Counts one scan on {@code shard}: increments the day's counter and sets the fact,
     * if the shard still counts for {@code poolVersion}, is active, and (with a cap) is
     * below its share. One write either way.
     */
    public Count count(LiveCode code, int shard, String dayKey, Integer shardCap, RecordedFact fact) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":zero", n(0));
        values.put(":one", n(1));
        values.put(":fact", Attr.map(FactCodec.encode(fact)));
        values.put(":v", n(code.poolVersion()));
        values.put(":active", s(LiveCodeStatus.ACTIVE.wireName()));
        AttributeValue factId = s(fact.factId());
        values.put(":factId", factId);
        // As for group codes: a retried write that already counted this scan counts it once.
        String condition = "poolVersion = :v AND #st = :active AND (attribute_not_exists(#fact) OR #fact.#id <> :factId)";
        if (shardCap != null) {
            values.put(":cap", n(shardCap));
            condition += " AND (attribute_not_exists(#daily.#day) OR #daily.#day < :cap)";
        }
        Map<String, AttributeValue> key = MainTableKeys.liveCodeShard(code.tenantId(), code.liveCodeId(), shard);
        String itemId = key.get("pk").s();
        Map<String, String> names = new HashMap<>(Map.of("#daily", "daily", "#day", dayKey, "#fact", "fact",
                "#st", "status", "#id", "id"));
        StringBuilder update = new StringBuilder("SET #daily.#day = if_not_exists(#daily.#day, :zero) + :one, #fact = :fact");
        staleDays.appendRemovals(itemId, "#daily", dayKey, update, names);
        String finalCondition = condition;
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(u -> u.tableName(table).key(key)
                    .updateExpression(update.toString())
                    .conditionExpression(finalCondition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues("ALL_NEW")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            staleDays.remember(itemId, Attr.mapOf(after, "daily"), dayKey);
            return Count.COUNTED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
            if (factId.equals(Attr.mapOf(old, "fact").get("id"))) {
                return Count.COUNTED;
            }
            boolean current = Attr.num(old, "poolVersion", -1) == code.poolVersion()
                    && LiveCodeStatus.ACTIVE.wireName().equals(Attr.str(old, "status"));
            return current ? Count.SHARD_FULL : Count.STALE;
        }
    }

    /** Scans counted today over all shards. */
    public long countedOn(TenantId tenantId, LiveCodeId liveCodeId, String dayKey) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int k = 0; k < CounterShards.COUNT; k++) {
            keys.add(MainTableKeys.liveCodeShard(tenantId, liveCodeId, k));
        }
        long total = 0;
        for (Map<String, AttributeValue> item : BatchReads.getAll(dynamo, table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())) {
            AttributeValue v = Attr.mapOf(item, "daily").get(dayKey);
            total += v == null ? 0 : Long.parseLong(v.n());
        }
        return total;
    }

    private static void optional(StringBuilder set, StringBuilder remove, Map<String, AttributeValue> values,
                                 String name, Object value) {
        if (value == null) {
            remove.append(remove.isEmpty() ? "" : ", ").append(name);
        } else {
            set.append(", ").append(name).append(" = :").append(name);
            values.put(":" + name, value instanceof Integer i ? n(i) : s(value.toString()));
        }
    }

    static Map<String, AttributeValue> toItem(LiveCode c) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.liveCode(c.tenantId(), c.liveCodeId()));
        item.put("tenantId", s(c.tenantId().text()));
        item.put("liveCodeId", s(c.liveCodeId().text()));
        item.put("name", s(c.name()));
        item.put("groupIds", Attr.strings(c.groupIds().stream().map(GroupId::text).toList()));
        if (c.switchAfterJoins() != null) {
            item.put("switchAfterJoins", n(c.switchAfterJoins()));
        }
        if (c.channel() != null) {
            item.put("channel", s(c.channel().value()));
        }
        if (c.dailyScanLimit() != null) {
            item.put("dailyScanLimit", n(c.dailyScanLimit()));
        }
        item.put("status", s(c.status().wireName()));
        item.put("poolVersion", n(c.poolVersion()));
        item.put("keyVersion", n(c.keyVersion()));
        item.put("salt", b(c.salt()));
        item.put("imageKey", s(c.imageKey()));
        item.put("imageBytes", n(c.imageBytes()));
        item.put("qrVersion", n(c.qrVersion()));
        item.put("timezone", s(c.timezone().getId()));
        item.put("createdAt", n(c.createdAt()));
        item.put("gsi1pk", s(MainTableKeys.liveCodesIndex(c.tenantId())));
        item.put("gsi1sk", s(MainTableKeys.listSort(c.createdAt(), c.liveCodeId())));
        return item;
    }

    public static LiveCode fromItem(Map<String, AttributeValue> item) {
        return new LiveCode(
                StoredValues.id(item, "tenantId", TenantId::parse),
                StoredValues.id(item, "liveCodeId", LiveCodeId::parse),
                Attr.str(item, "name"),
                Attr.strList(item, "groupIds").stream().map(g -> GroupId.parse(g).orElseThrow(
                        () -> new IllegalStateException("stored groupIds holds one that is not an id"))).toList(),
                item.containsKey("switchAfterJoins") ? (int) Attr.num(item, "switchAfterJoins", 0) : null,
                StoredValues.channelOrNull(item, "channel"),
                item.containsKey("dailyScanLimit") ? (int) Attr.num(item, "dailyScanLimit", 0) : null,
                StoredValues.oneOf("status", Attr.str(item, "status"), LiveCodeStatus.values(), LiveCodeStatus::wireName),
                Attr.num(item, "poolVersion", 0),
                (int) Attr.num(item, "keyVersion", 0),
                Attr.bytes(item, "salt"),
                Attr.str(item, "imageKey"),
                Attr.num(item, "imageBytes", 0),
                (int) Attr.num(item, "qrVersion", 0),
                ZoneId.of(Attr.str(item, "timezone")),
                Attr.num(item, "createdAt", 0));
    }
}
