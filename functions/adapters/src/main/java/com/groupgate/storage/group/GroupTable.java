package com.groupgate.storage.group;

import static com.groupgate.aws.Attr.b;
import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.entry.Entry;
import com.groupgate.group.Group;
import com.groupgate.group.GroupStatus;
import com.groupgate.group.Preset;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.join.GroupCategory;
import com.groupgate.join.JoinPolicy;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import com.groupgate.storage.block.BlockTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** Groups under their tenant: {@code pk=T#<tenant>, sk=GROUP#<group>}. */
public final class GroupTable {
    private final DynamoDbClient dynamo;
    private final String table;

    public GroupTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public record Page(List<Group> items, String nextCursor) {
    }

    public void create(Group g) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.group(g.tenantId(), g.groupId()));
        item.put("tenantId", s(g.tenantId().text()));
        item.put("groupId", s(g.groupId().text()));
        item.put("name", s(g.name()));
        item.put("capacity", n(g.capacity()));
        item.put("members", n(g.members()));
        item.put("joinPolicy", s(g.joinPolicy().wireName()));
        item.put("category", s(g.category().wireName()));
        if (g.welcomeMessage() != null) {
            item.put("welcomeMessage", s(g.welcomeMessage()));
        }
        if (g.preset() != null) {
            item.put("preset", s(g.preset().wireName()));
        }
        if (g.sealedPasscode() != null) {
            item.put("sealedPasscode", b(g.sealedPasscode()));
        }
        item.put("createdAt", n(g.createdAt()));
        if (g.verifyAbove() != null) {
            item.put("verifyAbove", n(g.verifyAbove()));
        }
        item.put("passcodeDigits", n(g.passcodeDigits()));
        item.put("status", s((g.status() == null ? GroupStatus.ACTIVE : g.status()).wireName()));
        if (g.entry() != null) {
            item.put("entry", GroupEntries.encode(g.entry()));
        }
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /**
     * Replaces a passcode group's sealed TOTP secret; the group as it now is, or empty when
     * there is no such group or its join policy is not passcode (nothing written). Joins
     * read the group consistently, so the old secret stops admitting anyone at once.
     */
    public Optional<Group> replacePasscode(TenantId tenantId, GroupId groupId, byte[] sealedPasscode) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.group(tenantId, groupId))
                    .updateExpression("SET sealedPasscode = :sealed")
                    .conditionExpression("attribute_exists(pk) AND joinPolicy = :passcode")
                    .expressionAttributeValues(Map.of(":sealed", b(sealedPasscode),
                            ":passcode", s(JoinPolicy.PASSCODE.wireName())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(from(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** What a tenant changes of a group (PATCH); null fields stay as they are. */
    public record Change(String name, Integer capacity, String welcomeMessage, JoinPolicy joinPolicy,
                         boolean verifyAboveGiven, Integer verifyAbove, boolean entryGiven, Entry entry,
                         GroupStatus status, byte[] sealedPasscode) {
        /** Only the entry. */
        public static Change entry(Entry entry) {
            return new Change(null, null, null, null, false, null, true, entry, null, null);
        }
    }

    /** What an edit came to. */
    public enum Edited { DONE, NOT_FOUND, BELOW_MEMBERS }

    /**
     * Applies {@code change} in one conditional write: a capacity below the members the
     * group has is refused by DynamoDB itself, so a join landing meanwhile cannot be
     * squeezed out.
     */
    public Edited update(TenantId tenantId, GroupId groupId, Change change) {
        StringBuilder set = new StringBuilder();
        StringBuilder remove = new StringBuilder();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        setIf(set, names, values, "name", change.name() == null ? null : s(change.name()));
        setIf(set, names, values, "capacity", change.capacity() == null ? null : n(change.capacity()));
        setIf(set, names, values, "welcomeMessage", change.welcomeMessage() == null ? null : s(change.welcomeMessage()));
        setIf(set, names, values, "joinPolicy", change.joinPolicy() == null ? null : s(change.joinPolicy().wireName()));
        setIf(set, names, values, "status", change.status() == null ? null : s(change.status().wireName()));
        setIf(set, names, values, "sealedPasscode", change.sealedPasscode() == null ? null : b(change.sealedPasscode()));
        if (change.verifyAboveGiven()) {
            setOrRemove(set, remove, names, values, "verifyAbove",
                    change.verifyAbove() == null ? null : n(change.verifyAbove()));
        }
        if (change.entryGiven()) {
            setOrRemove(set, remove, names, values, "entry",
                    change.entry() == null ? null : GroupEntries.encode(change.entry()));
        }
        String condition = "attribute_exists(pk)";
        if (change.capacity() != null) {
            names.put("#members", "members");
            values.put(":capacity", n(change.capacity()));
            condition += " AND #members <= :capacity";
        }
        String expression = (set.isEmpty() ? "" : "SET " + set) + (remove.isEmpty() ? "" : " REMOVE " + remove);
        if (expression.isBlank()) {
            return find(tenantId, groupId).isPresent() ? Edited.DONE : Edited.NOT_FOUND;
        }
        String finalCondition = condition;
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.group(tenantId, groupId)).updateExpression(expression.strip())
                    .conditionExpression(finalCondition).expressionAttributeNames(names)
                    .expressionAttributeValues(values.isEmpty() ? null : values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Edited.DONE;
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && !e.item().isEmpty() ? Edited.BELOW_MEMBERS : Edited.NOT_FOUND;
        }
    }

    private static void setIf(StringBuilder set, Map<String, String> names, Map<String, AttributeValue> values,
                              String attribute, AttributeValue value) {
        if (value != null) {
            set.append(set.isEmpty() ? "" : ", ").append("#").append(attribute).append(" = :").append(attribute);
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, value);
        }
    }

    private static void setOrRemove(StringBuilder set, StringBuilder remove, Map<String, String> names,
                                    Map<String, AttributeValue> values, String attribute, AttributeValue value) {
        if (value != null) {
            setIf(set, names, values, attribute, value);
        } else {
            remove.append(remove.isEmpty() ? "" : ", ").append("#").append(attribute);
            names.put("#" + attribute, attribute);
        }
    }

    public Optional<Group> find(TenantId tenantId, GroupId groupId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(MainTableKeys.group(tenantId, groupId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(from(item));
    }

    /** A group and the referral campaign its item is marked with ({@code campaignId}; null for none). */
    public record Marked(Group group, CampaignId campaignId) {
    }

    /** As {@link #find}, with the campaign mark the same read brings: a join learns of a campaign for free. */
    public Optional<Marked> findMarked(TenantId tenantId, GroupId groupId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(MainTableKeys.group(tenantId, groupId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new Marked(from(item), StoredValues.idOrNull(item, "campaignId", CampaignId::parse)));
    }

    /** A page of the tenant's groups in id order; the cursor is opaque to callers. */
    public Page list(TenantId tenantId, int limit, String cursor) {
        Map<String, AttributeValue> start = cursor == null ? null
                : MainTableKeys.key(MainTableKeys.tenantPartition(tenantId), MainTableKeys.GROUP_PREFIX + cursor);
        QueryResponse page = dynamo.query(q -> q.tableName(table).limit(limit)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :g)")
                .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.tenantPartition(tenantId)), ":g", s(MainTableKeys.GROUP_PREFIX)))
                .exclusiveStartKey(start));
        List<Group> items = page.items().stream().map(GroupTable::from).toList();
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !items.isEmpty()
                ? items.get(items.size() - 1).groupId().text() : null;
        return new Page(items, next);
    }

    public static Group from(Map<String, AttributeValue> item) {
        return new Group(StoredValues.id(item, "tenantId", TenantId::parse),
                StoredValues.id(item, "groupId", GroupId::parse),
                Attr.str(item, "name"), (int) Attr.num(item, "capacity", 0), Attr.num(item, "members", 0),
                StoredValues.oneOf("joinPolicy", Attr.str(item, "joinPolicy"), JoinPolicy.values(), JoinPolicy::wireName),
                StoredValues.oneOf("category", Attr.str(item, "category"), GroupCategory.values(),
                        GroupCategory::wireName),
                Attr.str(item, "welcomeMessage"),
                item.containsKey("preset")
                        ? StoredValues.oneOf("preset", Attr.str(item, "preset"), Preset.values(), Preset::wireName) : null,
                Attr.bytes(item, "sealedPasscode"), Attr.num(item, "createdAt", 0),
                item.containsKey("verifyAbove") ? (int) Attr.num(item, "verifyAbove", 0) : null,
                (int) Attr.num(item, "passcodeDigits", 6),
                item.containsKey("status") ? status(item) : GroupStatus.ACTIVE,
                GroupEntries.decode(Attr.mapOf(item, "entry")), BlockTable.from(item));
    }

    /** Whether a group item (or a failed condition's old image of one) is archived; one without a status is not. */
    public static boolean archived(Map<String, AttributeValue> item) {
        return item.containsKey("status") && status(item) == GroupStatus.ARCHIVED;
    }

    private static GroupStatus status(Map<String, AttributeValue> item) {
        return StoredValues.oneOf("status", Attr.str(item, "status"), GroupStatus.values(), GroupStatus::wireName);
    }

}
