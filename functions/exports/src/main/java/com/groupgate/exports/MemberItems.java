package com.groupgate.exports;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.export.ExportJob;
import com.groupgate.id.GroupId;
import com.groupgate.storage.MainTableKeys;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A group's member items that joined within an export's range: one Query on the group's
 * members partition, filtered on {@code joinedAt}, paged through (a page is at most 1 MB).
 */
final class MemberItems {
    private final DynamoDbClient dynamo;
    private final String table;

    MemberItems(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    void forEach(ExportJob job, GroupId groupId, Consumer<Map<String, AttributeValue>> each) {
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :m)")
                .filterExpression("joinedAt >= :from AND joinedAt < :to")
                .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.membersPartition(job.tenantId(), groupId)),
                        ":m", s(MainTableKeys.MEMBER_PREFIX), ":from", n(job.from().getEpochSecond()),
                        ":to", n(job.to().getEpochSecond())))
                .build();
        dynamo.queryPaginator(request).items().forEach(each);
    }
}
