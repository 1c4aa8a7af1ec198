package com.groupgate.scan;

import com.groupgate.entry.Entry;
import com.groupgate.error.RefusalException;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.join.JoinRequestTable;
import com.groupgate.storage.join.MemberTable;
import com.groupgate.storage.live.LiveCodeTable;
import com.groupgate.token.KeyRing;
import com.groupgate.token.RequestStatusTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /R/{token}}: the status of one join request, for whoever holds its statusUrl —
 * pending, approved or rejected, and once approved the group's entry — while the member is
 * one: approved shows the entry only after a consistent read finds the member item, so once
 * the member is removed or erased the link answers {@code removed} without it. The token is
 * signed (no lookup to forge against); a token that does not verify, has expired or names a
 * request that is gone is 404, all alike. A member approved into a group that runs an
 * active referral campaign finds their personal invite there too, as a joiner finds it in
 * the join's answer (issued once; the same invite on every read); so does one approved
 * through a live code running a campaign (the request's pending fact names the live code).
 */
final class RequestStatusService {
    private final SigningKeyTable keys;
    private final JoinRequestTable requests;
    private final MemberTable members;
    private final GroupTable groups;
    private final ScanService scans;
    private final CampaignInvites invites;
    private final LiveCodeTable liveCodes;
    private final Clock clock;

    RequestStatusService(SigningKeyTable keys, JoinRequestTable requests, MemberTable members, GroupTable groups,
                         ScanService scans, CampaignInvites invites, LiveCodeTable liveCodes, Clock clock) {
        this.liveCodes = liveCodes;
        this.keys = keys;
        this.requests = requests;
        this.members = members;
        this.groups = groups;
        this.scans = scans;
        this.invites = invites;
        this.clock = clock;
    }

    /**
     * What a statusUrl shows.
     *
     * @param status       {@code pending}, {@code approved}, {@code rejected} or {@code removed}
     * @param entry        the group's entry once approved, while it works; otherwise null
     * @param entryExpired approved, but the group's entry has expired since
     * @param invite       approved into a group running an active campaign: the member's invite; otherwise null
     */
    record Status(String status, Entry entry, boolean entryExpired, Invitation invite) {
        Status(String status, Entry entry, boolean entryExpired) {
            this(status, entry, entryExpired, null);
        }
    }

    /** A member removed (or erased) since approval: the link shows no entry any more. */
    private static final Status REMOVED = new Status("removed", null, false);

    /** The token of a statusUrl for a request just filed. */
    String issue(TenantId tenantId, RequestId requestId) {
        KeyRing ring = keys.verifyingRing().orElseThrow(RefusalException::notFound);
        return RequestStatusTokens.issue(scans.ticketRing(ring), tenantId.id(), requestId.id(), clock.instant().getEpochSecond());
    }

    /** @param read the status link's GET: its token, and the viewer an approved member's invite records */
    Status status(ScanService.Scan read) {
        Instant now = clock.instant();
        KeyRing ring = keys.verifyingRing().orElseThrow(RefusalException::notFound);
        RequestStatusTokens.RequestRef ref = RequestStatusTokens.verify(ring, read.token(), now.getEpochSecond())
                .orElseThrow(RefusalException::notFound);
        JoinRequestTable.JoinRequest request = requests.statusOf(ref.tenant(), ref.request())
                .orElseThrow(RefusalException::notFound);
        return switch (request.status()) {
            case PENDING -> new Status("pending", null, false);
            case JOINED -> members.isMember(ref.tenant(), request.groupId(), request.memberRef())
                    ? approved(ref.tenant(), request, ring, read, now) : REMOVED;
            case REMOVED -> REMOVED;
            case REJECTED -> new Status("rejected", null, false);
        };
    }

    private Status approved(TenantId tenantId, JoinRequestTable.JoinRequest request, KeyRing ring,
                            ScanService.Scan read, Instant now) {
        GroupId groupId = request.groupId();
        // A group the operator blocked reveals no way in, even to members approved before the block.
        Optional<GroupTable.Marked> open = groups.findMarked(tenantId, groupId).filter(m -> !m.group().blocked());
        Optional<Entry> entry = open.map(m -> m.group().entry());
        CampaignId mark = open.map(GroupTable.Marked::campaignId).orElse(null);
        if (mark == null && open.isPresent() && request.liveCodeId() != null) {
            // Filed through a live code: its campaign, if it runs one, invites the member too.
            mark = liveCodes.findMarked(tenantId, request.liveCodeId()).map(LiveCodeTable.Marked::campaignId).orElse(null);
        }
        Invitation invite = mark == null ? null : invites.invitation(scans.ticketRing(ring), tenantId, mark,
                request.memberRef(), groupId, scans.origin(ring, read, now), now).orElse(null);
        if (entry.isEmpty()) {
            return new Status("approved", null, false, invite);
        }
        boolean expired = entry.get().expiredAt(now);
        return new Status("approved", expired ? null : entry.get(), expired, invite);
    }
}
