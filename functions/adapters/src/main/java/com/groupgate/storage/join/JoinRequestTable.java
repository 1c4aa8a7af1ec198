package com.groupgate.storage.join;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import com.groupgate.fact.FactCodec;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.id.TicketId;
import com.groupgate.join.RequestStatus;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import com.groupgate.storage.block.BlockTable;
import com.groupgate.storage.campaign.ApprovalCredits;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.token.RequestStatusTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Join requests of approval groups (and of groups past {@code verifyAbove}): filed by a
 * ticket — which then admits nothing else — listed a page at a time by group and status
 * ({@code gsi1}), approved or rejected by the tenant. Approval adds the member with the
 * same capacity-safe update a join uses ({@link MemberTable}).
 */
public final class JoinRequestTable {

    private final DynamoDbClient dynamo;
    private final String table;
    private final MemberTable members;

    public JoinRequestTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.members = new MemberTable(dynamo, table);
    }

    /** @param liveCodeId the live code whose scan (or whose campaign's invite) filed it; null for a group code's */
    public record JoinRequest(RequestId requestId, GroupId groupId, String memberRef, long createdAt, RequestStatus status,
                              LiveCodeId liveCodeId) {
        public JoinRequest(RequestId requestId, GroupId groupId, String memberRef, long createdAt, RequestStatus status) {
            this(requestId, groupId, memberRef, createdAt, status, null);
        }
    }

    public record Page(List<JoinRequest> items, String nextCursor) {
    }

    /** What filing came to: the request (new, or the ticket's earlier one), or why none was filed. */
    public record Filing(Outcome outcome, RequestId requestId) {
        public enum Outcome {
            FILED,
            /** This ticket admitted this memberRef through a join already. */
            JOINED,
            TICKET_USED,
            CODE_REVOKED,
            GROUP_ARCHIVED
        }
    }

    public enum Decision { JOINED, REJECTED, ALREADY_DECIDED, GROUP_FULL, GROUP_ARCHIVED, GROUP_BLOCKED, NOT_FOUND }

    /**
     * Files a pending request; the join fact waits in it until approval. The ticket records
     * the request, so the same ticket and memberRef again answer the same request while it
     * is pending, and are refused once it is decided.
     */
    public Filing request(JoinAttempt a) {
        return request(a, null);
    }

    /**
     * Files a request as {@link #request(JoinAttempt)} does; one through a personal invite
     * ({@code inviteId} of the attempt's campaign) remembers the invite, so that approving it
     * credits the inviter ({@link ApprovalCredits}).
     */
    public Filing request(JoinAttempt a, Id inviteId) {
        RequestId requestId = RequestId.random();
        Instant at = a.fact().at();
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.request(a.tenantId(), requestId));
        item.put("requestId", s(requestId.toString()));
        item.put("groupId", s(a.groupId().toString()));
        item.put("memberRef", s(a.memberRef()));
        item.put(MemberTable.TICKET_ID, s(a.ticket().ticketId().toString()));
        item.put("status", s(RequestStatus.PENDING.wireName()));
        item.put("createdAt", n(at.getEpochSecond()));
        item.put("pendingFact", Attr.map(FactCodec.encode(a.fact())));
        if (inviteId != null && a.campaignId() != null) {
            item.put(ApprovalCredits.INVITE_CAMPAIGN, s(a.campaignId().text()));
            item.put(ApprovalCredits.INVITE_ID, s(inviteId.toString()));
        }
        item.put("gsi1pk", s(MainTableKeys.requestsIndex(a.tenantId(), a.groupId())));
        item.put("gsi1sk", s(MainTableKeys.requestsIndexSort(RequestStatus.PENDING.wireName(), at.getEpochSecond(), requestId)));
        TransactWriteItem claim = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(MainTableKeys.ticket(a.ticket().id()))
                .updateExpression("SET memberRef = :ref, requestId = :rid, #ttl = :ttl")
                .conditionExpression("attribute_not_exists(memberRef) AND attribute_not_exists(#ended)")
                .expressionAttributeNames(Map.of("#ttl", "ttl", "#ended", MemberTable.ENDED_AT))
                .expressionAttributeValues(Map.of(":ref", s(a.memberRef()), ":rid", s(requestId.toString()),
                        ":ttl", n(a.ticket().expiresAtEpochSecond() + 3600)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        try {
            Transactions.write(dynamo, List.of(claim, put, Guards.group(table, a.tenantId(), a.groupId()),
                    Guards.code(table, a)));
            return new Filing(Filing.Outcome.FILED, requestId);
        } catch (TransactionCanceledException e) {
            if (Transactions.failed(e, 0)) {
                return earlierUse(a, Transactions.old(e, 0));
            }
            if (Transactions.failed(e, 3)) {
                return new Filing(Filing.Outcome.CODE_REVOKED, null);
            }
            if (Transactions.failed(e, 2)) {
                return new Filing(Filing.Outcome.GROUP_ARCHIVED, null);
            }
            throw e;
        }
    }

    /**
     * The same ticket again: the same answer for the same memberRef while it stands, else
     * used — and used for good once the member it admitted was removed or erased.
     */
    private Filing earlierUse(JoinAttempt a, Map<String, AttributeValue> ticket) {
        if (ticket.containsKey(MemberTable.ENDED_AT) || !a.memberRef().equals(Attr.str(ticket, "memberRef"))) {
            return new Filing(Filing.Outcome.TICKET_USED, null);
        }
        String earlier = Attr.str(ticket, "requestId");
        if (earlier == null) {
            return new Filing(Filing.Outcome.JOINED, null);
        }
        RequestId requestId = RequestId.parse(earlier).orElseThrow();
        boolean pending = findRequest(a.tenantId(), requestId).filter(r -> r.status() == RequestStatus.PENDING).isPresent();
        return pending ? new Filing(Filing.Outcome.FILED, requestId) : new Filing(Filing.Outcome.TICKET_USED, null);
    }

    /**
     * One page of a group's requests in {@code status}, oldest first: at most {@code limit}
     * items from one query, whatever the group's size. The cursor is opaque to callers
     * ({@link #isCursor} checks its shape).
     */
    public Page requests(TenantId tenantId, GroupId groupId, RequestStatus status, int limit, String cursor) {
        String index = MainTableKeys.requestsIndex(tenantId, groupId);
        Map<String, AttributeValue> start = cursor == null ? null : startKey(tenantId, index, status, cursor);
        QueryResponse page = dynamo.query(q -> q.tableName(table).indexName("gsi1").limit(limit)
                .keyConditionExpression("gsi1pk = :pk AND begins_with(gsi1sk, :st)")
                .expressionAttributeValues(Map.of(":pk", s(index), ":st", s(status.wireName() + "#")))
                .exclusiveStartKey(start));
        List<JoinRequest> items = page.items().stream().map(JoinRequestTable::toRequest).toList();
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !items.isEmpty()
                ? MainTableKeys.requestsCursor(items.get(items.size() - 1).createdAt(), items.get(items.size() - 1).requestId())
                : null;
        return new Page(items, next);
    }

    /** Whether {@code text} has the shape of a cursor {@link #requests} returns. */
    public static boolean isCursor(String text) {
        return MainTableKeys.parseRequestsCursor(text).isPresent();
    }

    private static Map<String, AttributeValue> startKey(TenantId tenantId, String index, RequestStatus status,
                                                        String cursor) {
        MainTableKeys.RequestsCursor after = MainTableKeys.parseRequestsCursor(cursor).orElseThrow();
        Map<String, AttributeValue> start = new HashMap<>(MainTableKeys.request(tenantId, after.requestId()));
        start.put("gsi1pk", s(index));
        start.put("gsi1sk", s(MainTableKeys.requestsIndexSort(status.wireName(), after.createdAt(), after.requestId())));
        return start;
    }

    /** The request, unless it is unknown or erased (what stays of an erased one is only for its statusUrl). */
    public Optional<JoinRequest> findRequest(TenantId tenantId, RequestId requestId) {
        return findRequestItem(tenantId, requestId).map(JoinRequestTable::toRequest);
    }

    /** The request as its statusUrl sees it: erased ones too, as {@link RequestStatus#REMOVED} with no memberRef. */
    public Optional<JoinRequest> statusOf(TenantId tenantId, RequestId requestId) {
        return findAnyRequestItem(tenantId, requestId).map(JoinRequestTable::toRequest);
    }

    private Optional<Map<String, AttributeValue>> findRequestItem(TenantId tenantId, RequestId requestId) {
        return findAnyRequestItem(tenantId, requestId).filter(i -> !RequestStatus.REMOVED.wireName().equals(Attr.str(i, "status")));
    }

    private Optional<Map<String, AttributeValue>> findAnyRequestItem(TenantId tenantId, RequestId requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.request(tenantId, requestId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * Approves a pending request: decides it and adds the member in one transaction that
     * also respects capacity, so approvals racing scans' joins never overfill the group.
     * Approval is the verification {@code verifyAbove} asks for, so only capacity bounds it.
     */
    public Decision approve(TenantId tenantId, RequestId requestId, Instant at) {
        return approve(tenantId, requestId, at, null);
    }

    /**
     * Approves as {@link #approve(TenantId, RequestId, Instant)} does, writing
     * {@code creditRecord} (the inviter's credit it owes, {@code CreditTable.joined}; null:
     * none) in the same transaction; left out when the invitee has a credit already.
     */
    public Decision approve(TenantId tenantId, RequestId requestId, Instant at, TransactWriteItem creditRecord) {
        Optional<Map<String, AttributeValue>> found = findRequestItem(tenantId, requestId);
        if (found.isEmpty()) {
            return Decision.NOT_FOUND;
        }
        JoinRequest request = toRequest(found.get());
        RecordedFact fact = FactCodec.decode(Attr.mapOf(found.get(), "pendingFact")).at(at);
        TransactWriteItem decide = decide(tenantId, request, RequestStatus.JOINED, at);
        try {
            List<TransactWriteItem> items = new ArrayList<>(List.of(decide,
                    members.putMember(tenantId, request.groupId(), request.memberRef(), fact,
                            TicketId.parse(Attr.str(found.get(), MemberTable.TICKET_ID)).orElse(null)),
                    members.raiseMembers(tenantId, request.groupId(), Long.MAX_VALUE)));
            if (creditRecord != null) {
                items.add(creditRecord);
            }
            Transactions.write(dynamo, items);
            return Decision.JOINED;
        } catch (TransactionCanceledException e) {
            if (Transactions.failed(e, 0)) {
                // A retried transaction (the SDK retries after a timeout) whose first try
                // went through must still answer joined, not a conflict.
                return findRequest(tenantId, requestId).filter(r -> r.status() == RequestStatus.JOINED).isPresent()
                        ? Decision.JOINED : Decision.ALREADY_DECIDED;
            }
            if (Transactions.failed(e, 1)) {
                // Joined meanwhile through a scan: the request is satisfied without a second seat.
                try {
                    dynamo.transactWriteItems(t -> t.transactItems(decide));
                } catch (TransactionCanceledException raced) {
                    return Decision.ALREADY_DECIDED;
                }
                return Decision.JOINED;
            }
            if (Transactions.failed(e, 2)) {
                Map<String, AttributeValue> group = Transactions.old(e, 2);
                return group.containsKey(BlockTable.REASON) ? Decision.GROUP_BLOCKED
                        : GroupTable.archived(group) ? Decision.GROUP_ARCHIVED
                        : Decision.GROUP_FULL;
            }
            if (creditRecord != null && Transactions.failed(e, 3)) {
                // The invitee has a credit in this campaign already: the approval alone.
                return approve(tenantId, requestId, at, null);
            }
            throw e;
        }
    }

    public Decision reject(TenantId tenantId, RequestId requestId, Instant at) {
        Optional<JoinRequest> found = findRequest(tenantId, requestId);
        if (found.isEmpty()) {
            return Decision.NOT_FOUND;
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(decide(tenantId, found.get(), RequestStatus.REJECTED, at)));
            return Decision.REJECTED;
        } catch (TransactionCanceledException e) {
            return Decision.ALREADY_DECIDED;
        }
    }

    private TransactWriteItem decide(TenantId tenantId, JoinRequest request, RequestStatus status, Instant at) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(MainTableKeys.request(tenantId, request.requestId()))
                .updateExpression("SET #st = :st, gsi1sk = :sk, decidedAt = :at")
                .conditionExpression("#st = :pending")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":st", s(status.wireName()), ":pending", s(RequestStatus.PENDING.wireName()),
                        ":sk", s(MainTableKeys.requestsIndexSort(status.wireName(), request.createdAt(), request.requestId())),
                        ":at", n(at.getEpochSecond())))
                .build()).build();
    }

    /**
     * What stays of an erased request: its ids and {@code status=removed}, so that its
     * statusUrl answers removed instead of naming the entry or going blank — no memberRef,
     * no fact, off the group's index — until every statusUrl of it has expired.
     */
    static Map<String, AttributeValue> erased(Map<String, AttributeValue> request, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", request.get("pk"));
        item.put("sk", request.get("sk"));
        item.put("requestId", request.get("requestId"));
        item.put("groupId", request.get("groupId"));
        item.put("createdAt", request.getOrDefault("createdAt", n(now.getEpochSecond())));
        item.put("status", s(RequestStatus.REMOVED.wireName()));
        item.put("ttl", n(now.getEpochSecond() + RequestStatusTokens.VALIDITY_SECONDS));
        return item;
    }

    private static JoinRequest toRequest(Map<String, AttributeValue> item) {
        return new JoinRequest(StoredValues.id(item, "requestId", RequestId::parse),
                StoredValues.id(item, "groupId", GroupId::parse), Attr.str(item, "memberRef"),
                Attr.num(item, "createdAt", 0),
                StoredValues.oneOf("status", Attr.str(item, "status"), RequestStatus.values(), RequestStatus::wireName),
                LiveCodeId.parse(Attr.str(Attr.mapOf(item, "pendingFact"), "liveCodeId")).orElse(null));
    }
}
