package com.groupgate.storage.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.group.Group;
import com.groupgate.group.GroupStatus;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.id.TicketId;
import com.groupgate.join.GroupCategory;
import com.groupgate.join.JoinPolicy;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.token.JoinTicket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** MemberTable against the emulated MainTable: a join's one transaction and its refusals, removal, listing. */
class MemberTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant AT = Instant.parse("2026-12-06T09:00:00Z");
    private final MemberTable members = new MemberTable(TABLES.dynamo(), TABLES.main());
    private final GroupTable groups = new GroupTable(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();
    private final GroupId group = GroupId.random();
    private final CodeId code = CodeId.random();

    private void setUp(int capacity, String codeStatus) {
        groups.create(new Group(tenant, group, "g", capacity, 0, JoinPolicy.OPEN, GroupCategory.PERSONAL, null, null,
                null, AT.toEpochMilli(), null, 6, GroupStatus.ACTIVE, null, null));
        Map<String, AttributeValue> counter = new java.util.HashMap<>(MainTableKeys.codeCounter(tenant, code));
        counter.put("status", AttributeValue.fromS(codeStatus));
        TABLES.dynamo().putItem(p -> p.tableName(TABLES.main()).item(counter));
    }

    private JoinTicket ticket() {
        return new JoinTicket(1, Id.random(), code.id(), tenant.id(), group.id(), null, AT.getEpochSecond() + 600);
    }

    private JoinAttempt attempt(JoinTicket ticket, String ref, long approvalFrom) {
        RecordedFact fact = new RecordedFact(UUID.randomUUID().toString(), FactType.JOIN, AT, "joined", tenant,
                code.text(), group.text(), null, null, null, null, null, null, null, null, null, null, null);
        return new JoinAttempt(ticket, ref, fact, Long.MAX_VALUE, approvalFrom);
    }

    private long count() {
        return groups.find(tenant, group).orElseThrow().members();
    }

    @Test
    void aJoinWritesTheMemberUnderItsTenantAndRaisesTheCountOnce() {
        setUp(5, "active");
        JoinTicket t = ticket();
        assertEquals(MemberTable.JoinResult.JOINED, members.join(attempt(t, "alice", Long.MAX_VALUE)));
        assertEquals(MemberTable.JoinResult.ALREADY_MEMBER, members.join(attempt(t, "alice", Long.MAX_VALUE)),
                "the same join again");
        assertEquals(1, count());
        assertTrue(members.isMember(tenant, group, "alice"));
        assertFalse(members.isMember(TenantId.random(), group, "alice"));

        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.member(tenant, group, "alice"));
        assertEquals(tenant.text(), MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow().tenantId());
        assertEquals(AT.getEpochSecond(), Long.parseLong(item.get("joinedAt").n()));
        assertEquals(t.id().text(), item.get(MemberTable.TICKET_ID).s());

        Map<String, AttributeValue> ticketItem = TABLES.item(TABLES.main(), MainTableKeys.ticket(t.id()));
        assertEquals(t.expiresAtEpochSecond() + 3600, Long.parseLong(ticketItem.get("ttl").n()), "the ticket's record expires");
        assertEquals(new MemberTable.TicketUse("alice", false, false), members.ticketUse(t.id()));
    }

    @Test
    void aTicketAdmitsOneMemberOnly() {
        setUp(5, "active");
        JoinTicket t = ticket();
        members.join(attempt(t, "alice", Long.MAX_VALUE));
        assertEquals(MemberTable.JoinResult.TICKET_USED, members.join(attempt(t, "bob", Long.MAX_VALUE)));
        assertFalse(members.isMember(tenant, group, "bob"));
        assertEquals(1, count());
    }

    @Test
    void aFullGroupAndOnePastVerifyAboveRefuseWithoutWriting() {
        setUp(1, "active");
        members.join(attempt(ticket(), "alice", Long.MAX_VALUE));
        assertEquals(MemberTable.JoinResult.GROUP_FULL, members.join(attempt(ticket(), "bob", Long.MAX_VALUE)));
        assertFalse(members.isMember(tenant, group, "bob"));
        assertEquals(1, count());

        groups.update(tenant, group, new GroupTable.Change(null, 10, null, null, false, null, false, null, null, null));
        assertEquals(MemberTable.JoinResult.NEEDS_APPROVAL, members.join(attempt(ticket(), "carol", 1)));
        assertEquals(1, count());
    }

    @Test
    void aRevokedCodeOrAnArchivedGroupAdmitsNoOne() {
        setUp(5, "revoked");
        assertEquals(MemberTable.JoinResult.CODE_REVOKED, members.join(attempt(ticket(), "alice", Long.MAX_VALUE)));
        TABLES.dynamo().updateItem(u -> u.tableName(TABLES.main()).key(MainTableKeys.codeCounter(tenant, code))
                .updateExpression("SET #st = :a").expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("superseded"))));
        groups.update(tenant, group, new GroupTable.Change(null, null, null, null, false, null, false, null,
                GroupStatus.ARCHIVED, null));
        assertEquals(MemberTable.JoinResult.GROUP_ARCHIVED, members.join(attempt(ticket(), "alice", Long.MAX_VALUE)));
        assertFalse(members.isMember(tenant, group, "alice"));
        assertEquals(0, count());
    }

    @Test
    void aRemovalFreesTheSeatAndEndsTheTicketSoItsRetryCannotComeBack() {
        setUp(5, "active");
        JoinTicket t = ticket();
        members.join(attempt(t, "alice", Long.MAX_VALUE));
        assertTrue(members.remove(tenant, group, "alice", AT.plusSeconds(60)));
        assertEquals(0, count());
        assertFalse(members.isMember(tenant, group, "alice"));
        MemberTable.TicketUse use = members.ticketUse(t.id());
        assertTrue(use.ended());
        assertNull(use.memberRef(), "forgotten");
        assertEquals(MemberTable.JoinResult.TICKET_USED, members.join(attempt(t, "alice", Long.MAX_VALUE)));
        assertFalse(members.remove(tenant, group, "alice", AT.plusSeconds(90)), "not a member any more");
        assertEquals(0, count());
        assertEquals(new MemberTable.TicketUse(null, false, false), members.ticketUse(TicketId.random()));
    }

    @Test
    void pagingListsEachMemberOnce() {
        setUp(50, "active");
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String ref = "m" + i;
            members.join(attempt(ticket(), ref, Long.MAX_VALUE));
            joined.add(ref);
        }
        List<String> listed = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            MemberTable.Page page = members.members(tenant, group, 3, after);
            page.items().forEach(m -> listed.add(m.memberRef()));
            after = page.nextCursor();
            pages++;
        } while (after != null && pages < 10);
        assertEquals(joined, listed, "in memberRef order, each once");
        assertEquals(7, new HashSet<>(listed).size());
        assertEquals(7, count());
    }
}
