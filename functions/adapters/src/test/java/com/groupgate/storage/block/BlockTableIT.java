package com.groupgate.storage.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.block.Block;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** BlockTable against the emulated MainTable: a block lands on an existing group or tenant only, and lifts. */
class BlockTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private final BlockTable blocks = new BlockTable(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();
    private final Block block = new Block("phishing", Instant.ofEpochMilli(1_765_000_000_123L));

    private void put(Map<String, AttributeValue> key) {
        TABLES.dynamo().putItem(p -> p.tableName(TABLES.main()).item(key));
    }

    @Test
    void aGroupsBlockIsStoredOnItsItemAndReadBack() {
        GroupId group = GroupId.random();
        put(MainTableKeys.group(tenant, group));
        assertTrue(blocks.blockGroup(tenant, group, block));
        assertEquals(block, BlockTable.from(TABLES.item(TABLES.main(), MainTableKeys.group(tenant, group))));

        assertTrue(blocks.unblockGroup(tenant, group));
        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.group(tenant, group));
        assertNull(BlockTable.from(item));
        assertFalse(item.isEmpty(), "the group itself stays");
    }

    @Test
    void aTenantsBlockIsStoredOnTheTenantItem() {
        put(MainTableKeys.tenant(tenant));
        assertTrue(blocks.blockTenant(tenant, block));
        assertEquals(block, BlockTable.from(TABLES.item(TABLES.main(), MainTableKeys.tenant(tenant))));
        assertTrue(blocks.unblockTenant(tenant));
        assertNull(BlockTable.from(TABLES.item(TABLES.main(), MainTableKeys.tenant(tenant))));
    }

    @Test
    void blockingWhatDoesNotExistWritesNothing() {
        GroupId group = GroupId.random();
        assertFalse(blocks.blockGroup(tenant, group, block));
        assertFalse(blocks.unblockGroup(tenant, group));
        assertFalse(blocks.blockTenant(tenant, block));
        assertFalse(blocks.unblockTenant(tenant));
        assertTrue(TABLES.item(TABLES.main(), MainTableKeys.group(tenant, group)).isEmpty());
        assertTrue(TABLES.item(TABLES.main(), MainTableKeys.tenant(tenant)).isEmpty());
    }
}
