package com.groupgate.storage.tenant;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.block.BlockTable;
import com.groupgate.tenant.FactRetention;
import com.groupgate.tenant.KeySettings;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Tenants ({@code pk=T#<tenant>, sk=TENANT}), each written together with its first API key
 * (full scope, named {@value KeySettings#INITIAL_NAME}; see {@link ApiKeyTable}).
 */
public final class TenantTable {
    private static final String RETENTION = "factRetentionDays";
    private final DynamoDbClient dynamo;
    private final String table;
    private final ApiKeyTable keys;
    private final Clock clock;

    public TenantTable(DynamoDbClient dynamo, String table, ApiKeyTable keys, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.keys = keys;
        this.clock = clock;
    }

    public record Created(Tenant tenant, String apiKey) {
    }

    public Created create(String name, ZoneId timezone) {
        return create(TenantId.random(), name, timezone);
    }

    /** A new tenant under {@code tenantId}, chosen by the caller (whose audit entry names it). */
    public Created create(TenantId tenantId, String name, ZoneId timezone) {
        Tenant tenant = new Tenant(tenantId, name, timezone);
        Instant now = clock.instant();
        Map<String, AttributeValue> tenantItem = new HashMap<>(MainTableKeys.tenant(tenant.tenantId()));
        tenantItem.putAll(Map.of("tenantId", s(tenant.tenantId().toString()), "name", s(name), "timezone", s(timezone.getId()),
                "createdAt", n(now.getEpochSecond())));
        ApiKeyTable.Pending firstKey = keys.pending(tenant.tenantId(), KeySettings.initial(), now);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(tenantItem)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        writes.addAll(firstKey.writes());
        dynamo.transactWriteItems(t -> t.transactItems(writes));
        return new Created(tenant, firstKey.issued().apiKey());
    }

    public Optional<Tenant> find(TenantId tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(MainTableKeys.tenant(tenantId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tenant(tenantId, item));
    }

    /**
     * Sets how long the tenant's raw facts are kept; the tenant as it now is, or empty when
     * it does not exist. Scans use the new value within a minute ({@link TenantPolicies}).
     */
    public Optional<Tenant> setFactRetention(TenantId tenantId, int days) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.tenant(tenantId))
                    .updateExpression("SET #r = :days").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#r", RETENTION))
                    .expressionAttributeValues(Map.of(":days", n(FactRetention.checked(days))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(tenant(tenantId, item));
        } catch (ConditionalCheckFailedException gone) {
            return Optional.empty();
        }
    }

    private static Tenant tenant(TenantId tenantId, Map<String, AttributeValue> item) {
        return new Tenant(tenantId, Attr.str(item, "name"), ZoneId.of(Attr.str(item, "timezone")),
                BlockTable.from(item), (int) FactRetention.of(Attr.num(item, RETENTION, 0)).toDays());
    }


    /**
     * Removes the tenant and every API key's lookup, so no key of it authenticates once the
     * containers' 60-second memory of keys has passed; returns how many items went. The
     * keys' entries stay for the sweep of the tenant's partition. (A tenant deletion's
     * first step; nothing else removes a tenant.)
     */
    public int removeAccess(TenantId tenantId) {
        int removed = keys.removeLookups(tenantId);
        dynamo.deleteItem(d -> d.tableName(table).key(MainTableKeys.tenant(tenantId)));
        return removed + 1;
    }
}
