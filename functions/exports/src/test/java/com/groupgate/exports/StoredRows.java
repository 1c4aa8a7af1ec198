package com.groupgate.exports;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.Dimension;
import com.groupgate.analytics.Granularity;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.analytics.RollupKey;
import com.groupgate.aws.Attr;
import com.groupgate.code.Channel;
import com.groupgate.fact.FactCodec;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.analytics.RollupItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What the export reads, written in its stored shape through the key builders and the fact
 * codec the production writers use, in batches of 25 (BatchWriteItem) with the operator's
 * client: many rows fast, without a join transaction each.
 */
final class StoredRows {
    private final DynamoDbClient dynamo;
    private final String mainTable;
    private final String analyticsTable;
    private final List<WriteRequest> main = new ArrayList<>();
    private final List<WriteRequest> analytics = new ArrayList<>();

    StoredRows(DynamoDbClient dynamo, String mainTable, String analyticsTable) {
        this.dynamo = dynamo;
        this.mainTable = mainTable;
        this.analyticsTable = analyticsTable;
    }

    /** A member item as a join writes it: memberRef, joinedAt and the join's fact. */
    StoredRows member(TenantId tenant, GroupId group, String memberRef, Instant joinedAt, String codeId, String channel,
                      String country, String device) {
        RecordedFact fact = new RecordedFact("f" + Id.random(), com.groupgate.analytics.FactType.JOIN, joinedAt,
                "joined", tenant, codeId, group.toString(), null, channel == null ? null : Channel.of(channel), country,
                null, null, device, null, null, null, null, null);
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.member(tenant, group, memberRef));
        item.put("memberRef", s(memberRef));
        item.put("joinedAt", n(joinedAt.getEpochSecond()));
        item.put("fact", Attr.map(FactCodec.encode(fact)));
        return add(main, mainTable, item);
    }

    /**
     * A member item with only what a members export reads (memberRef, joinedAt): the smallest
     * item, for seeding many rows with few bytes.
     */
    StoredRows bareMember(TenantId tenant, GroupId group, String memberRef, Instant joinedAt) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.member(tenant, group, memberRef));
        item.put("memberRef", s(memberRef));
        item.put("joinedAt", n(joinedAt.getEpochSecond()));
        return add(main, mainTable, item);
    }

    /** A join request as filed (and decided, when {@code decidedAt} is set) on the group's index. */
    StoredRows request(TenantId tenant, GroupId group, RequestId requestId, String memberRef, String status, Instant createdAt,
                       Instant decidedAt) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.request(tenant, requestId));
        item.put("requestId", s(requestId.toString()));
        item.put("groupId", s(group.toString()));
        item.put("memberRef", s(memberRef));
        item.put("status", s(status));
        item.put("createdAt", n(createdAt.getEpochSecond()));
        if (decidedAt != null) {
            item.put("decidedAt", n(decidedAt.getEpochSecond()));
        }
        item.put("gsi1pk", s(MainTableKeys.requestsIndex(tenant, group)));
        item.put("gsi1sk", s(MainTableKeys.requestsIndexSort(status, createdAt.getEpochSecond(), requestId)));
        return add(main, mainTable, item);
    }

    /** A code's hourly rollup with its counts, on the tenant index as the aggregate writes it. */
    StoredRows codeHour(TenantId tenant, String codeId, Instant hour, long scans, long accepted, long joins) {
        RollupKey key = new RollupKey(tenant, Dimension.CODE, codeId, Granularity.HOUR, hour);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(key.pk()));
        item.put("sk", s(key.sk()));
        item.put(RollupItem.SCANS, n(scans));
        item.put(RollupItem.ACCEPTED, n(accepted));
        item.put(RollupItem.JOINS, n(joins));
        item.put(RollupItem.VERSION, n(1));
        item.put(RollupItem.GSI_PK, s(RollupItem.indexPartition(tenant, Dimension.CODE)));
        item.put(RollupItem.GSI_SK, s(RollupItem.indexSort(key)));
        return add(analytics, analyticsTable, item);
    }

    /** Writes what is pending. */
    void flush() {
        flush(main, mainTable);
        flush(analytics, analyticsTable);
    }

    private StoredRows add(List<WriteRequest> pending, String table, Map<String, AttributeValue> item) {
        pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        if (pending.size() == 25) {
            flush(pending, table);
        }
        return this;
    }

    private void flush(List<WriteRequest> pending, String table) {
        List<WriteRequest> left = new ArrayList<>(pending);
        pending.clear();
        for (int round = 0; !left.isEmpty(); round++) {
            if (round > 20) {
                throw new IllegalStateException("BatchWriteItem kept items unprocessed");
            }
            List<WriteRequest> batch = left;
            var answer = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
            left = answer.hasUnprocessedItems() && answer.unprocessedItems().containsKey(table)
                    ? new ArrayList<>(answer.unprocessedItems().get(table)) : List.of();
        }
    }
}
