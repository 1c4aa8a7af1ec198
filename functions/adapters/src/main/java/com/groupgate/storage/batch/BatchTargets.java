package com.groupgate.storage.batch;

import com.groupgate.aws.Attr;
import com.groupgate.aws.BatchReads;
import com.groupgate.group.Group;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.TenantId;
import com.groupgate.live.LiveCode;
import com.groupgate.live.LiveCodeStatus;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.live.LiveCodeTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The groups and live codes an uploaded batch names, read together (consistent
 * BatchGetItem, 100 keys a request) so a file of 5,000 rows is checked in a few reads.
 */
public final class BatchTargets {
    private static final int KEYS_PER_READ = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public BatchTargets(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The tenant's groups among {@code groupIds}, by id; absent ids are not the tenant's. */
    public Map<GroupId, Group> groups(TenantId tenantId, Collection<GroupId> groupIds) {
        Map<GroupId, Group> out = new HashMap<>();
        read(groupIds.stream().map(id -> MainTableKeys.group(tenantId, id)).toList()).forEach(item -> {
            Group g = GroupTable.from(item);
            out.put(g.groupId(), g);
        });
        return out;
    }

    /** The status of each of the tenant's live codes among {@code liveCodeIds}, by id. */
    public Map<LiveCodeId, LiveCodeStatus> liveCodeStatuses(TenantId tenantId, Collection<LiveCodeId> liveCodeIds) {
        Map<LiveCodeId, LiveCodeStatus> out = new HashMap<>();
        read(liveCodeIds.stream().map(id -> MainTableKeys.liveCode(tenantId, id)).toList()).forEach(item -> {
            LiveCode code = LiveCodeTable.fromItem(item);
            out.put(code.liveCodeId(), code.status());
        });
        return out;
    }

    private List<Map<String, AttributeValue>> read(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += KEYS_PER_READ) {
            out.addAll(BatchReads.getAll(dynamo, table, KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(i, Math.min(keys.size(), i + KEYS_PER_READ))).build()));
        }
        return out;
    }
}
