package com.groupgate.storage.tenant;

import com.groupgate.aws.Attr;
import com.groupgate.block.Block;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.block.BlockTable;
import com.groupgate.tenant.FactRetention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The scan path's memory of what the tenant decided, or the operator for it: whether the
 * tenant is blocked, and how long its raw facts are kept. One small read of the tenant
 * item (only those attributes) per tenant and container at most every {@link #FRESH_FOR},
 * so a warm scan costs no read for it, and a change reaches every scan within a minute —
 * the same bound as a group's edits ({@code GroupCache}) and a deleted key
 * ({@code ApiKeyCache}).
 */
public final class TenantPolicies {
    public static final Duration FRESH_FOR = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;
    private static final String RETENTION = "factRetentionDays";

    private record Cached(Block block, Duration factRetention, Instant readAt) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Map<TenantId, Cached> entries = new ConcurrentHashMap<>();

    public TenantPolicies(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** The tenant's block as last read (at most {@link #FRESH_FOR} ago), or empty. */
    public Optional<Block> block(TenantId tenantId) {
        return Optional.ofNullable(read(tenantId).block());
    }

    /** How long the tenant's raw facts are kept, as last read ({@link FactRetention}). */
    public Duration factRetention(TenantId tenantId) {
        return read(tenantId).factRetention();
    }

    private Cached read(TenantId tenantId) {
        Instant now = clock.instant();
        Cached c = entries.get(tenantId);
        if (c == null || !now.isBefore(c.readAt().plus(FRESH_FOR))) {
            Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(MainTableKeys.tenant(tenantId))
                    .projectionExpression(BlockTable.PROJECTION + ", " + RETENTION)).item();
            boolean found = item != null && !item.isEmpty();
            c = new Cached(found ? BlockTable.from(item) : null,
                    FactRetention.of(found ? Attr.num(item, RETENTION, 0) : 0), now);
            if (entries.size() > MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(tenantId, c);
        }
        return c;
    }
}
