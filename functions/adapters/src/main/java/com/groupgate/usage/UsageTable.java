package com.groupgate.usage;

import static com.groupgate.aws.Attr.n;

import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Pay-per-use metering per tenant and month (UTC). The codes API counts codes issued and
 * image bytes in MainTable ({@code pk=T#<tenant>#USAGE, sk=M#yyyy-MM}) inside the same
 * transaction that stores the code, so a code is never issued uncounted; the aggregate
 * function counts scans and joins in AnalyticsTable under the same key.
 */
public final class UsageTable {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    private final String table;

    public UsageTable(String table) {
        this.table = table;
    }

    public static String month(Instant at) {
        return MONTH.format(at);
    }

    /** The transaction item adding one issued code of {@code imageBytes}. */
    public TransactWriteItem codeIssued(TenantId tenantId, Instant at, long imageBytes) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(MainTableKeys.usage(tenantId, month(at)))
                .updateExpression("ADD codesIssued :one, imageBytesStored :bytes")
                .expressionAttributeValues(Map.of(":one", n(1), ":bytes", n(imageBytes))).build()).build();
    }

    /** {@code codesIssued} and {@code imageBytesStored} of a month, zero when none. */
    public static Map<String, Long> read(DynamoDbClient dynamo, String table, TenantId tenantId, String month) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(MainTableKeys.usage(tenantId, month))).item();
        Map<String, AttributeValue> found = item == null ? Map.of() : item;
        return Map.of("codesIssued", Attr.num(found, "codesIssued", 0),
                "imageBytesStored", Attr.num(found, "imageBytesStored", 0));
    }
}
