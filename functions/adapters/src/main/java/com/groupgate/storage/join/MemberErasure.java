package com.groupgate.storage.join;

import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.aws.BatchReads;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.id.TicketId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.webhook.ErasedEvents;
import com.groupgate.webhook.WebhookEvent;
import com.groupgate.webhook.WebhookEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Removes one memberRef from a tenant's groups: its memberships (each freeing its seat and
 * ending its ticket, as a removal does), its join requests whatever their status, and the
 * records of it on the tickets that admitted it or filed its requests. Memberships are found
 * by one batch read per 100 groups; requests by one query of each group's requests index,
 * filtered to the ref. Safe to repeat: what is gone is not found again.
 *
 * <p>Nothing that stays names the member: a member item is first marked with the keyed hash
 * ({@link MemberTable#ERASED_AS}) so that the {@code member.removed} event its deletion
 * causes carries the hash, not the ref; tickets stay as ended markers without the ref (as
 * every removal leaves them: they still admit no one); a request stays as a {@code removed} marker without the ref, for its
 * statusUrl; and the stored webhook events naming the member go ({@link ErasedEvents}): those
 * its member and request items caused, found by their derived ids, and every other one
 * listed under the member.
 */
public final class MemberErasure {
    private static final int BATCH = 100;
    /** The events a request causes, each identified by the request ({@code ChangeEvents}). */
    private static final List<WebhookEventType> REQUEST_EVENTS = List.of(WebhookEventType.JOIN_REQUESTED,
            WebhookEventType.JOIN_APPROVED, WebhookEventType.JOIN_REJECTED);

    private final DynamoDbClient dynamo;
    private final String table;
    private final MemberTable members;
    private final ErasedEvents events;

    public MemberErasure(DynamoDbClient dynamo, String table, MemberTable members, ErasedEvents events) {
        this.dynamo = dynamo;
        this.table = table;
        this.members = members;
        this.events = events;
    }

    /** What an erasure removed in the groups it was given. */
    public record Erased(int memberships, int requests) {
        public Erased plus(Erased other) {
            return new Erased(memberships + other.memberships, requests + other.requests);
        }
    }

    /**
     * Erases {@code memberRef} from {@code groupIds} (one page of the tenant's groups, at most
     * 100); {@code hash} is the keyed hash the erasure names the member by.
     */
    public Erased erase(TenantId tenantId, List<GroupId> groupIds, String memberRef, String hash, Instant now) {
        if (groupIds.size() > BATCH) {
            throw new IllegalArgumentException("at most " + BATCH + " groups at a time, was " + groupIds.size());
        }
        if (groupIds.isEmpty()) {
            return new Erased(0, 0);
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        groupIds.forEach(g -> keys.add(MainTableKeys.member(tenantId, g, memberRef)));
        int memberships = 0;
        List<String> events = new ArrayList<>();
        for (Map<String, AttributeValue> found : BatchReads.getAll(dynamo, table, KeysAndAttributes.builder()
                .keys(keys).consistentRead(true).projectionExpression("pk, sk, #fact")
                .expressionAttributeNames(Map.of("#fact", "fact")).build())) {
            String partition = Attr.str(found, "pk");
            GroupId groupId = GroupId.parse(partition.substring(partition.lastIndexOf('#') + 1)).orElseThrow();
            markErased(found, hash);
            if (members.remove(tenantId, groupId, memberRef, now)) {
                memberships++;
            }
            String factId = Attr.str(Attr.mapOf(found, "fact"), "id");
            if (factId != null) {
                events.add(WebhookEvent.idOf(WebhookEventType.MEMBER_JOINED, tenantId, factId));
            }
        }
        int requests = 0;
        for (GroupId groupId : groupIds) {
            requests += eraseRequests(tenantId, groupId, memberRef, now, events);
        }
        this.events.eraseById(tenantId, events);
        return new Erased(memberships, requests);
    }

    /** Erases the stored webhook events that name {@code memberRef}, once per erasure (not per page of groups). */
    public int eraseEvents(TenantId tenantId, String memberRef) {
        return events.erase(tenantId, memberRef);
    }

    /** The member item names the hash its deletion's event is to carry; nothing when it is gone already. */
    private void markErased(Map<String, AttributeValue> member, String hash) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", member.get("pk"), "sk", member.get("sk")))
                    .updateExpression("SET #erased = :hash").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#erased", MemberTable.ERASED_AS))
                    .expressionAttributeValues(Map.of(":hash", s(hash))));
        } catch (ConditionalCheckFailedException gone) {
            // removed meanwhile: its event went out as a removal's
        }
    }

    /** Ends the ticket that filed a request and drops its record of the memberRef; the ticket still admits no one. */
    private void forgetTicket(Map<String, AttributeValue> request, Instant now) {
        TicketId.parse(Attr.str(request, MemberTable.TICKET_ID)).ifPresent(ticket ->
                dynamo.transactWriteItems(t -> t.transactItems(members.endTicket(ticket, now))));
    }

    /** Erases the ref's requests in one group, adding the ids of the events each caused to {@code events}. */
    private int eraseRequests(TenantId tenantId, GroupId groupId, String memberRef, Instant now, List<String> events) {
        int erased = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).indexName("gsi1")
                    .keyConditionExpression("gsi1pk = :pk").filterExpression("memberRef = :ref")
                    .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.requestsIndex(tenantId, groupId)),
                            ":ref", s(memberRef)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> request : page.items()) {
                try {
                    dynamo.putItem(p -> p.tableName(table).item(JoinRequestTable.erased(request, now))
                            .conditionExpression("attribute_exists(pk)"));
                } catch (ConditionalCheckFailedException gone) {
                    continue;
                }
                forgetTicket(request, now);
                String requestId = Attr.str(request, "requestId");
                for (WebhookEventType type : REQUEST_EVENTS) {
                    events.add(WebhookEvent.idOf(type, tenantId, requestId));
                }
                erased++;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return erased;
    }
}
