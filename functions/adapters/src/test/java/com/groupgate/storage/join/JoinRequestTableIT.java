package com.groupgate.storage.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.group.Group;
import com.groupgate.group.GroupStatus;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.join.GroupCategory;
import com.groupgate.join.JoinPolicy;
import com.groupgate.join.RequestStatus;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.token.JoinTicket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** JoinRequestTable against the emulated MainTable: filing once per ticket, deciding once, paging by status. */
class JoinRequestTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant AT = Instant.parse("2026-12-06T09:00:00Z");
    private final JoinRequestTable requests = new JoinRequestTable(TABLES.dynamo(), TABLES.main());
    private final MemberTable members = new MemberTable(TABLES.dynamo(), TABLES.main());
    private final GroupTable groups = new GroupTable(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();
    private final GroupId group = GroupId.random();
    private final CodeId code = CodeId.random();

    private void setUp(int capacity) {
        groups.create(new Group(tenant, group, "g", capacity, 0, JoinPolicy.APPROVAL, GroupCategory.PERSONAL, null,
                null, null, AT.toEpochMilli(), null, 6, GroupStatus.ACTIVE, null, null));
        Map<String, AttributeValue> counter = new HashMap<>(MainTableKeys.codeCounter(tenant, code));
        counter.put("status", AttributeValue.fromS("active"));
        TABLES.dynamo().putItem(p -> p.tableName(TABLES.main()).item(counter));
    }

    private JoinTicket ticket() {
        return new JoinTicket(1, Id.random(), code.id(), tenant.id(), group.id(), null, AT.getEpochSecond() + 600);
    }

    private JoinAttempt attempt(JoinTicket ticket, String ref, Instant at) {
        RecordedFact fact = new RecordedFact(UUID.randomUUID().toString(), FactType.JOIN, at, "joined", tenant,
                code.text(), group.text(), null, null, null, null, null, null, null, null, null, null, null);
        return new JoinAttempt(ticket, ref, fact, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    private RequestId file(String ref, Instant at) {
        JoinRequestTable.Filing f = requests.request(attempt(ticket(), ref, at));
        assertEquals(JoinRequestTable.Filing.Outcome.FILED, f.outcome());
        return f.requestId();
    }

    @Test
    void aFiledRequestIsPendingUnderItsTenantAndTheSameTicketAnswersIt() {
        setUp(5);
        JoinTicket t = ticket();
        JoinRequestTable.Filing filed = requests.request(attempt(t, "alice", AT));
        assertEquals(JoinRequestTable.Filing.Outcome.FILED, filed.outcome());
        assertEquals(new JoinRequestTable.JoinRequest(filed.requestId(), group, "alice", AT.getEpochSecond(),
                RequestStatus.PENDING), requests.findRequest(tenant, filed.requestId()).orElseThrow());
        assertTrue(requests.findRequest(TenantId.random(), filed.requestId()).isEmpty());

        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.request(tenant, filed.requestId()));
        assertEquals(tenant.text(), MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow().tenantId());
        assertTrue(item.get("gsi1pk").s().startsWith(MainTableKeys.tenantPartition(tenant)));

        assertEquals(filed, requests.request(attempt(t, "alice", AT.plusSeconds(5))), "the same request again");
        assertEquals(JoinRequestTable.Filing.Outcome.TICKET_USED,
                requests.request(attempt(t, "bob", AT)).outcome());
        assertTrue(members.ticketUse(t.id()).filedRequest());
    }

    @Test
    void approvalAddsTheMemberOnceAndADecidedRequestStaysDecided() {
        setUp(5);
        RequestId id = file("alice", AT);
        assertEquals(JoinRequestTable.Decision.JOINED, requests.approve(tenant, id, AT.plusSeconds(60)));
        assertEquals(JoinRequestTable.Decision.JOINED, requests.approve(tenant, id, AT.plusSeconds(61)),
                "a retried approval answers joined");
        assertEquals(JoinRequestTable.Decision.ALREADY_DECIDED, requests.reject(tenant, id, AT.plusSeconds(62)));
        assertTrue(members.isMember(tenant, group, "alice"));
        assertEquals(1, groups.find(tenant, group).orElseThrow().members());
        assertEquals(RequestStatus.JOINED, requests.findRequest(tenant, id).orElseThrow().status());
        assertEquals(JoinRequestTable.Decision.NOT_FOUND, requests.approve(TenantId.random(), id, AT));
    }

    @Test
    void approvalIntoAFullGroupIsRefusedAndRejectionWritesNoMember() {
        setUp(1);
        RequestId first = file("alice", AT);
        RequestId second = file("bob", AT.plusSeconds(1));
        RequestId third = file("carol", AT.plusSeconds(2));
        assertEquals(JoinRequestTable.Decision.JOINED, requests.approve(tenant, first, AT.plusSeconds(60)));
        assertEquals(JoinRequestTable.Decision.GROUP_FULL, requests.approve(tenant, second, AT.plusSeconds(60)));
        assertEquals(RequestStatus.PENDING, requests.findRequest(tenant, second).orElseThrow().status());
        assertEquals(JoinRequestTable.Decision.REJECTED, requests.reject(tenant, third, AT.plusSeconds(60)));
        assertFalse(members.isMember(tenant, group, "carol"));
        assertEquals(1, groups.find(tenant, group).orElseThrow().members());
    }

    @Test
    void anArchivedGroupTakesNoRequest() {
        setUp(5);
        groups.update(tenant, group, new GroupTable.Change(null, null, null, null, false, null, false, null,
                GroupStatus.ARCHIVED, null));
        assertEquals(JoinRequestTable.Filing.Outcome.GROUP_ARCHIVED,
                requests.request(attempt(ticket(), "alice", AT)).outcome());
    }

    @Test
    void pagingByStatusGivesEachRequestOnceOldestFirst() {
        setUp(50);
        List<RequestId> pending = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            pending.add(file("m" + i, AT.plusSeconds(i)));
        }
        RequestId decided = file("late", AT.plusSeconds(100));
        requests.reject(tenant, decided, AT.plusSeconds(200));

        List<RequestId> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JoinRequestTable.Page page = requests.requests(tenant, group, RequestStatus.PENDING, 3, cursor);
            page.items().forEach(r -> listed.add(r.requestId()));
            cursor = page.nextCursor();
            if (cursor != null) {
                assertTrue(JoinRequestTable.isCursor(cursor), cursor);
            }
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(pending, listed);
        assertEquals(7, new HashSet<>(listed).size());
        JoinRequestTable.Page rejected = requests.requests(tenant, group, RequestStatus.REJECTED, 10, null);
        assertEquals(List.of(decided), rejected.items().stream().map(JoinRequestTable.JoinRequest::requestId).toList());
        assertNotNull(requests.statusOf(tenant, decided).orElseThrow());
    }
}
