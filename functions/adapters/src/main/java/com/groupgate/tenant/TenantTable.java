package com.groupgate.tenant;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.id.Id;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Tenants ({@code pk=T#<tenant>, sk=TENANT}), each written together with its first API key
 * (full scope, named {@value KeySettings#INITIAL_NAME}; see {@link ApiKeyTable}).
 */
public final class TenantTable {
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
        return create(Id.random(), name, timezone);
    }

    /** A new tenant under {@code tenantId}, chosen by the caller (whose audit entry names it). */
    public Created create(Id tenantId, String name, ZoneId timezone) {
        Tenant tenant = new Tenant(tenantId, name, timezone);
        Instant now = clock.instant();
        Map<String, AttributeValue> tenantItem = Map.of("pk", s(pk(tenant.tenantId())), "sk", s("TENANT"),
                "tenantId", s(tenant.tenantId().toString()), "name", s(name), "timezone", s(timezone.getId()),
                "createdAt", n(now.getEpochSecond()));
        ApiKeyTable.Pending firstKey = keys.pending(tenant.tenantId(), KeySettings.initial(), now);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(tenantItem)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        writes.addAll(firstKey.writes());
        dynamo.transactWriteItems(t -> t.transactItems(writes));
        return new Created(tenant, firstKey.issued().apiKey());
    }

    public Optional<Tenant> find(Id tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("pk", s(pk(tenantId)), "sk", s("TENANT")))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Tenant(tenantId, Attr.str(item, "name"), ZoneId.of(Attr.str(item, "timezone"))));
    }

    /** The partition of everything a tenant owns directly: its item, groups and keys. */
    static String pk(Id tenantId) {
        return "T#" + tenantId;
    }
}
