package com.groupgate.join;

import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.aws.BatchReads;
import com.groupgate.id.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Removes one memberRef from a tenant's groups: its memberships (each freeing its seat,
 * as a removal does), its join requests whatever their status, and the records of it on
 * the tickets that admitted it or filed its requests. Memberships are found
 * by one batch read per 100 groups; requests by one query of each group's requests index,
 * filtered to the ref. Safe to repeat: what is gone is not found again.
 */
public final class MemberErasure {
    private static final int BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final MemberTable members;

    public MemberErasure(DynamoDbClient dynamo, String table, MemberTable members) {
        this.dynamo = dynamo;
        this.table = table;
        this.members = members;
    }

    /** What an erasure removed in the groups it was given. */
    public record Erased(int memberships, int requests) {
        public Erased plus(Erased other) {
            return new Erased(memberships + other.memberships, requests + other.requests);
        }
    }

    /** Erases {@code memberRef} from {@code groupIds} (one page of the tenant's groups, at most 100). */
    public Erased erase(Id tenantId, List<Id> groupIds, String memberRef) {
        if (groupIds.size() > BATCH) {
            throw new IllegalArgumentException("at most " + BATCH + " groups at a time, was " + groupIds.size());
        }
        if (groupIds.isEmpty()) {
            return new Erased(0, 0);
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        groupIds.forEach(g -> keys.add(JoinKeys.member(tenantId, g, memberRef)));
        int memberships = 0;
        for (Map<String, AttributeValue> found : BatchReads.getAll(dynamo, table, KeysAndAttributes.builder()
                .keys(keys).consistentRead(true).projectionExpression("pk, " + JoinKeys.TICKET_ID).build())) {
            String partition = Attr.str(found, "pk");
            Id groupId = Id.parse(partition.substring(partition.lastIndexOf('#') + 1)).orElseThrow();
            if (members.remove(tenantId, groupId, memberRef)) {
                memberships++;
            }
            forgetTicket(found);
        }
        int requests = 0;
        for (Id groupId : groupIds) {
            requests += eraseRequests(tenantId, groupId, memberRef);
        }
        return new Erased(memberships, requests);
    }

    /** Deletes the item of the ticket that admitted a member or filed a request: it records the memberRef. */
    private void forgetTicket(Map<String, AttributeValue> memberOrRequest) {
        Id.parse(Attr.str(memberOrRequest, JoinKeys.TICKET_ID)).ifPresent(ticket ->
                dynamo.deleteItem(d -> d.tableName(table).key(JoinKeys.ticket(ticket))));
    }

    private int eraseRequests(Id tenantId, Id groupId, String memberRef) {
        int erased = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).indexName("gsi1")
                    .keyConditionExpression("gsi1pk = :pk").filterExpression("memberRef = :ref")
                    .expressionAttributeValues(Map.of(":pk", s(JoinKeys.requestsIndex(tenantId, groupId)),
                            ":ref", s(memberRef)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> request : page.items()) {
                dynamo.deleteItem(d -> d.tableName(table).key(Map.of("pk", request.get("pk"), "sk", request.get("sk"))));
                forgetTicket(request);
                erased++;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return erased;
    }
}
