package com.groupgate.storage.join;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.token.JoinTicket;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * One join or join request as the join path asks for it, with what it must find still
 * true when it is written: the ticket not used by anyone else, the code it came through
 * not revoked (a group code) or still active (a live code), the group not archived.
 *
 * @param seatLimit    members past which the group counts as full here (a live code's
 *                     {@code switchAfterJoins}); {@link Long#MAX_VALUE} for the capacity only
 * @param approvalFrom members from which joins need approval ({@code verifyAbove});
 *                     {@link Long#MAX_VALUE} for never
 * @param campaignId   the referral campaign whose personal invite was scanned (then the
 *                     campaign, not a code, is what must still take joins); null for a code
 * @param creditRecord the durable record of the inviter's credit, written by the join's own
 *                     transaction ({@code CreditTable.joined}); null when there is none
 */
public record JoinAttempt(JoinTicket ticket, String memberRef, RecordedFact fact, long seatLimit, long approvalFrom,
                          CampaignId campaignId, TransactWriteItem creditRecord) {
    /** A join through a personal invite without a credit record, or through a code ({@code campaignId} null). */
    public JoinAttempt(JoinTicket ticket, String memberRef, RecordedFact fact, long seatLimit, long approvalFrom,
                       CampaignId campaignId) {
        this(ticket, memberRef, fact, seatLimit, approvalFrom, campaignId, null);
    }

    /** The same attempt, its credit record left out. */
    public JoinAttempt withoutCreditRecord() {
        return new JoinAttempt(ticket, memberRef, fact, seatLimit, approvalFrom, campaignId, null);
    }

    /** A join through a group code or a live code. */
    public JoinAttempt(JoinTicket ticket, String memberRef, RecordedFact fact, long seatLimit, long approvalFrom) {
        this(ticket, memberRef, fact, seatLimit, approvalFrom, (CampaignId) null);
    }

    public JoinAttempt {
        Objects.requireNonNull(ticket, "ticket");
        if (memberRef == null || memberRef.isBlank()) {
            throw new IllegalArgumentException("memberRef: required");
        }
        Objects.requireNonNull(fact, "fact");
    }

    public TenantId tenantId() {
        return ticket.tenant();
    }

    /** The group joined: for a live code, the pool group the fact names. */
    public GroupId groupId() {
        return GroupId.parse(fact.groupId()).orElse(ticket.group());
    }
}
