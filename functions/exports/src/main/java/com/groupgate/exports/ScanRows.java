package com.groupgate.exports;

import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.Dimension;
import com.groupgate.analytics.Granularity;
import com.groupgate.analytics.RollupKey;
import com.groupgate.aws.Attr;
import com.groupgate.export.ExportJob;
import com.groupgate.export.ExportTimes;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.analytics.RollupItem;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@code scans}: scans per code and UTC hour, from the hourly rollups — every hour that
 * starts within the range, for each code with a scan in it. One Query on AnalyticsTable's
 * gsi1 ({@code T#<tenant>#CODE}, {@code gsi1sk BETWEEN} the first and the last hour), paged
 * through; the index holds {@code scans}, {@code accepted} and {@code joins}, and refused is
 * the difference. With a group, its codes are read first (MainTable's code list, ids only)
 * and the rows of other codes are skipped.
 *
 * <p>A single scan is not kept after the stream has carried it (a code's counter holds only
 * the last one), so this is the finest grain there is to export.
 */
final class ScanRows implements ExportRows {
    /** Sorts after every code id, closing a BETWEEN on gsi1sk. */
    private static final String AFTER_ANY_ID = "#\uffff";

    private final DynamoDbClient dynamo;
    private final String mainTable;
    private final String analyticsTable;

    ScanRows(DynamoDbClient dynamo, String mainTable, String analyticsTable) {
        this.dynamo = dynamo;
        this.mainTable = mainTable;
        this.analyticsTable = analyticsTable;
    }

    @Override
    public void forEach(ExportJob job, ExportTimes times, Consumer<List<String>> row) {
        Set<String> codes = job.groupId() == null ? null : codesOfGroup(job);
        Instant first = Granularity.HOUR.bucketStart(job.from());
        Instant last = Granularity.HOUR.bucketStart(job.to().minusNanos(1));
        if (last.isBefore(job.from())) {
            return; // no hour starts within the range
        }
        Instant start = first.isBefore(job.from()) ? first.plusSeconds(3600) : first;
        QueryRequest request = QueryRequest.builder().tableName(analyticsTable).indexName(RollupItem.INDEX)
                .keyConditionExpression("gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(RollupItem.indexPartition(job.tenantId(), Dimension.CODE)),
                        ":from", s(RollupKey.sortKey(Granularity.HOUR, start)),
                        ":to", s(RollupKey.sortKey(Granularity.HOUR, last) + AFTER_ANY_ID)))
                .build();
        dynamo.queryPaginator(request).items().forEach(item -> {
            RollupKey key = RollupKey.parse(Attr.str(item, "pk"), Attr.str(item, "sk"));
            if (codes != null && !codes.contains(key.dimensionId())) {
                return;
            }
            long scans = Attr.num(item, "scans", 0);
            long accepted = Attr.num(item, "accepted", 0);
            row.accept(List.of(times.format(key.bucketStart()), key.dimensionId(), Long.toString(scans),
                    Long.toString(accepted), Long.toString(scans - accepted), Long.toString(Attr.num(item, "joins", 0))));
        });
    }

    /** The ids of the group's codes (every status), from the tenant's code list. */
    private Set<String> codesOfGroup(ExportJob job) {
        QueryRequest request = QueryRequest.builder().tableName(mainTable).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :pk")
                .filterExpression("groupId = :g")
                .projectionExpression("codeId")
                .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.codesIndex(job.tenantId())),
                        ":g", s(job.groupId().toString())))
                .build();
        Set<String> out = new HashSet<>();
        dynamo.queryPaginator(request).items().forEach(i -> out.add(Attr.str(i, "codeId")));
        return out;
    }
}
