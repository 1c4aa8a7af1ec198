package com.groupgate.storage.code;

import static com.groupgate.aws.Attr.b;
import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.aws.BatchReads;
import com.groupgate.code.CodeStatus;
import com.groupgate.code.GroupCode;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.join.JoinPolicy;
import com.groupgate.qr.Ecc;
import com.groupgate.scan.GeoRules;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.NewestFirst;
import com.groupgate.storage.StoredValues;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Group codes, as two items in one partition {@code pk=T#<tenant>#CODE#<code>}, so a busy
 * code's counting does not share write capacity with the tenant's other items:
 *
 * <ul>
 * <li>{@code sk=CODE}, the code: settings, geo rules, the group's display text, image,
 *     status. Written by the API only; the scan path reads it once per container.
 * <li>{@code sk=COUNT}, the counter the scan writes ({@link ScanCounter}): the status
 *     again (revoke and refresh change both items in one transaction, so the counting write
 *     returns it exactly), today's counter and the last scan's fact — under 1 KB whatever
 *     the code's settings, so an accepted scan costs one write unit.
 * </ul>
 *
 * Both carry {@code ttl} = expiry + {@link #KEEP_AFTER_EXPIRY}: GET shows an expired code
 * for a while, and DynamoDB removes it later (the scan path never relies on that). Every
 * code is also on gsi1 under {@code T#<tenant>#CODES}, sorted by issue time, so a tenant
 * can list its codes.
 */
public final class CodeTable {
    public static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    public CodeTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Stores a new code and its counter together with the usage increments it causes. */
    public void create(GroupCode code, TransactWriteItem usage) {
        dynamo.transactWriteItems(t -> t.transactItems(putNew(code), putCounter(code), usage));
    }

    /**
     * Stores {@code replacement} and marks {@code old} superseded by it, atomically; false
     * when {@code old} was no longer active or expired (revoked or already superseded).
     */
    public boolean supersede(GroupCode old, GroupCode replacement, TransactWriteItem usage) {
        Update mark = Update.builder().tableName(table).key(MainTableKeys.code(old.tenantId(), old.codeId()))
                .updateExpression("SET #st = :sup, supersededBy = :by")
                .conditionExpression("#st = :active")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":sup", s(CodeStatus.SUPERSEDED.wireName()),
                        ":by", s(replacement.codeId().text()), ":active", s(CodeStatus.ACTIVE.wireName())))
                .build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder().update(mark).build(),
                    counterStatus(old.tenantId(), old.codeId(), CodeStatus.SUPERSEDED),
                    putNew(replacement), putCounter(replacement), usage));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    /** Marks the code and its counter revoked; empty when it does not exist. */
    public Optional<GroupCode> revoke(TenantId tenantId, CodeId codeId) {
        Update mark = Update.builder().tableName(table).key(MainTableKeys.code(tenantId, codeId))
                .updateExpression("SET #st = :revoked")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":revoked", s(CodeStatus.REVOKED.wireName())))
                .build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder().update(mark).build(),
                    counterStatus(tenantId, codeId, CodeStatus.REVOKED)));
        } catch (TransactionCanceledException e) {
            return Optional.empty();
        }
        return find(tenantId, codeId);
    }

    /** Sets the counter's status, which the counting write returns to the scan. */
    private TransactWriteItem counterStatus(TenantId tenantId, CodeId codeId, CodeStatus status) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(MainTableKeys.codeCounter(tenantId, codeId))
                .updateExpression("SET #st = :st")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":st", s(status.wireName()))).build()).build();
    }

    /** A page of stored codes, newest first, and the cursor of the next page (null at the end). */
    public record Page(List<StoredCode> items, String nextCursor) {
    }

    /**
     * A page of the tenant's codes from gsi1, newest first ({@link NewestFirst}); a cursor
     * is refused by {@link #isCursor} before it gets here.
     */
    public Page list(TenantId tenantId, int limit, String cursor) {
        NewestFirst.Page page = NewestFirst.read(dynamo, table, MainTableKeys.codesIndex(tenantId), limit, cursor,
                CodeId::parse, codeId -> MainTableKeys.code(tenantId, codeId));
        List<Map<String, AttributeValue>> items = page.items();
        String next = page.nextCursor();
        Map<String, Map<String, AttributeValue>> counters = new HashMap<>();
        if (!items.isEmpty()) {
            List<Map<String, AttributeValue>> keys = items.stream()
                    .map(i -> MainTableKeys.codeCounter(StoredValues.id(i, "tenantId", TenantId::parse),
                            StoredValues.id(i, "codeId", CodeId::parse))).toList();
            BatchReads.getAll(dynamo, table, KeysAndAttributes.builder().keys(keys).build())
                    .forEach(c -> counters.put(Attr.str(c, "pk"), c));
        }
        return new Page(items.stream().map(i -> new StoredCode(fromItem(i),
                counts(counters.getOrDefault(Attr.str(i, "pk"), Map.of())))).toList(), next);
    }

    /** Whether {@code text} has the shape of a cursor {@link #list} (or the live codes' list) returns. */
    public static boolean isCursor(String text) {
        return MainTableKeys.listCursorId(text, CodeId::parse).isPresent();
    }

    /** The code as stored (consistent read), without its counter. */
    public Optional<GroupCode> find(TenantId tenantId, CodeId codeId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(MainTableKeys.code(tenantId, codeId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * The code's status as its counter holds it now (a consistent read): what a refusal
     * decided before counting asks, so that a dead code answers dead whatever else is wrong.
     */
    public Optional<CodeStatus> status(TenantId tenantId, CodeId codeId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(MainTableKeys.codeCounter(tenantId, codeId))
                .consistentRead(true).projectionExpression("#st").expressionAttributeNames(Map.of("#st", "status")))
                .item();
        return item == null || !item.containsKey("status") ? Optional.empty() : Optional.of(status(item));
    }

    /** The code with its counter: both items of its partition, in one query. */
    public Optional<StoredCode> findStored(TenantId tenantId, CodeId codeId) {
        List<Map<String, AttributeValue>> items = dynamo.query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.codePartition(tenantId, codeId))))).items();
        Map<String, AttributeValue> code = null;
        Map<String, AttributeValue> counter = Map.of();
        for (Map<String, AttributeValue> item : items) {
            if (MainTableKeys.CODE.equals(Attr.str(item, "sk"))) {
                code = item;
            } else if (MainTableKeys.COUNT.equals(Attr.str(item, "sk"))) {
                counter = item;
            }
        }
        return code == null ? Optional.empty() : Optional.of(new StoredCode(fromItem(code), counts(counter)));
    }

    /** The status a code or counter item holds. */
    static CodeStatus status(Map<String, AttributeValue> item) {
        return StoredValues.oneOf("status", Attr.str(item, "status"), CodeStatus.values(), CodeStatus::wireName);
    }

    /** A counter item's scans by day. */
    static Map<String, Long> counts(Map<String, AttributeValue> counter) {
        Map<String, Long> out = new HashMap<>();
        Attr.mapOf(counter, "daily").forEach((day, v) -> out.put(day, Long.parseLong(v.n())));
        return out;
    }

    private TransactWriteItem putCounter(GroupCode c) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.codeCounter(c.tenantId(), c.codeId()));
        item.put("status", s(c.status().wireName()));
        item.put("daily", Attr.map(Map.of()));
        item.put("ttl", n(c.expiresAt() + KEEP_AFTER_EXPIRY.toSeconds()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private TransactWriteItem putNew(GroupCode code) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(code))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    public static Map<String, AttributeValue> toItem(GroupCode c) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.code(c.tenantId(), c.codeId()));
        item.put("tenantId", s(c.tenantId().text()));
        item.put("codeId", s(c.codeId().text()));
        item.put("groupId", s(c.groupId().text()));
        if (c.label() != null) {
            item.put("label", s(c.label()));
        }
        if (c.channel() != null) {
            item.put("channel", s(c.channel().value()));
        }
        item.put("dailyScanLimit", n(c.dailyScanLimit()));
        item.put("geo", Attr.map(Map.of(
                "allowCountries", Attr.strings(c.geo().allowCountries()),
                "denyCountries", Attr.strings(c.geo().denyCountries()),
                "allowRegions", Attr.strings(c.geo().allowRegions()),
                "denyRegions", Attr.strings(c.geo().denyRegions()),
                "allowCidrs", Attr.strings(GeoRules.texts(c.geo().allowCidrs())),
                "denyCidrs", Attr.strings(GeoRules.texts(c.geo().denyCidrs())))));
        item.put("ecc", s(c.ecc().name()));
        item.put("modulePx", n(c.modulePx()));
        item.put("ttlSeconds", n(c.ttlSeconds()));
        item.put("issuedAt", n(c.issuedAt()));
        item.put("expiresAt", n(c.expiresAt()));
        item.put("status", s(c.status().wireName()));
        item.put("keyVersion", n(c.keyVersion()));
        item.put("salt", b(c.salt()));
        item.put("imageKey", s(c.imageKey()));
        item.put("imageBytes", n(c.imageBytes()));
        item.put("qrVersion", n(c.qrVersion()));
        item.put("timezone", s(c.timezone().getId()));
        Map<String, String> group = new HashMap<>();
        group.put("name", c.groupName());
        group.put("joinPolicy", c.joinPolicy().wireName());
        group.put("welcomeMessage", c.welcomeMessage());
        item.put("group", Attr.stringMap(group));
        item.put("ttl", n(c.expiresAt() + KEEP_AFTER_EXPIRY.toSeconds()));
        item.put("gsi1pk", s(MainTableKeys.codesIndex(c.tenantId())));
        item.put("gsi1sk", s(MainTableKeys.listSort(c.issuedAt(), c.codeId())));
        return item;
    }

    public static GroupCode fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> geo = Attr.mapOf(item, "geo");
        Map<String, AttributeValue> group = Attr.mapOf(item, "group");
        return new GroupCode(
                StoredValues.id(item, "tenantId", TenantId::parse),
                StoredValues.id(item, "codeId", CodeId::parse),
                StoredValues.id(item, "groupId", GroupId::parse),
                StoredValues.channelOrNull(item, "channel"),
                (int) Attr.num(item, "dailyScanLimit", 0),
                GeoRules.of(Attr.strList(geo, "allowCountries"), Attr.strList(geo, "denyCountries"),
                        Attr.strList(geo, "allowRegions"), Attr.strList(geo, "denyRegions"),
                        Attr.strList(geo, "allowCidrs"), Attr.strList(geo, "denyCidrs")),
                StoredValues.oneOf("ecc", Attr.str(item, "ecc"), Ecc.values(), Ecc::name),
                (int) Attr.num(item, "modulePx", 0),
                Attr.num(item, "ttlSeconds", 0),
                Attr.num(item, "issuedAt", 0),
                Attr.num(item, "expiresAt", 0),
                status(item),
                StoredValues.idOrNull(item, "supersededBy", CodeId::parse),
                (int) Attr.num(item, "keyVersion", 0),
                Attr.bytes(item, "salt"),
                Attr.str(item, "imageKey"),
                Attr.num(item, "imageBytes", 0),
                (int) Attr.num(item, "qrVersion", 0),
                ZoneId.of(Attr.str(item, "timezone")),
                Attr.str(group, "name"),
                StoredValues.oneOf("group.joinPolicy", Attr.str(group, "joinPolicy"), JoinPolicy.values(),
                        JoinPolicy::wireName),
                Attr.str(group, "welcomeMessage"),
                Attr.str(item, "label"));
    }

}
