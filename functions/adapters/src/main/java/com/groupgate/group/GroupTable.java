package com.groupgate.group;

import static com.groupgate.aws.Attr.b;
import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.id.Id;
import com.groupgate.join.JoinPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

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

    public static Map<String, AttributeValue> key(Id tenantId, Id groupId) {
        return Map.of("pk", s("T#" + tenantId), "sk", s("GROUP#" + groupId));
    }

    public void create(Group g) {
        Map<String, AttributeValue> item = new HashMap<>(key(g.tenantId(), g.groupId()));
        item.put("tenantId", s(g.tenantId().toString()));
        item.put("groupId", s(g.groupId().toString()));
        item.put("name", s(g.name()));
        item.put("capacity", n(g.capacity()));
        item.put("members", n(g.members()));
        item.put("joinPolicy", s(g.joinPolicy()));
        item.put("category", s(g.category()));
        if (g.welcomeMessage() != null) {
            item.put("welcomeMessage", s(g.welcomeMessage()));
        }
        if (g.preset() != null) {
            item.put("preset", s(g.preset()));
        }
        if (g.sealedPasscode() != null) {
            item.put("sealedPasscode", b(g.sealedPasscode()));
        }
        item.put("createdAt", n(g.createdAt()));
        if (g.verifyAbove() != null) {
            item.put("verifyAbove", n(g.verifyAbove()));
        }
        item.put("passcodeDigits", n(g.passcodeDigits()));
        item.put("status", s(g.status() == null ? Group.ACTIVE : g.status()));
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /**
     * Replaces a passcode group's sealed TOTP secret; the group as it now is, or empty when
     * there is no such group or its join policy is not passcode (nothing written). Joins
     * read the group consistently, so the old secret stops admitting anyone at once.
     */
    public Optional<Group> replacePasscode(Id tenantId, Id groupId, byte[] sealedPasscode) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table).key(key(tenantId, groupId))
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

    public Optional<Group> find(Id tenantId, Id groupId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(tenantId, groupId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(from(item));
    }

    /** A page of the tenant's groups in id order; the cursor is opaque to callers. */
    public Page list(Id tenantId, int limit, String cursor) {
        Map<String, AttributeValue> start = cursor == null ? null
                : Map.of("pk", s("T#" + tenantId), "sk", s("GROUP#" + cursor));
        QueryResponse page = dynamo.query(q -> q.tableName(table).limit(limit)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :g)")
                .expressionAttributeValues(Map.of(":pk", s("T#" + tenantId), ":g", s("GROUP#")))
                .exclusiveStartKey(start));
        List<Group> items = page.items().stream().map(GroupTable::from).toList();
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !items.isEmpty()
                ? items.get(items.size() - 1).groupId().toString() : null;
        return new Page(items, next);
    }

    public static Group from(Map<String, AttributeValue> item) {
        return new Group(Id.parse(Attr.str(item, "tenantId")).orElseThrow(),
                Id.parse(Attr.str(item, "groupId")).orElseThrow(),
                Attr.str(item, "name"), (int) Attr.num(item, "capacity", 0), Attr.num(item, "members", 0),
                Attr.str(item, "joinPolicy"), Attr.str(item, "category"), Attr.str(item, "welcomeMessage"),
                Attr.str(item, "preset"), Attr.bytes(item, "sealedPasscode"), Attr.num(item, "createdAt", 0),
                item.containsKey("verifyAbove") ? (int) Attr.num(item, "verifyAbove", 0) : null,
                (int) Attr.num(item, "passcodeDigits", 6),
                item.containsKey("status") ? Attr.str(item, "status") : Group.ACTIVE);
    }

}
