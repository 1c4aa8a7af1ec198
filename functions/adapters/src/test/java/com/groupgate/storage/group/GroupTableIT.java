package com.groupgate.storage.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.entry.LinkEntry;
import com.groupgate.group.Group;
import com.groupgate.group.GroupStatus;
import com.groupgate.group.Preset;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.join.GroupCategory;
import com.groupgate.join.JoinPolicy;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** GroupTable against the emulated MainTable: the group item's shape, its conditions and its paging. */
class GroupTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private final GroupTable groups = new GroupTable(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();

    static Group group(TenantId tenant, GroupId id, JoinPolicy policy, int capacity) {
        return new Group(tenant, id, "Group " + id, capacity, 0, policy, GroupCategory.COMMUNITY, "hello",
                Preset.WHATSAPP, policy == JoinPolicy.PASSCODE ? new byte[] {1, 2, 3} : null, 1_700_000_000_000L,
                40, 8, GroupStatus.ACTIVE,
                new LinkEntry("https://chat.whatsapp.com/AbC", com.groupgate.entry.Platform.WHATSAPP,
                        Instant.ofEpochSecond(1_800_000_000L)), null);
    }

    @Test
    void aCreatedGroupReadsBackWithEveryTypedField() {
        Group g = group(tenant, GroupId.random(), JoinPolicy.PASSCODE, 50);
        groups.create(g);

        Group read = groups.find(tenant, g.groupId()).orElseThrow();
        assertEquals(g.tenantId(), read.tenantId());
        assertEquals(g.groupId(), read.groupId());
        assertEquals(g.name(), read.name());
        assertEquals(50, read.capacity());
        assertEquals(0, read.members());
        assertEquals(JoinPolicy.PASSCODE, read.joinPolicy());
        assertEquals(GroupCategory.COMMUNITY, read.category());
        assertEquals("hello", read.welcomeMessage());
        assertEquals(Preset.WHATSAPP, read.preset());
        assertArrayEquals(new byte[] {1, 2, 3}, read.sealedPasscode());
        assertEquals(1_700_000_000_000L, read.createdAt());
        assertEquals(40, read.verifyAbove());
        assertEquals(8, read.passcodeDigits());
        assertEquals(GroupStatus.ACTIVE, read.status());
        assertEquals(g.entry(), read.entry());
        assertNull(read.block());
    }

    @Test
    void theGroupIsStoredUnderItsTenantsKey() {
        Group g = group(tenant, GroupId.random(), JoinPolicy.OPEN, 5);
        groups.create(g);
        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.group(tenant, g.groupId()));
        assertEquals("open", item.get("joinPolicy").s());
        assertTrue(item.get("pk").s().startsWith(MainTableKeys.tenantPartition(tenant)));
        MainTableKeys.Parsed parsed = MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow();
        assertEquals(tenant.text(), parsed.tenantId());
        assertTrue(groups.find(TenantId.random(), g.groupId()).isEmpty(), "another tenant does not see it");
    }

    @Test
    void creatingTheSameGroupTwiceIsRefused() {
        Group g = group(tenant, GroupId.random(), JoinPolicy.OPEN, 5);
        groups.create(g);
        assertThrows(ConditionalCheckFailedException.class, () -> groups.create(g));
    }

    @Test
    void aCapacityBelowTheMembersIsRefusedAndAMissingGroupIsNotFound() {
        Group g = group(tenant, GroupId.random(), JoinPolicy.OPEN, 5);
        groups.create(g);
        TABLES.dynamo().updateItem(u -> u.tableName(TABLES.main()).key(MainTableKeys.group(tenant, g.groupId()))
                .updateExpression("SET members = :m").expressionAttributeValues(Map.of(":m", AttributeValue.fromN("3"))));

        GroupTable.Change tooSmall = new GroupTable.Change(null, 2, null, null, false, null, false, null, null, null);
        assertEquals(GroupTable.Edited.BELOW_MEMBERS, groups.update(tenant, g.groupId(), tooSmall));
        assertEquals(5, groups.find(tenant, g.groupId()).orElseThrow().capacity());

        GroupTable.Change fits = new GroupTable.Change("renamed", 3, null, null, true, null, true, null,
                GroupStatus.ARCHIVED, null);
        assertEquals(GroupTable.Edited.DONE, groups.update(tenant, g.groupId(), fits));
        Group read = groups.find(tenant, g.groupId()).orElseThrow();
        assertEquals("renamed", read.name());
        assertEquals(3, read.capacity());
        assertNull(read.verifyAbove(), "removed");
        assertNull(read.entry(), "removed");
        assertTrue(read.archived());

        assertEquals(GroupTable.Edited.NOT_FOUND, groups.update(TenantId.random(), g.groupId(), fits),
                "the same group id under another tenant is not this group");
    }

    @Test
    void thePasscodeIsReplacedOnlyOnAPasscodeGroup() {
        Group open = group(tenant, GroupId.random(), JoinPolicy.OPEN, 5);
        Group passcode = group(tenant, GroupId.random(), JoinPolicy.PASSCODE, 5);
        groups.create(open);
        groups.create(passcode);
        assertTrue(groups.replacePasscode(tenant, open.groupId(), new byte[] {9}).isEmpty());
        assertNull(groups.find(tenant, open.groupId()).orElseThrow().sealedPasscode(), "nothing written");
        assertArrayEquals(new byte[] {9}, groups.replacePasscode(tenant, passcode.groupId(), new byte[] {9})
                .orElseThrow().sealedPasscode());
        assertTrue(groups.replacePasscode(tenant, GroupId.random(), new byte[] {9}).isEmpty());
    }

    @Test
    void pagingListsEachOfTheTenantsGroupsOnce() {
        List<GroupId> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Group g = group(tenant, GroupId.random(), JoinPolicy.OPEN, 5);
            groups.create(g);
            created.add(g.groupId());
        }
        groups.create(group(TenantId.random(), GroupId.random(), JoinPolicy.OPEN, 5));

        List<GroupId> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            GroupTable.Page page = groups.list(tenant, 3, cursor);
            page.items().forEach(g -> listed.add(g.groupId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(7, listed.size(), "each once: " + listed);
        assertEquals(new HashSet<>(created), new HashSet<>(listed));
    }
}
