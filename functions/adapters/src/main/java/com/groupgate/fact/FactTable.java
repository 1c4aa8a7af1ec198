package com.groupgate.fact;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Facts that no counter write carries — refusals decided before counting (expired,
 * geo_blocked, group_full) — as their own items {@code pk=FACT#<id>, sk=FACT}, one
 * PutItem each, expiring after {@link #RETENTION}. The stream brings them to the
 * aggregate function like any other fact.
 */
public final class FactTable {
    public static final Duration RETENTION = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    public FactTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void put(RecordedFact fact) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("FACT#" + fact.factId()));
        item.put("sk", s("FACT"));
        item.put("fact", Attr.map(FactCodec.encode(fact)));
        item.put("ttl", n(fact.at().plus(RETENTION).getEpochSecond()));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }
}
