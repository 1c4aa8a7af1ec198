package com.groupgate.storage.join;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import com.groupgate.fact.FactCodec;
import com.groupgate.group.GroupStatus;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.id.TicketId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.block.BlockTable;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.webhook.ChangeEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A group's members. A join is one transaction:
 *
 * <ol start="0">
 * <li>the ticket admits this member only: its first use records the memberRef, and the
 *     same ticket with the same memberRef again is the same join (idempotent);
 * <li>the member item {@code pk=T#<t>#G#<g>, sk=MEMBER#<ref>}, unless it exists (the same
 *     memberRef counts once), carrying the join fact for the stream;
 * <li>the group's {@code members} raised only while below its capacity, the seat limit and
 *     {@code verifyAbove}, and only while the group is not archived;
 * <li>the code the ticket came through still takes joins ({@link Guards}).
 * </ol>
 *
 * All hold atomically: members never exceed capacity under any concurrency, a ticket admits
 * one member, and a revoked code or archived group admits no one.
 *
 * <p>A removal ends the ticket that admitted the member ({@code endedAt} on its item, in the
 * removal's own transaction): the ticket's idempotent retry is over, so within its ten
 * minutes it cannot put the member back, passcode or not. A join claims only a ticket
 * without {@code endedAt}, so a removal racing a retry is ordered: the retry before it is
 * the same join (already a member), the retry after it is {@code ticket_used}.
 */
public final class MemberTable {
    /** The attribute of a member or request item naming the ticket whose item records its memberRef. */
    static final String TICKET_ID = "ticketId";
    /** On a ticket's item: the time its use ended (its member removed or erased); it admits no one after. */
    static final String ENDED_AT = "endedAt";
    /** On a member item about to be erased: the keyed hash that events name it by instead of its ref. */
    public static final String ERASED_AS = ChangeEvents.ERASED_AS;
    /** Tries of a removal whose member item changed between its read and its transaction. */
    private static final int REMOVE_TRIES = 3;

    private final DynamoDbClient dynamo;
    private final String table;

    public MemberTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** What a join came to. */
    public enum JoinResult {
        JOINED,
        /** The member was in already: the same join again, or another ticket of the same memberRef. */
        ALREADY_MEMBER,
        GROUP_FULL,
        /** The group has {@code verifyAbove} members: this join must be a request. */
        NEEDS_APPROVAL,
        /** The ticket admitted another memberRef before. */
        TICKET_USED,
        CODE_REVOKED,
        GROUP_ARCHIVED,
        /** The operator blocked the group. */
        GROUP_BLOCKED
    }

    public JoinResult join(JoinAttempt a) {
        long limit = Math.min(a.seatLimit(), a.approvalFrom());
        List<TransactWriteItem> items = new ArrayList<>(List.of(claimTicket(a), putMember(a.tenantId(), a.groupId(),
                a.memberRef(), a.fact(), a.ticket().id()), raiseMembers(a.tenantId(), a.groupId(), limit),
                Guards.code(table, a)));
        if (a.creditRecord() != null) {
            items.add(a.creditRecord());
        }
        try {
            Transactions.write(dynamo, items);
            return JoinResult.JOINED;
        } catch (TransactionCanceledException e) {
            if (Transactions.failed(e, 0)) {
                return JoinResult.TICKET_USED;
            }
            if (Transactions.failed(e, 1)) {
                return JoinResult.ALREADY_MEMBER;
            }
            if (Transactions.failed(e, 3)) {
                return JoinResult.CODE_REVOKED;
            }
            if (Transactions.failed(e, 2)) {
                return whyNoSeat(Transactions.old(e, 2), a.seatLimit());
            }
            if (a.creditRecord() != null && Transactions.failed(e, 4)) {
                // The invitee has a credit in this campaign already (an earlier join): the join alone.
                return join(a.withoutCreditRecord());
            }
            throw e;
        }
    }

    /** The group item as it refused a seat: archived, full (capacity or seat limit), or past verifyAbove. */
    private static JoinResult whyNoSeat(Map<String, AttributeValue> group, long seatLimit) {
        if (group.isEmpty()) {
            return JoinResult.GROUP_FULL;
        }
        if (group.containsKey(BlockTable.REASON)) {
            return JoinResult.GROUP_BLOCKED;
        }
        if (GroupTable.archived(group)) {
            return JoinResult.GROUP_ARCHIVED;
        }
        long members = Attr.num(group, "members", 0);
        if (members >= Attr.num(group, "capacity", 0) || members >= seatLimit) {
            return JoinResult.GROUP_FULL;
        }
        return JoinResult.NEEDS_APPROVAL;
    }

    /** The ticket's first use records its memberRef; a use with another memberRef fails. */
    private TransactWriteItem claimTicket(JoinAttempt a) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(MainTableKeys.ticket(a.ticket().id()))
                .updateExpression("SET memberRef = :ref, #ttl = :ttl")
                .conditionExpression("attribute_not_exists(" + ENDED_AT + ") AND (attribute_not_exists(memberRef)"
                        + " OR memberRef = :ref)")
                .expressionAttributeNames(Map.of("#ttl", "ttl"))
                .expressionAttributeValues(Map.of(":ref", s(a.memberRef()),
                        ":ttl", n(a.ticket().expiresAtEpochSecond() + 3600)))
                .build()).build();
    }

    /**
     * The member item; {@code ticketId}, the ticket that admitted it (or filed its request),
     * so that an erasure finds the ticket's record of the memberRef too.
     */
    TransactWriteItem putMember(TenantId tenantId, GroupId groupId, String memberRef, RecordedFact fact, TicketId ticketId) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.member(tenantId, groupId, memberRef));
        item.put("memberRef", s(memberRef));
        if (ticketId != null) {
            item.put(MemberTable.TICKET_ID, s(ticketId.toString()));
        }
        item.put("joinedAt", n(fact.at().getEpochSecond()));
        item.put("fact", Attr.map(FactCodec.encode(fact)));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Raises the group's members while below capacity and {@code limit}, and not archived. */
    TransactWriteItem raiseMembers(TenantId tenantId, GroupId groupId, long limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1), ":active", s(GroupStatus.ACTIVE.wireName())));
        // CAPACITY is a DynamoDB reserved word: bare, the whole transaction is a ValidationException.
        // A blocked group takes no one, whatever a container remembers of it.
        String condition = "attribute_exists(pk) AND #members < #capacity"
                + " AND (attribute_not_exists(#st) OR #st = :active) AND attribute_not_exists(#block)";
        if (limit != Long.MAX_VALUE) {
            values.put(":limit", n(limit));
            condition += " AND #members < :limit";
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(MainTableKeys.group(tenantId, groupId))
                .updateExpression("SET #members = #members + :one")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#members", "members", "#capacity", "capacity", "#st", "status",
                        "#block", BlockTable.REASON))
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    /**
     * How a ticket was used so far: the memberRef it admitted or filed a request for (null
     * while unused, and once its use ended), whether that was a request, and whether its use
     * has ended (its member was removed or erased). One consistent read.
     */
    public record TicketUse(String memberRef, boolean filedRequest, boolean ended) {
        /** Whether this ticket can no longer admit {@code memberRef}: ended, or used by another ref. */
        public boolean refuses(String ref) {
            return ended || memberRef != null && !memberRef.equals(ref);
        }

        /**
         * Whether this ticket admitted {@code ref} already (a retry of that join). A ticket
         * that only filed a request admitted no one: its join still needs the passcode.
         */
        public boolean admitted(String ref) {
            return !ended && !filedRequest && ref.equals(memberRef);
        }
    }

    public TicketUse ticketUse(TicketId ticketId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.ticket(ticketId))).item();
        if (item == null || item.isEmpty()) {
            return new TicketUse(null, false, false);
        }
        return new TicketUse(Attr.str(item, "memberRef"), item.containsKey("requestId"), item.containsKey(ENDED_AT));
    }

    /** A member as listed. */
    public record Member(String memberRef, long joinedAt) {
    }

    public record Page(List<Member> items, String nextCursor) {
    }

    /** One page of a group's members in memberRef order: one query, at most {@code limit} items. */
    public Page members(TenantId tenantId, GroupId groupId, int limit, String afterMemberRef) {
        String pk = MainTableKeys.membersPartition(tenantId, groupId);
        Map<String, AttributeValue> start = afterMemberRef == null ? null
                : MainTableKeys.member(tenantId, groupId, afterMemberRef);
        var page = dynamo.query(q -> q.tableName(table).limit(limit)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :m)")
                .expressionAttributeValues(Map.of(":pk", s(pk), ":m", s(MainTableKeys.MEMBER_PREFIX)))
                .exclusiveStartKey(start));
        List<Member> items = page.items().stream()
                .map(i -> new Member(Attr.str(i, "memberRef"), Attr.num(i, "joinedAt", 0))).toList();
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !items.isEmpty()
                ? items.get(items.size() - 1).memberRef() : null;
        return new Page(items, next);
    }

    /**
     * Removes a member and frees its seat in one transaction: the member item must exist
     * and the count goes down with it, so racing removals and joins keep the count equal
     * to the members listed. The same transaction ends the ticket that admitted the member,
     * so its retry cannot put it back. False when it was not a member.
     */
    public boolean remove(TenantId tenantId, GroupId groupId, String memberRef, Instant now) {
        Map<String, AttributeValue> key = MainTableKeys.member(tenantId, groupId, memberRef);
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> member = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(key)
                    .projectionExpression("pk, " + MemberTable.TICKET_ID)).item();
            if (member == null || member.isEmpty()) {
                return false;
            }
            String ticket = Attr.str(member, MemberTable.TICKET_ID);
            // The ticket read is the one ended: the member item must still name it as the transaction runs.
            TransactWriteItem delete = TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)
                    .conditionExpression(ticket == null ? "attribute_exists(pk) AND attribute_not_exists(#tid)"
                            : "attribute_exists(pk) AND #tid = :tid")
                    .expressionAttributeNames(Map.of("#tid", MemberTable.TICKET_ID))
                    .expressionAttributeValues(ticket == null ? null : Map.of(":tid", s(ticket)))).build();
            TransactWriteItem free = TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(MainTableKeys.group(tenantId, groupId))
                    .updateExpression("SET #members = #members - :one")
                    .conditionExpression("#members > :zero")
                    .expressionAttributeNames(Map.of("#members", "members"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":zero", n(0))).build()).build();
            List<TransactWriteItem> items = new ArrayList<>(List.of(delete, free));
            TicketId.parse(ticket).ifPresent(t -> items.add(endTicket(t, now)));
            try {
                Transactions.write(dynamo, items);
                return true;
            } catch (TransactionCanceledException e) {
                if (!Transactions.failed(e, 0) || attempt >= REMOVE_TRIES) {
                    throw e;
                }
                // Gone meanwhile (the next read says so), or admitted again by another ticket: read again.
            }
        }
    }

    /**
     * Ends a ticket's use: it admits no one from now on, so it no longer needs to know whom
     * it admitted, and forgets the memberRef (nothing of a removed member stays on it for an
     * erasure to miss). The item may be gone (its TTL passed): then the ticket has expired
     * and admits no one anyway, and the item made here expires an hour from now.
     */
    TransactWriteItem endTicket(TicketId ticketId, Instant now) {
        String update = "SET #ended = if_not_exists(#ended, :now), #ttl = if_not_exists(#ttl, :ttl)"
                + " REMOVE memberRef, requestId";
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(MainTableKeys.ticket(ticketId))
                .updateExpression(update)
                .expressionAttributeNames(Map.of("#ended", ENDED_AT, "#ttl", "ttl"))
                .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()),
                        ":ttl", n(now.getEpochSecond() + 3600)))
                .build()).build();
    }

    public boolean isMember(TenantId tenantId, GroupId groupId, String memberRef) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.member(tenantId, groupId, memberRef))).item();
        return item != null && !item.isEmpty();
    }
}
