package com.groupgate.storage.tenant;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.ApiKeyId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import com.groupgate.tenant.ApiKey;
import com.groupgate.tenant.KeyScope;
import com.groupgate.tenant.KeySettings;
import com.groupgate.tenant.KeyUse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A tenant's API keys, three kinds of item, always written together:
 * <ul>
 *   <li>the <b>entry</b> {@code pk=T#<tenant>, sk=KEY#<keyId>} — name, scope, created, last
 *       used: what the tenant lists and deletes by id;
 *   <li>the <b>lookup</b> {@code pk=APIKEY#<sha256(key)>, sk=APIKEY} — tenant, key id, scope:
 *       what authentication reads, by the hash of the presented key;
 *   <li>the <b>count</b> {@code pk=T#<tenant>, sk=KEYCOUNT} — how many keys, and how many
 *       full ones: the conditions that cap a tenant at {@link KeySettings#MAX_KEYS} and keep
 *       its last full key from being deleted, exact under concurrent requests.
 * </ul>
 * The key itself is never stored, only its SHA-256 (see {@link ApiKeys}).
 */
public final class ApiKeyTable {

    private final DynamoDbClient dynamo;
    private final String table;

    public ApiKeyTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A key just issued: what is listed, and the key itself, to be shown once. */
    public record Issued(ApiKey key, String apiKey) {
    }

    /** What a presented key grants; {@code keyId} null for a key stored before keys had ids. */
    public record Grant(TenantId tenantId, ApiKeyId keyId, KeyScope scope) {
    }

    /** A key to be issued together with other writes (a new tenant's first key). */
    record Pending(Issued issued, List<TransactWriteItem> writes) {
    }

    /**
     * Issues a key. At most {@link KeySettings#MAX_KEYS} per tenant: one more is a 409
     * {@code key_limit}, and nothing is written.
     */
    public Issued issue(TenantId tenantId, KeySettings settings, Instant now) {
        Pending pending = pending(tenantId, settings, now);
        try {
            dynamo.transactWriteItems(t -> t.transactItems(pending.writes()));
        } catch (TransactionCanceledException e) {
            if (failed(e, 2)) {
                throw new RefusalException(Refusal.KEY_LIMIT, "a tenant may hold at most " + KeySettings.MAX_KEYS
                        + " API keys; delete one it no longer uses first");
            }
            throw e;
        }
        return pending.issued();
    }

    /** The writes that issue a key: its entry and lookup (each new) and the count raised under the cap. */
    Pending pending(TenantId tenantId, KeySettings settings, Instant now) {
        String apiKey = ApiKeys.newKey();
        String hash = ApiKeys.sha256Hex(apiKey);
        ApiKey key = new ApiKey(ApiKeyId.random(), settings.name(), settings.scope(), Instant.ofEpochSecond(now.getEpochSecond()),
                null);
        Map<String, AttributeValue> entry = new HashMap<>(MainTableKeys.apiKey(tenantId, key.keyId()));
        entry.put("tenantId", s(tenantId.text()));
        entry.put("keyId", s(key.keyId().text()));
        entry.put("name", s(key.name()));
        entry.put("scope", s(key.scope().wireName()));
        entry.put("keyHash", s(hash));
        entry.put("createdAt", n(key.createdAt().getEpochSecond()));
        Map<String, AttributeValue> lookup = new HashMap<>(MainTableKeys.apiKeyLookup(hash));
        lookup.put("tenantId", s(tenantId.text()));
        lookup.put("keyId", s(key.keyId().toString()));
        lookup.put("scope", s(key.scope().wireName()));
        lookup.put("keyHash", s(hash));
        lookup.put("createdAt", n(key.createdAt().getEpochSecond()));
        Update count = Update.builder().tableName(table).key(MainTableKeys.apiKeyCount(tenantId))
                .updateExpression("SET #keys = if_not_exists(#keys, :zero) + :one, "
                        + "#full = if_not_exists(#full, :zero) + :fullAdded")
                .conditionExpression("attribute_not_exists(#keys) OR #keys < :max")
                .expressionAttributeNames(Map.of("#keys", "keys", "#full", "fullKeys"))
                .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1),
                        ":fullAdded", n(settings.full() ? 1 : 0), ":max", n(KeySettings.MAX_KEYS)))
                .build();
        return new Pending(new Issued(key, apiKey), List.of(putNew(entry), putNew(lookup),
                TransactWriteItem.builder().update(count).build()));
    }

    /** The tenant's keys, oldest first. The cap keeps them to one small page. */
    public List<ApiKey> list(TenantId tenantId) {
        return entries(tenantId).stream().map(ApiKeyTable::entry)
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(k -> k.keyId().toString()))
                .toList();
    }

    /**
     * Deletes a key: from this moment no container that reads it again accepts it. Another
     * tenant's key, or one already deleted, is 404; the tenant's last full key is 409
     * {@code last_full_key}, because without it no one could issue keys or change
     * anything again. Either refusal writes nothing.
     */
    public void delete(TenantId tenantId, ApiKeyId keyId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.apiKey(tenantId, keyId))).item();
        if (item == null || item.isEmpty()) {
            throw RefusalException.notFound();
        }
        boolean full = entry(item).scope() == KeyScope.FULL;
        Update.Builder count = Update.builder().tableName(table).key(MainTableKeys.apiKeyCount(tenantId));
        if (full) {
            count.updateExpression("SET #keys = #keys - :one, #full = #full - :one")
                    .conditionExpression("#full > :one")
                    .expressionAttributeNames(Map.of("#keys", "keys", "#full", "fullKeys"));
        } else {
            count.updateExpression("SET #keys = #keys - :one").expressionAttributeNames(Map.of("#keys", "keys"));
        }
        count.expressionAttributeValues(Map.of(":one", n(1)));
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(MainTableKeys.apiKey(tenantId, keyId))
                        .conditionExpression("attribute_exists(pk)").build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(MainTableKeys.apiKeyLookup(Attr.str(item, "keyHash"))).build()).build(),
                TransactWriteItem.builder().update(count.build()).build());
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                throw RefusalException.notFound();
            }
            if (failed(e, 2)) {
                throw new RefusalException(Refusal.LAST_FULL_KEY, "this is the tenant's last full key: "
                        + "create another full key first, then delete this one");
            }
            throw e;
        }
    }

    /** The entries of the tenant's keys as stored. The cap keeps them to one small page. */
    private List<Map<String, AttributeValue>> entries(TenantId tenantId) {
        return dynamo.query(q -> q.tableName(table).consistentRead(true).limit(KeySettings.MAX_KEYS + 1)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :entry)")
                        .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.tenantPartition(tenantId)),
                                ":entry", s(MainTableKeys.API_KEY_PREFIX))))
                .items();
    }

    /** Deletes the lookup of every key of {@code tenantId} (its tenant is being deleted); how many. */
    int removeLookups(TenantId tenantId) {
        int removed = 0;
        for (Map<String, AttributeValue> entry : entries(tenantId)) {
            String hash = Attr.str(entry, "keyHash");
            if (hash != null) {
                dynamo.deleteItem(d -> d.tableName(table).key(MainTableKeys.apiKeyLookup(hash)));
                removed++;
            }
        }
        return removed;
    }

    /** What the key whose SHA-256 is {@code keyHash} grants, or empty when no such key exists. */
    public Optional<Grant> lookup(String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.apiKeyLookup(keyHash))).item();
        if (item == null || item.isEmpty() || !sameHash(keyHash, Attr.str(item, "keyHash"))) {
            return Optional.empty();
        }
        String scope = Attr.str(item, "scope");
        return Optional.of(new Grant(StoredValues.id(item, "tenantId", TenantId::parse),
                StoredValues.idOrNull(item, "keyId", ApiKeyId::parse),
                scope == null ? KeyScope.FULL : scope(item)));
    }

    /**
     * Records a use of the key at {@code now} unless one was recorded less than
     * {@link KeyUse#RESOLUTION} before: a conditional write, so containers racing over one
     * key write it once a minute between them. False when the condition held it back (or
     * the key is gone: the entry is never recreated by this write).
     */
    public boolean recordUse(TenantId tenantId, ApiKeyId keyId, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.apiKey(tenantId, keyId))
                    .updateExpression("SET lastUsedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND "
                            + "(attribute_not_exists(lastUsedAt) OR lastUsedAt <= :cutoff)")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()),
                            ":cutoff", n(KeyUse.cutoff(now).getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static ApiKey entry(Map<String, AttributeValue> item) {
        long lastUsed = Attr.num(item, "lastUsedAt", -1);
        return new ApiKey(StoredValues.id(item, "keyId", ApiKeyId::parse), Attr.str(item, "name"),
                scope(item),
                Instant.ofEpochSecond(Attr.num(item, "createdAt", 0)),
                lastUsed < 0 ? null : Instant.ofEpochSecond(lastUsed));
    }

    private static KeyScope scope(Map<String, AttributeValue> item) {
        return StoredValues.oneOf("scope", Attr.str(item, "scope"), KeyScope.values(), KeyScope::wireName);
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Constant time: the stored hash is compared with the presented key's, not trusted from the key. */
    private static boolean sameHash(String presented, String stored) {
        return stored != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
                stored.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean failed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
