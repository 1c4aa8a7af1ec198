package com.groupgate.join;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.group.GroupTable;
import com.groupgate.id.Id;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Members, join requests and passcode tries.
 *
 * <p>A join is one transaction: put the member item {@code pk=T#<t>#G#<g>, sk=MEMBER#<ref>}
 * unless it exists, and raise the group's {@code members} only while it is below
 * {@code capacity}. Both conditions hold atomically, so members never exceed capacity
 * under any concurrency, and the same memberRef joining twice counts once. The member
 * item carries the join fact for the stream.
 */
public final class MembershipTable {
    /** Attempts of a join or approval whose transaction lost a race (TransactionConflict). */
    private static final int CONFLICT_RETRIES = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public MembershipTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public enum JoinResult { JOINED, ALREADY_MEMBER, GROUP_FULL }

    public enum Decision { JOINED, REJECTED, ALREADY_DECIDED, GROUP_FULL, NOT_FOUND }

    public record JoinRequest(Id requestId, Id groupId, String memberRef, long createdAt, String status) {
    }

    public JoinResult join(Id tenantId, Id groupId, String memberRef, Map<String, AttributeValue> fact, Instant at) {
        return join(tenantId, groupId, memberRef, fact, at, Long.MAX_VALUE);
    }

    /**
     * A join that also stops at {@code seatLimit} members, for live codes whose pool moves
     * on after {@code switchAfterJoins}: the group counts as full there.
     */
    public JoinResult join(Id tenantId, Id groupId, String memberRef, Map<String, AttributeValue> fact, Instant at,
                           long seatLimit) {
        List<TransactWriteItem> items = List.of(putMember(tenantId, groupId, memberRef, fact, at),
                raiseMembers(tenantId, groupId, seatLimit));
        try {
            transact(items);
            return JoinResult.JOINED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                return JoinResult.ALREADY_MEMBER;
            }
            if (failed(reasons, 1)) {
                return JoinResult.GROUP_FULL;
            }
            throw e;
        }
    }

    /**
     * One transaction, tried again when it only lost a race: joins and approvals racing
     * for one group's item are cancelled with TransactionConflict on AWS, having written
     * nothing. Any other cancellation (a condition that failed) is the caller's to read.
     */
    private void transact(List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return;
            } catch (TransactionCanceledException e) {
                if (attempt >= CONFLICT_RETRIES || !conflicted(e.cancellationReasons())
                        || e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                    throw e;
                }
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(5_000_000L << attempt));
            }
        }
    }

    private static boolean conflicted(List<CancellationReason> reasons) {
        return reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    private TransactWriteItem putMember(Id tenantId, Id groupId, String memberRef, Map<String, AttributeValue> fact,
                                        Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(membersPk(tenantId, groupId)));
        item.put("sk", s("MEMBER#" + memberRef));
        item.put("memberRef", s(memberRef));
        item.put("joinedAt", n(at.getEpochSecond()));
        item.put("fact", Attr.map(fact));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private TransactWriteItem raiseMembers(Id tenantId, Id groupId) {
        return raiseMembers(tenantId, groupId, Long.MAX_VALUE);
    }

    private TransactWriteItem raiseMembers(Id tenantId, Id groupId, long seatLimit) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(GroupTable.key(tenantId, groupId))
                .updateExpression("SET #members = #members + :one")
                // CAPACITY is a DynamoDB reserved word: bare, the whole transaction is a ValidationException.
                .conditionExpression(seatLimit == Long.MAX_VALUE ? "attribute_exists(pk) AND #members < #capacity"
                        : "attribute_exists(pk) AND #members < #capacity AND #members < :limit")
                .expressionAttributeNames(Map.of("#members", "members", "#capacity", "capacity"))
                .expressionAttributeValues(seatLimit == Long.MAX_VALUE ? Map.of(":one", n(1))
                        : Map.of(":one", n(1), ":limit", n(seatLimit))).build()).build();
    }

    public boolean isMember(Id tenantId, Id groupId, String memberRef) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("pk", s(membersPk(tenantId, groupId)), "sk", s("MEMBER#" + memberRef)))).item();
        return item != null && !item.isEmpty();
    }

    /**
     * Files a pending request; the join fact waits in it until approval. The request is
     * indexed by group and status ({@code gsi1}) for the tenant's pending list.
     */
    public Id request(Id tenantId, Id groupId, String memberRef, Map<String, AttributeValue> fact, Instant at) {
        Id requestId = Id.random();
        Map<String, AttributeValue> item = new HashMap<>(requestKey(tenantId, requestId));
        item.put("requestId", s(requestId.toString()));
        item.put("groupId", s(groupId.toString()));
        item.put("memberRef", s(memberRef));
        item.put("status", s("pending"));
        item.put("createdAt", n(at.getEpochSecond()));
        item.put("pendingFact", Attr.map(fact));
        item.put("gsi1pk", s(requestsIndex(tenantId, groupId)));
        item.put("gsi1sk", s("pending#" + at.getEpochSecond() + "#" + requestId));
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        return requestId;
    }

    public List<JoinRequest> requests(Id tenantId, Id groupId, String status) {
        List<JoinRequest> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).indexName("gsi1")
                    .keyConditionExpression("gsi1pk = :pk AND begins_with(gsi1sk, :st)")
                    .expressionAttributeValues(Map.of(":pk", s(requestsIndex(tenantId, groupId)), ":st", s(status + "#")))
                    .exclusiveStartKey(from));
            page.items().forEach(i -> out.add(toRequest(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    public Optional<JoinRequest> findRequest(Id tenantId, Id requestId) {
        return findRequestItem(tenantId, requestId).map(MembershipTable::toRequest);
    }

    private Optional<Map<String, AttributeValue>> findRequestItem(Id tenantId, Id requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(requestKey(tenantId, requestId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * Approves a pending request: decides it and adds the member in one transaction that
     * also respects capacity, so approvals racing scans' joins never overfill the group.
     */
    public Decision approve(Id tenantId, Id requestId, Instant at) {
        Optional<Map<String, AttributeValue>> found = findRequestItem(tenantId, requestId);
        if (found.isEmpty()) {
            return Decision.NOT_FOUND;
        }
        JoinRequest request = toRequest(found.get());
        Map<String, AttributeValue> fact = new HashMap<>(Attr.mapOf(found.get(), "pendingFact"));
        fact.put("at", n(at.toEpochMilli()));
        TransactWriteItem decide = decide(tenantId, request, "joined", at);
        try {
            transact(List.of(decide, putMember(tenantId, request.groupId(), request.memberRef(), fact, at),
                    raiseMembers(tenantId, request.groupId())));
            return Decision.JOINED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                // A retried transaction (the SDK retries after a timeout) whose first try
                // went through must still answer joined, not a conflict.
                return findRequest(tenantId, requestId).filter(r -> "joined".equals(r.status())).isPresent()
                        ? Decision.JOINED : Decision.ALREADY_DECIDED;
            }
            if (failed(reasons, 1)) {
                // Joined meanwhile through a scan: the request is satisfied without a second seat.
                try {
                    dynamo.transactWriteItems(t -> t.transactItems(decide));
                } catch (TransactionCanceledException raced) {
                    return Decision.ALREADY_DECIDED;
                }
                return Decision.JOINED;
            }
            if (failed(reasons, 2)) {
                return Decision.GROUP_FULL;
            }
            throw e;
        }
    }

    public Decision reject(Id tenantId, Id requestId, Instant at) {
        Optional<JoinRequest> found = findRequest(tenantId, requestId);
        if (found.isEmpty()) {
            return Decision.NOT_FOUND;
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(decide(tenantId, found.get(), "rejected", at)));
            return Decision.REJECTED;
        } catch (TransactionCanceledException e) {
            return Decision.ALREADY_DECIDED;
        }
    }

    private TransactWriteItem decide(Id tenantId, JoinRequest request, String status, Instant at) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(requestKey(tenantId, request.requestId()))
                .updateExpression("SET #st = :st, gsi1sk = :sk, decidedAt = :at")
                .conditionExpression("#st = :pending")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":st", s(status), ":pending", s("pending"),
                        ":sk", s(status + "#" + request.createdAt() + "#" + request.requestId()),
                        ":at", n(at.getEpochSecond())))
                .build()).build();
    }

    /**
     * Claims one passcode try on a ticket before its passcode is judged: the tries used
     * including this one, or empty when the ticket has used all {@code maxTries}. The claim
     * is one conditional increment, so concurrent guesses cannot have more than
     * {@code maxTries} judged between them (reading the count first and adding wrong tries
     * afterwards let every guess in flight pass the check).
     */
    public OptionalInt claimPasscodeTry(Id ticketId, long ticketExpiresAt, int maxTries) {
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(u -> u.tableName(table)
                    .key(ticketKey(ticketId))
                    .updateExpression("ADD #tries :one SET #ttl = :ttl")
                    .conditionExpression("attribute_not_exists(#tries) OR #tries < :max")
                    .expressionAttributeNames(Map.of("#tries", "tries", "#ttl", "ttl"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":max", n(maxTries),
                            ":ttl", n(ticketExpiresAt + 3600)))
                    .returnValues("UPDATED_NEW")).attributes();
            return OptionalInt.of((int) Attr.num(after, "tries", 0));
        } catch (ConditionalCheckFailedException locked) {
            return OptionalInt.empty();
        }
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static JoinRequest toRequest(Map<String, AttributeValue> item) {
        return new JoinRequest(Id.parse(Attr.str(item, "requestId")).orElseThrow(),
                Id.parse(Attr.str(item, "groupId")).orElseThrow(), Attr.str(item, "memberRef"),
                Attr.num(item, "createdAt", 0), Attr.str(item, "status"));
    }

    private static String membersPk(Id tenantId, Id groupId) {
        return "T#" + tenantId + "#G#" + groupId;
    }

    private static String requestsIndex(Id tenantId, Id groupId) {
        return "T#" + tenantId + "#G#" + groupId + "#REQ";
    }

    private static Map<String, AttributeValue> requestKey(Id tenantId, Id requestId) {
        return Map.of("pk", s("T#" + tenantId + "#REQ#" + requestId), "sk", s("REQ"));
    }

    private static Map<String, AttributeValue> ticketKey(Id ticketId) {
        return Map.of("pk", s("TICKET#" + ticketId), "sk", s("TICKET"));
    }

}
