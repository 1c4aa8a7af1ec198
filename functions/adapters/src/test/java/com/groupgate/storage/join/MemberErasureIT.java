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
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.join.GroupCategory;
import com.groupgate.join.JoinPolicy;
import com.groupgate.join.RequestStatus;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.webhook.ErasedEvents;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.token.JoinTicket;
import com.groupgate.webhook.WebhookEvent;
import com.groupgate.webhook.WebhookEventType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * MemberErasure against the emulated MainTable: after an erasure no stored item names the
 * member — memberships gone with their seats, requests left as removed markers, tickets
 * ended without the ref, events naming the member dropped — and a repeat finds nothing.
 */
class MemberErasureIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant AT = Instant.parse("2026-12-06T09:00:00Z");
    private final MemberTable members = new MemberTable(TABLES.dynamo(), TABLES.main());
    private final JoinRequestTable requests = new JoinRequestTable(TABLES.dynamo(), TABLES.main());
    private final GroupTable groups = new GroupTable(TABLES.dynamo(), TABLES.main());
    private final Outbox outbox = new Outbox(TABLES.dynamo(), TABLES.main());
    private final MemberErasure erasure = new MemberErasure(TABLES.dynamo(), TABLES.main(), members,
            new ErasedEvents(TABLES.dynamo(), TABLES.main()));
    private final TenantId tenant = TenantId.random();
    private final CodeId code = CodeId.random();

    private GroupId group(JoinPolicy policy) {
        GroupId id = GroupId.random();
        groups.create(new Group(tenant, id, "g", 5, 0, policy, GroupCategory.PERSONAL, null, null, null,
                AT.toEpochMilli(), null, 6, GroupStatus.ACTIVE, null, null));
        return id;
    }

    private JoinAttempt attempt(GroupId group, JoinTicket ticket, String ref) {
        RecordedFact fact = new RecordedFact(UUID.randomUUID().toString(), FactType.JOIN, AT, "joined", tenant,
                code.text(), group.text(), null, null, null, null, null, null, null, null, null, null, null);
        return new JoinAttempt(ticket, ref, fact, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    private JoinTicket ticket(GroupId group) {
        return new JoinTicket(1, Id.random(), code.id(), tenant.id(), group.id(), null, AT.getEpochSecond() + 600);
    }

    @Test
    void afterAnErasureNoStoredItemNamesTheMember() {
        Map<String, AttributeValue> counter = new HashMap<>(MainTableKeys.codeCounter(tenant, code));
        counter.put("status", AttributeValue.fromS("active"));
        TABLES.dynamo().putItem(p -> p.tableName(TABLES.main()).item(counter));
        GroupId joinedGroup = group(JoinPolicy.OPEN);
        GroupId requestGroup = group(JoinPolicy.APPROVAL);
        JoinTicket joinTicket = ticket(joinedGroup);
        JoinTicket requestTicket = ticket(requestGroup);
        assertEquals(MemberTable.JoinResult.JOINED, members.join(attempt(joinedGroup, joinTicket, "alice")));
        assertEquals(MemberTable.JoinResult.JOINED, members.join(attempt(joinedGroup, ticket(joinedGroup), "bob")));
        RequestId request = requests.request(attempt(requestGroup, requestTicket, "alice")).requestId();
        WebhookEvent named = WebhookEvent.of(WebhookEventType.MEMBER_JOINED, tenant, AT,
                Map.of("memberRef", "alice"), "elsewhere");
        outbox.emit(named, null, AT);

        MemberErasure.Erased erased = erasure.erase(tenant, List.of(joinedGroup, requestGroup), "alice", "h-alice", AT);
        assertEquals(new MemberErasure.Erased(1, 1), erased);
        assertEquals(1, erasure.eraseEvents(tenant, "alice"));

        assertFalse(members.isMember(tenant, joinedGroup, "alice"));
        assertTrue(members.isMember(tenant, joinedGroup, "bob"), "only the erased member");
        assertEquals(1, groups.find(tenant, joinedGroup).orElseThrow().members(), "the seat is freed");
        assertEquals(new MemberTable.TicketUse(null, false, true), members.ticketUse(joinTicket.id()));
        assertEquals(new MemberTable.TicketUse(null, false, true), members.ticketUse(requestTicket.id()));
        assertTrue(requests.findRequest(tenant, request).isEmpty());
        JoinRequestTable.JoinRequest marker = requests.statusOf(tenant, request).orElseThrow();
        assertEquals(RequestStatus.REMOVED, marker.status());
        assertNull(marker.memberRef());
        Map<String, AttributeValue> markerItem = TABLES.item(TABLES.main(), MainTableKeys.request(tenant, request));
        assertFalse(markerItem.containsKey("gsi1pk"), "off the group's index");
        assertTrue(markerItem.containsKey("ttl"));
        assertFalse(outbox.kept(tenant, named.id()));

        assertEquals(new MemberErasure.Erased(0, 0), erasure.erase(tenant, List.of(joinedGroup, requestGroup), "alice",
                "h-alice", AT), "what is gone is not found again");
    }
}
