package com.groupgate.storage.group;

import com.groupgate.aws.BatchReads;
import com.groupgate.group.Group;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The groups of a live code's pool, read together (BatchGetItem) and returned in pool order. */
public final class PoolGroups {
    private final DynamoDbClient dynamo;
    private final String table;

    public PoolGroups(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The tenant's groups among {@code groupIds}, in that order; ids that are not the tenant's are left out. */
    public List<Group> read(TenantId tenantId, List<GroupId> groupIds, boolean consistent) {
        Map<String, Group> byId = new HashMap<>();
        for (int from = 0; from < groupIds.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (GroupId g : groupIds.subList(from, Math.min(groupIds.size(), from + 100))) {
                keys.add(MainTableKeys.group(tenantId, g));
            }
            BatchReads.getAll(dynamo, table, KeysAndAttributes.builder().keys(keys).consistentRead(consistent).build())
                    .forEach(item -> byId.put(item.get("groupId").s(), GroupTable.from(item)));
        }
        List<Group> out = new ArrayList<>();
        for (GroupId g : groupIds) {
            Group found = byId.get(g.text());
            if (found != null) {
                out.add(found);
            }
        }
        return out;
    }
}
