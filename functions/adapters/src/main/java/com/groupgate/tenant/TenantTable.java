package com.groupgate.tenant;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.Id;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Tenants ({@code pk=T#<tenant>, sk=TENANT}) and API-key hashes
 * ({@code pk=APIKEY#<sha256>, sk=APIKEY}), written together.
 */
public final class TenantTable {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public TenantTable(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public record Created(Tenant tenant, String apiKey) {
    }

    public Created create(String name, ZoneId timezone) {
        Tenant tenant = new Tenant(Id.random(), name, timezone);
        String apiKey = ApiKeys.newKey();
        String hash = ApiKeys.sha256Hex(apiKey);
        long now = clock.instant().getEpochSecond();
        Map<String, AttributeValue> tenantItem = Map.of("pk", s(pk(tenant.tenantId())), "sk", s("TENANT"),
                "tenantId", s(tenant.tenantId().toString()), "name", s(name), "timezone", s(timezone.getId()),
                "createdAt", n(now));
        Map<String, AttributeValue> keyItem = Map.of("pk", s("APIKEY#" + hash), "sk", s("APIKEY"),
                "tenantId", s(tenant.tenantId().toString()), "keyHash", s(hash), "createdAt", n(now));
        dynamo.transactWriteItems(t -> t.transactItems(
                put(tenantItem), put(keyItem)));
        return new Created(tenant, apiKey);
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The tenant whose key was presented, or a 401. */
    public Tenant authenticate(String apiKey) {
        if (apiKey == null) {
            throw new RefusalException(Refusal.UNAUTHORIZED, "a tenant API key is required");
        }
        String hash = ApiKeys.sha256Hex(apiKey);
        Map<String, AttributeValue> keyItem = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("pk", s("APIKEY#" + hash), "sk", s("APIKEY")))).item();
        if (keyItem == null || keyItem.isEmpty() || !ApiKeys.matches(apiKey, Attr.str(keyItem, "keyHash"))) {
            throw new RefusalException(Refusal.UNAUTHORIZED, "unknown API key");
        }
        Id tenantId = Id.parse(Attr.str(keyItem, "tenantId")).orElseThrow();
        return find(tenantId).orElseThrow(() -> new RefusalException(Refusal.UNAUTHORIZED, "unknown API key"));
    }

    public Optional<Tenant> find(Id tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("pk", s(pk(tenantId)), "sk", s("TENANT")))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Tenant(tenantId, Attr.str(item, "name"), ZoneId.of(Attr.str(item, "timezone"))));
    }

    static String pk(Id tenantId) {
        return "T#" + tenantId;
    }
}
