package com.groupgate.exports;

import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.export.ExportJob;
import com.groupgate.export.ExportTimes;
import com.groupgate.storage.MainTableKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@code requests}: join requests filed in the range, per group and status, from the
 * group's requests on gsi1 ({@code <status>#<createdAt>#<id>}): one Query per status,
 * {@code BETWEEN} the range's first and last second. An erased request has left the index
 * (it names no one any more) and is not listed.
 */
final class RequestRows implements ExportRows {
    /** Every status a request on the index can have. */
    static final List<String> STATUSES = List.of("pending", "joined", "rejected");

    private final JobGroups groups;
    private final DynamoDbClient dynamo;
    private final String table;

    RequestRows(JobGroups groups, DynamoDbClient dynamo, String table) {
        this.groups = groups;
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void forEach(ExportJob job, ExportTimes times, Consumer<List<String>> row) {
        long from = job.from().getEpochSecond();
        long last = job.to().getEpochSecond() - 1;
        groups.forEach(job, group -> {
            for (String status : STATUSES) {
                QueryRequest request = QueryRequest.builder().tableName(table).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(
                                ":pk", s(MainTableKeys.requestsIndex(job.tenantId(), group.groupId())),
                                ":from", s(status + "#" + from),
                                ":to", s(status + "#" + last + "#\uffff")))
                        .build();
                dynamo.queryPaginator(request).items().forEach(item -> row.accept(Arrays.asList(
                        times.formatEpochSecond(Attr.num(item, "createdAt", 0)), group.groupId().toString(),
                        Attr.str(item, "requestId"), Attr.str(item, "memberRef"), Attr.str(item, "status"),
                        times.formatEpochSecond(Attr.num(item, "decidedAt", 0)))));
            }
        });
    }
}
