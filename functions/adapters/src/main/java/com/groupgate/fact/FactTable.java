package com.groupgate.fact;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.tenant.FactRetention;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Facts that no counter write carries — refusals decided before counting (expired,
 * geo_blocked, group_full) — as their own items {@code pk=FACT#<id>, sk=FACT}, one
 * PutItem each, expiring after their tenant's {@code factRetentionDays}
 * ({@link FactRetention}). The stream brings them to the aggregate function like any
 * other fact.
 */
public final class FactTable {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Function<TenantId, Duration> retention;

    /** @param retention how long a tenant's facts are kept (the scan path's cached tenant policy) */
    public FactTable(DynamoDbClient dynamo, String table, Function<TenantId, Duration> retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    public void put(RecordedFact fact) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.putAll(MainTableKeys.refusalFact(fact.factId()));
        item.put("fact", Attr.map(FactCodec.encode(fact)));
        Duration keep = retention.apply(fact.tenantId());
        item.put("ttl", n(fact.at().plus(keep).getEpochSecond()));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }
}
