package com.groupgate.storage.analytics;

import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.Dimension;
import com.groupgate.analytics.GroupBy;
import com.groupgate.analytics.GroupLabelKey;
import com.groupgate.analytics.LabelKey;
import com.groupgate.analytics.RollupValue;
import com.groupgate.analytics.Stats;
import com.groupgate.analytics.StatsQuery;
import com.groupgate.analytics.StatsRange;
import com.groupgate.analytics.StatsReport;
import com.groupgate.analytics.StatsRow;
import com.groupgate.analytics.UsageDelta;
import com.groupgate.analytics.UsageKey;
import com.groupgate.error.RefusalException;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.usage.UsageTable;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reads behind the stats and usage routes, as values: a subject's report (after
 * checking the subject is the caller's), a page of tenant-level rows, a month's usage.
 * Requests come in already checked (StatsRoutes parses them) and answers go out as domain
 * values; turning them into HTTP is the route's job.
 */
public final class StatsReader {
    private final DynamoDbClient dynamo;
    private final String mainTable;
    private final RollupTable rollups;

    public StatsReader(DynamoDbClient dynamo, String mainTable, String analyticsTable) {
        this.dynamo = dynamo;
        this.mainTable = mainTable;
        this.rollups = new RollupTable(dynamo, analyticsTable);
    }

    /** What a stats route is about: a code, a group or a live code. */
    public enum Subject {
        CODE(Dimension.CODE),
        GROUP(Dimension.GROUP),
        LIVE_CODE(Dimension.LIVE_CODE);

        private final Dimension dimension;

        Subject(Dimension dimension) {
            this.dimension = dimension;
        }
    }

    /** One page of tenant-level rows, in key order; {@code last} is null on the last page. */
    public record RowsPage(List<StatsRow> rows, String last) {
        public RowsPage {
            rows = List.copyOf(rows);
        }
    }

    /** What a tenant is billed for in one UTC month. */
    public record MonthUsage(String month, long codesIssued, long scansVerified, long joins, long imageBytesStored) {
    }

    /**
     * The report of {@code id} for {@code query}.
     *
     * @throws RefusalException not_found when {@code id} is not the tenant's (another
     *                          tenant's is not found, like a missing one)
     */
    public StatsReport report(TenantId tenantId, Subject subject, Id id, StatsQuery query) {
        Map<String, AttributeValue> key = switch (subject) {
            case CODE -> MainTableKeys.code(tenantId, new CodeId(id));
            case GROUP -> MainTableKeys.group(tenantId, new GroupId(id));
            case LIVE_CODE -> MainTableKeys.liveCode(tenantId, new LiveCodeId(id));
        };
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(mainTable).key(key)
                .projectionExpression("pk")).item();
        if (item == null || item.isEmpty()) {
            throw RefusalException.notFound();
        }
        return Stats.report(query, rollups.read(tenantId, subject.dimension, id.toString(), query));
    }

    /**
     * Up to {@code limit} rows per channel, code or group with scans or joins in
     * {@code range}, in key order, after the key {@code after} (null: from the first). The
     * reads are bounded by the page ({@link RollupTable#readPage}).
     */
    public RowsPage rows(TenantId tenantId, GroupBy groupBy, StatsRange range, String after, int limit) {
        RollupTable.Page page = rollups.readPage(tenantId, groupBy.dimension(), range, after, limit);
        return new RowsPage(Stats.rowsInKeyOrder(range, page.valuesById()), page.last());
    }

    /**
     * Up to {@code limit} label rows of one group ({@code GET /v1/stats?groupBy=label&groupId=…}),
     * in label order, after the label key {@code after} (null: from the first): the same read
     * as {@link #rows}, confined to the group's ids of {@link Dimension#GROUP_LABEL}. Rows and
     * {@code last} carry {@link LabelKey}s, as {@code groupBy=label}'s do.
     *
     * @throws RefusalException not_found when the group is not the tenant's
     */
    public RowsPage labelRowsOfGroup(TenantId tenantId, GroupId groupId, StatsRange range, String after, int limit) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(mainTable)
                .key(MainTableKeys.group(tenantId, groupId)).projectionExpression("pk")).item();
        if (item == null || item.isEmpty()) {
            throw RefusalException.notFound();
        }
        String prefix = GroupLabelKey.prefix(groupId.toString());
        RollupTable.Page page = rollups.readPage(tenantId, Dimension.GROUP_LABEL, prefix, range,
                after == null ? null : prefix + after, limit);
        Map<String, List<RollupValue>> byLabel = new java.util.TreeMap<>();
        page.valuesById().forEach((id, values) -> byLabel.put(GroupLabelKey.labelKey(id), values));
        return new RowsPage(Stats.rowsInKeyOrder(range, byLabel),
                page.last() == null ? null : GroupLabelKey.labelKey(page.last()));
    }

    /** Issued codes and stored bytes (MainTable) and counted scans and joins (rollups) of {@code key}'s month. */
    public MonthUsage usage(TenantId tenantId, UsageKey key) {
        Map<String, Long> issued = UsageTable.read(dynamo, mainTable, tenantId, key.month());
        UsageDelta counted = rollups.usage(key);
        return new MonthUsage(key.month(), issued.get("codesIssued"), counted.scansVerified(), counted.joins(),
                issued.get("imageBytesStored"));
    }
}
