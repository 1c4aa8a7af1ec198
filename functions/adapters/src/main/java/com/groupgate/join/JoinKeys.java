package com.groupgate.join;

import static com.groupgate.aws.Attr.s;

import com.groupgate.id.Id;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The keys of every item the join path reads and writes, built in this one place. */
final class JoinKeys {
    private JoinKeys() {
    }

    /** A group's member: {@code pk=T#<t>#G#<g>, sk=MEMBER#<ref>}. */
    static Map<String, AttributeValue> member(Id tenantId, Id groupId, String memberRef) {
        return key(membersPartition(tenantId, groupId), "MEMBER#" + memberRef);
    }

    static String membersPartition(Id tenantId, Id groupId) {
        return "T#" + tenantId + "#G#" + groupId;
    }

    /** A join request: {@code pk=T#<t>#REQ#<id>, sk=REQ}. */
    static Map<String, AttributeValue> request(Id tenantId, Id requestId) {
        return key("T#" + tenantId + "#REQ#" + requestId, "REQ");
    }

    /** A group's requests on gsi1, sorted by status, then creation. */
    static String requestsIndex(Id tenantId, Id groupId) {
        return "T#" + tenantId + "#G#" + groupId + "#REQ";
    }

    static String requestsIndexSort(String status, long createdAt, Id requestId) {
        return status + "#" + createdAt + "#" + requestId;
    }

    /** A join ticket's use: the member it admitted or the request it filed, and its passcode tries. */
    /** The attribute of a member or request item naming the ticket whose item records its memberRef. */
    static final String TICKET_ID = "ticketId";

    static Map<String, AttributeValue> ticket(Id ticketId) {
        return key("TICKET#" + ticketId, "TICKET");
    }

    /** Wrong-passcode budget of one client (its keyed address hash) for one hour. */
    static Map<String, AttributeValue> clientTries(String ipHash, long hour) {
        return key("PASSCODE#IP#" + ipHash + "#" + hour, "TRIES");
    }

    /** Wrong-passcode budget of one group for one hour, across all tickets and clients. */
    static Map<String, AttributeValue> groupTries(Id tenantId, Id groupId, long hour) {
        return key("T#" + tenantId + "#G#" + groupId + "#PASSCODE#" + hour, "TRIES");
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }
}
