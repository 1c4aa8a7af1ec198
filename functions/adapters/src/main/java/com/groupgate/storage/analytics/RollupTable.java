package com.groupgate.storage.analytics;

import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.Dimension;
import com.groupgate.analytics.Granularity;
import com.groupgate.analytics.RollupBucket;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.RollupValue;
import com.groupgate.analytics.Stats;
import com.groupgate.analytics.StatsQuery;
import com.groupgate.analytics.StatsRange;
import com.groupgate.analytics.UsageDelta;
import com.groupgate.analytics.UsageKey;
import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads rollups and usage from AnalyticsTable (item format: {@link RollupItem}).
 *
 * <ul>
 * <li>One code's, group's or live code's buckets for a stats query: one Query on its
 *     partition, {@code sk BETWEEN} the first and last bucket ({@link #read}).
 * <li>One page of a tenant's codes, groups or channels with their counts in a range: one
 *     Query on index gsi1 per bucket of the range, each of at most a page plus one item
 *     ({@link #readPage}), so a request's reads are bounded by its page size and the range,
 *     never by how many codes the tenant has.
 * <li>All of them at once ({@link #readAll}): one Query on gsi1, paged through to the end;
 *     for checks over a whole tenant, never on a request path.
 * <li>Scans verified and joins of a billing month: one GetItem ({@link #usage}).
 * </ul>
 */
public final class RollupTable {
    /** Sorts after every id and channel ({@code [A-Za-z0-9._()-]}), closing a BETWEEN on gsi1sk. */
    private static final String AFTER_ANY_ID = "#\uffff";

    private final DynamoDbClient dynamo;
    private final String table;

    public RollupTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * The stored buckets of one tenant's {@code dimension}/{@code id} that {@code query}
     * needs: UTC day buckets when they answer it exactly, hour buckets otherwise.
     */
    public List<RollupValue> read(TenantId tenantId, Dimension dimension, String id, StatsQuery query) {
        String from;
        String to;
        if (query.dayBucketsSuffice()) {
            from = RollupKey.sortKey(Granularity.DAY, query.seriesFrom());
            to = RollupKey.sortKey(Granularity.DAY, query.seriesTo().minus(1, ChronoUnit.DAYS));
        } else {
            from = RollupKey.sortKey(Granularity.HOUR, query.readFrom());
            to = RollupKey.sortKey(Granularity.HOUR, query.readTo().minus(1, ChronoUnit.HOURS));
        }
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(RollupKey.partitionKey(tenantId, dimension, id)),
                        ":from", s(from), ":to", s(to)))
                .build();
        List<RollupValue> values = new ArrayList<>();
        forEachItem(request, item -> values.add(RollupItem.decode(item)));
        return values;
    }

    /**
     * Every code, group or channel (by id) of the tenant with buckets overlapping
     * {@code range}, with those buckets' counts (breakdowns and sketches are not in the
     * index and come back empty): day buckets when both ends are UTC midnights, hour
     * buckets otherwise — {@link Stats#rows} widens to whole buckets either way.
     */
    public Map<String, List<RollupValue>> readAll(TenantId tenantId, Dimension dimension, StatsRange range) {
        if (!RollupItem.indexed(dimension)) {
            throw new IllegalArgumentException("dimension is not indexed: " + dimension);
        }
        Granularity g = Granularity.DAY.isBucketStart(range.from()) && Granularity.DAY.isBucketStart(range.to())
                ? Granularity.DAY : Granularity.HOUR;
        Instant first = g.bucketStart(range.from());
        Instant last = g.bucketStart(range.to().minusNanos(1));
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(RollupItem.INDEX)
                .keyConditionExpression("#gp = :gp AND #gs BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#gp", RollupItem.GSI_PK, "#gs", RollupItem.GSI_SK))
                .expressionAttributeValues(Map.of(":gp", s(RollupItem.indexPartition(tenantId, dimension)),
                        ":from", s(RollupKey.sortKey(g, first)),
                        ":to", s(RollupKey.sortKey(g, last) + AFTER_ANY_ID)))
                .build();
        Map<String, List<RollupValue>> byId = new LinkedHashMap<>();
        forEachItem(request, item -> {
            RollupValue v = RollupItem.decode(item);
            String id = RollupKey.parse(Attr.str(item, "pk"), Attr.str(item, "sk")).dimensionId();
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(v);
        });
        return byId;
    }

    /**
     * One page of the tenant's codes, groups or channels (by id, in id order) that have
     * buckets in {@code range}: the first {@code limit} ids after {@code after} (null: from
     * the first), each with all its values in {@link StatsRange#coveringBuckets()}.
     *
     * <p>Each bucket's index items sort by id, so one Query per bucket reads that bucket's
     * first {@code limit + 1} ids after {@code after}. That is enough: an id among the first
     * {@code limit} of all buckets together has fewer than {@code limit} smaller ids in any
     * one bucket, so every bucket that holds it returned it. When the buckets together
     * returned at most {@code limit} ids, no bucket was cut short, and the page is the last.
     * A request thus reads at most (buckets × (limit + 1)) small index items in as many
     * queries, whatever the tenant's size.
     *
     * @param after an id or channel this method returned as {@link Page#last}, or null
     */
    public Page readPage(TenantId tenantId, Dimension dimension, StatsRange range, String after, int limit) {
        return readPage(tenantId, dimension, "", range, after, limit);
    }

    /**
     * {@link #readPage} of only the ids that start with {@code idPrefix} (one group's labels,
     * {@link com.groupgate.analytics.GroupLabelKey#prefix}): each bucket's query starts at
     * the prefix and ends past its last id, so it reads those ids alone, as few items as a
     * page of the whole dimension.
     *
     * @param after an id starting with {@code idPrefix} this method returned, or null
     */
    public Page readPage(TenantId tenantId, Dimension dimension, String idPrefix, StatsRange range, String after,
                         int limit) {
        if (after != null && !after.startsWith(idPrefix)) {
            throw new IllegalArgumentException("after must start with " + idPrefix + ": " + after);
        }
        if (!RollupItem.indexed(dimension)) {
            throw new IllegalArgumentException("dimension is not indexed: " + dimension);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (after != null && (after.isEmpty() || after.chars().anyMatch(c -> c <= ' '))) {
            throw new IllegalArgumentException("after must be an id or channel: " + after);
        }
        TreeMap<String, List<RollupValue>> byId = new TreeMap<>();
        for (RollupBucket bucket : range.coveringBuckets()) {
            String prefix = bucket.sortKey() + "#";
            // Ids and channels use only characters above the space, so "<after> " sorts after
            // <after> and before every id that follows it.
            String from = after == null ? prefix + idPrefix : prefix + after + " ";
            QueryRequest request = QueryRequest.builder().tableName(table).indexName(RollupItem.INDEX)
                    .keyConditionExpression("#gp = :gp AND #gs BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#gp", RollupItem.GSI_PK, "#gs", RollupItem.GSI_SK))
                    .expressionAttributeValues(Map.of(":gp", s(RollupItem.indexPartition(tenantId, dimension)),
                            ":from", s(from), ":to", s(prefix + idPrefix + "\uffff")))
                    .limit(limit + 1)
                    .build();
            forFirstItems(request, limit + 1, item -> {
                String id = RollupKey.parse(Attr.str(item, "pk"), Attr.str(item, "sk")).dimensionId();
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(RollupItem.decode(item));
            });
        }
        if (byId.size() <= limit) {
            return new Page(byId, null);
        }
        TreeMap<String, List<RollupValue>> page = new TreeMap<>();
        while (page.size() < limit) {
            Map.Entry<String, List<RollupValue>> first = byId.pollFirstEntry();
            page.put(first.getKey(), first.getValue());
        }
        return new Page(page, page.lastKey());
    }

    /**
     * A page of ids with their values.
     *
     * @param valuesById every value in range of each id of the page, ids in order
     * @param last       the page's last id when more may follow (the next page's
     *                   {@code after}); null when this page is the last
     */
    public record Page(SortedMap<String, List<RollupValue>> valuesById, String last) {
        public Page {
            valuesById = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(valuesById));
        }
    }

    /** Scans verified and joins counted for {@code key}'s month; zero when none. */
    public UsageDelta usage(UsageKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("pk", s(key.pk()), "sk", s(key.sk())))).item();
        Map<String, AttributeValue> found = item == null ? Map.of() : item;
        return new UsageDelta(Attr.num(found, "scansVerified", 0), Attr.num(found, "joins", 0));
    }

    /**
     * The first {@code wanted} items {@code first} selects: DynamoDB stops a query page at
     * its Limit or at 1 MB, so ask on only while short of them.
     */
    private void forFirstItems(QueryRequest first, int wanted,
                               java.util.function.Consumer<Map<String, AttributeValue>> each) {
        QueryRequest request = first;
        int seen = 0;
        while (true) {
            QueryResponse page = dynamo.query(request);
            page.items().forEach(each);
            seen += page.items().size();
            if (seen >= wanted || !page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                return;
            }
            request = request.toBuilder().limit(wanted - seen).exclusiveStartKey(page.lastEvaluatedKey()).build();
        }
    }

    private void forEachItem(QueryRequest first, java.util.function.Consumer<Map<String, AttributeValue>> each) {
        QueryRequest request = first;
        while (true) {
            QueryResponse page = dynamo.query(request);
            page.items().forEach(each);
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                return;
            }
            request = request.toBuilder().exclusiveStartKey(page.lastEvaluatedKey()).build();
        }
    }
}
