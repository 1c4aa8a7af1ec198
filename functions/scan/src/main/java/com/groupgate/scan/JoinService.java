package com.groupgate.scan;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.Invites;
import com.groupgate.code.Channel;
import com.groupgate.code.GroupCode;
import com.groupgate.entry.Entry;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.join.JoinPolicy;
import com.groupgate.join.PasscodeAttempts;
import com.groupgate.join.Totp;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.live.LiveCode;
import com.groupgate.live.PoolRouting;
import com.groupgate.seal.SecretSeal;
import com.groupgate.storage.campaign.InviteTable;
import com.groupgate.storage.code.CodeCache;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.join.JoinAttempt;
import com.groupgate.storage.join.JoinRequestTable;
import com.groupgate.storage.join.MemberTable;
import com.groupgate.storage.join.PasscodeTries;
import com.groupgate.storage.live.LiveCodeCache;
import com.groupgate.telemetry.Log;
import com.groupgate.token.CodeKind;
import com.groupgate.token.JoinTicket;
import com.groupgate.token.JoinTickets;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanToken;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TicketVerification;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code POST /S/{token}/join}: a join ticket from an accepted scan, then the group's
 * policy — open joins at once, approval files a request, passcode checks the owner's
 * current TOTP code — and {@code verifyAbove}, past which every join is a request.
 *
 * <p>A ticket admits one member or files one request: the join records the memberRef on
 * the ticket in its own transaction, so the same ticket with the same memberRef again is
 * the same join (the same answer), and with another memberRef is refused
 * {@code ticket_used}. The same transaction re-checks that the code was not revoked and the
 * group not archived since the scan. Removing (or erasing) the member ends the ticket:
 * from then on it admits no one, {@code ticket_used}, with or without a passcode.
 */
public final class JoinService {
    private final SigningKeyTable keys;
    private final CodeCache codes;
    private final GroupTable groups;
    private final LiveCodeCache live;
    private final MemberTable members;
    private final JoinRequestTable requests;
    private final PasscodeTries tries;
    private final ScanService scans;
    private final CampaignInvites invites;
    private final Clock clock;

    public JoinService(SigningKeyTable keys, CodeCache codes, GroupTable groups, LiveCodeCache live, MemberTable members,
                       JoinRequestTable requests, PasscodeTries tries, ScanService scans, CampaignInvites invites,
                       Clock clock) {
        this.keys = keys;
        this.codes = codes;
        this.groups = groups;
        this.live = live;
        this.members = members;
        this.requests = requests;
        this.tries = tries;
        this.scans = scans;
        this.invites = invites;
        this.clock = clock;
    }

    /** @param displayName the name for the joiner's poster (checked, {@link com.groupgate.campaign.DisplayName}), or null */
    public record Request(ScanService.Scan scan, String joinTicket, String passcode, String memberRef,
                          String displayName) {
        public Request(ScanService.Scan scan, String joinTicket, String passcode, String memberRef) {
            this(scan, joinTicket, passcode, memberRef, null);
        }
    }

    /**
     * Joined (with the welcome message, the group's entry, if it has one, and the joiner's
     * personal invite while the group runs a referral campaign) or pending (with the request,
     * whose status the joiner may follow). {@code newMember}: this join admitted the member
     * (not a member already, by this ticket or another).
     */
    public record Outcome(boolean joined, String welcomeMessage, Entry entry, TenantId tenantId, RequestId requestId,
                          boolean newMember, Invitation invite) {
        static Outcome joined(Group group) {
            return new Outcome(true, group.welcomeMessage(), group.entry(), group.tenantId(), null, true, null);
        }

        static Outcome alreadyMember(Group group) {
            return new Outcome(true, group.welcomeMessage(), group.entry(), group.tenantId(), null, false, null);
        }

        static Outcome pending(Group group, RequestId requestId) {
            return new Outcome(false, null, null, group.tenantId(), requestId, false, null);
        }

        Outcome withInvite(Invitation invitation) {
            return new Outcome(joined, welcomeMessage, entry, tenantId, requestId, newMember, invitation);
        }
    }

    /** What every join of one request shares. */
    private record Attempt(KeyRing ring, JoinTicket ticket, String passcode, String memberRef,
                           RecordedFact.Origin origin, Instant now, String displayName, Id inviteId) {
        /** The same attempt through the personal invite {@code id}: a request it files remembers the invite. */
        Attempt via(Id id) {
            return new Attempt(ring, ticket, passcode, memberRef, origin, now, displayName, id);
        }
    }

    public Outcome join(Request request) {
        Instant now = clock.instant();
        KeyRing ring = keys.verifyingRing().orElseThrow(RefusalException::notFound);
        ScanToken token = ScanService.verified(ring, request.scan().token(), now);
        JoinTicket ticket = ticket(ring, request.joinTicket(), now);
        if (!ticket.codeId().equals(token.codeId()) || !ticket.tenantId().equals(token.tenantId())) {
            throw RefusalException.notFound();
        }
        String memberRef = request.memberRef() != null ? request.memberRef() : "ticket:" + ticket.ticketId();
        Attempt attempt = new Attempt(ring, ticket, request.passcode(), memberRef,
                scans.origin(ring, request.scan(), now), now, request.displayName(), null);
        scans.refuseIfTenantBlocked(ticket.tenant());
        if (token.kind() == CodeKind.INVITE) {
            return joinThroughInvite(attempt, token);
        }
        if (ticket.liveCodeId() != null) {
            return joinThroughLiveCode(attempt);
        }
        GroupCode code = codes.get(ticket.tenant(), ticket.code()).orElseThrow(RefusalException::notFound);
        GroupTable.Marked marked = groups.findMarked(ticket.tenant(), ticket.group()).orElseThrow(RefusalException::notFound);
        Group group = marked.group();
        if (group.blocked()) {
            throw ScanService.blocked();
        }
        if (group.archived()) {
            throw archived();
        }
        if (group.entryExpiredAt(now)) {
            throw new RefusalException(Refusal.ENTRY_EXPIRED, Messages.EN.text("refusal.entry_expired"));
        }
        RecordedFact fact = RecordedFact.join(attempt.origin(), code.tenantId()).code(code.codeId())
                .group(group.groupId()).channel(code.channel()).label(code.label()).build();
        Outcome outcome = joinGroup(attempt, group, fact, Long.MAX_VALUE, null, null);
        if (outcome == null) {
            throw new RefusalException(Refusal.GROUP_FULL, Messages.EN.text("refusal.group_full"));
        }
        return withInvite(attempt, outcome, group.groupId(), marked.campaignId());
    }

    /**
     * A join through a member's personal invite: into the campaign's group, as a group
     * code's join, with the campaign (not a code) re-checked in the join's transaction. A
     * join that admits the member credits whoever invited them (once per member and
     * campaign); so does the same ticket's retry, which may follow a join whose credit was
     * not written.
     * The new member gets an invite of their own.
     */
    private Outcome joinThroughInvite(Attempt direct, ScanToken token) {
        Campaign campaign = invites.activeCampaign(token, direct.now());
        InviteTable.Invite invite = invites.invite(token);
        Attempt a = direct.via(invite.inviteId());
        if (campaign.target().liveCodeId() != null) {
            return joinThroughLiveCodeInvite(a, campaign, invite);
        }
        GroupId groupId = CampaignInvites.groupOf(campaign, invite);
        if (!groupId.equals(a.ticket().group())) {
            throw RefusalException.notFound();
        }
        Group group = groups.find(a.ticket().tenant(), groupId).orElseThrow(RefusalException::notFound);
        if (group.blocked()) {
            throw ScanService.blocked();
        }
        if (group.archived()) {
            throw archived();
        }
        if (group.entryExpiredAt(a.now())) {
            throw new RefusalException(Refusal.ENTRY_EXPIRED, Messages.EN.text("refusal.entry_expired"));
        }
        RecordedFact fact = RecordedFact.join(a.origin(), group.tenantId()).group(groupId)
                .channel(Invites.CHANNEL).build();
        Outcome outcome = joinGroup(a, group, fact, Long.MAX_VALUE, campaign.campaignId(),
                new Credit(campaign, invite));
        if (outcome == null) {
            throw new RefusalException(Refusal.GROUP_FULL, Messages.EN.text("refusal.group_full"));
        }
        creditInviter(a, outcome, campaign, invite, groupId);
        return withInvite(a, outcome, groupId, campaign.campaignId());
    }

    /**
     * A join that admitted the member (or the same ticket's retry, which may follow a join
     * whose credit was not written) credits whoever invited them, once per member and campaign.
     */
    private void creditInviter(Attempt a, Outcome outcome, Campaign campaign, InviteTable.Invite invite, GroupId groupId) {
        if (outcome.joined() && (outcome.newMember() || members.ticketUse(a.ticket().id()).admitted(a.memberRef()))) {
            invites.credit(campaign, invite, a.memberRef(), groupId, a.origin());
        }
    }

    /**
     * A join through an invite to a live code's campaign: routed as the live code routes
     * (the first open group of its pool with room, capacity-safe), with the campaign, not the
     * live code, re-checked in the join's transaction; credited as any invite's join.
     */
    private Outcome joinThroughLiveCodeInvite(Attempt a, Campaign campaign, InviteTable.Invite invite) {
        LiveCodeCache.Entry fresh = live.reload(a.ticket().tenant(), campaign.target().liveCodeId())
                .orElseThrow(RefusalException::notFound);
        if (!fresh.code().active()) {
            throw new RefusalException(Refusal.REVOKED, Messages.EN.text("refusal.revoked"));
        }
        try {
            Routed routed = joinFirstWithRoom(a, fresh.code(), fresh.groups(), Invites.CHANNEL, campaign.campaignId(),
                    new Credit(campaign, invite));
            creditInviter(a, routed.outcome(), campaign, invite, routed.groupId());
            return withInvite(a, routed.outcome(), routed.groupId(), campaign.campaignId());
        } finally {
            live.invalidate(fresh.code().tenantId(), fresh.code().liveCodeId());
        }
    }

    /** The joiner's own invite, when the group runs a campaign (its item is marked) that is active. */
    private Outcome withInvite(Attempt a, Outcome outcome, GroupId groupId, CampaignId mark) {
        if (!outcome.joined() || mark == null) {
            return outcome;
        }
        return invites.issue(scans.ticketRing(a.ring()), outcome.tenantId(), mark, a.memberRef(), a.displayName(),
                groupId, a.origin(), a.now()).map(outcome::withInvite).orElse(outcome);
    }

    /**
     * A live code's join goes to the first open group of the pool, as it stands now, with
     * room — the scanned group if it still has a seat, else the next; never a group removed
     * from the pool. Each try is the capacity-safe transaction, so racing joins fill each
     * group exactly to {@code min(capacity, switchAfterJoins)} and move on.
     */
    private Outcome joinThroughLiveCode(Attempt a) {
        LiveCodeCache.Entry fresh = live.reload(a.ticket().tenant(), a.ticket().liveCode())
                .orElseThrow(RefusalException::notFound);
        LiveCode code = fresh.code();
        if (!code.active()) {
            throw new RefusalException(Refusal.REVOKED, Messages.EN.text("refusal.revoked"));
        }
        try {
            Routed routed = joinFirstWithRoom(a, code, fresh.groups(), code.channel(), null, null);
            // A live code running a campaign hands its joiners their invite, as a marked group does.
            return withInvite(a, routed.outcome(), routed.groupId(), fresh.campaignId());
        } finally {
            // This container's next scans of the code see the seat this join took.
            live.invalidate(code.tenantId(), code.liveCodeId());
        }
    }

    /** A join through {@code invite}: the credit it owes the inviter. */
    private record Credit(Campaign campaign, InviteTable.Invite invite) {
    }

    /** A live code's join as it came out, and the pool group it went to. */
    private record Routed(Outcome outcome, GroupId groupId) {
    }

    /** {@code viaCampaign}: the live code's campaign whose invite was scanned, null for the live code itself. */
    private Routed joinFirstWithRoom(Attempt a, LiveCode code, List<Group> pool, Channel channel,
                                     CampaignId viaCampaign, Credit credit) {
        for (Group group : pool) {
            long limit = PoolRouting.limit(group.capacity(), code.switchAfterJoins());
            if (!group.openAt(a.now()) || group.members() >= limit) {
                continue;
            }
            RecordedFact fact = RecordedFact.join(a.origin(), code.tenantId()).group(group.groupId())
                    .liveCode(code.liveCodeId()).channel(channel).build();
            try {
                Outcome outcome = joinGroup(a, group, fact, limit, viaCampaign, credit);
                if (outcome != null) {
                    return new Routed(outcome, group.groupId());
                }
            } catch (RefusalException e) {
                if (e.refusal() != Refusal.ARCHIVED) {
                    throw e;
                }
                // Archived since the pool was read: the next group.
            }
        }
        throw new RefusalException(Refusal.GROUP_FULL, Messages.EN.text("refusal.group_full.pool"));
    }

    /**
     * Joins under the group's policy and verifyAbove; null when the group had no seat left.
     * {@code viaCampaign}: the campaign of the invite scanned, null for a code; {@code credit}:
     * the credit a join through that invite owes, recorded by the join's own transaction.
     */
    private Outcome joinGroup(Attempt a, Group group, RecordedFact fact, long seatLimit, CampaignId viaCampaign,
                              Credit credit) {
        JoinAttempt attempt = new JoinAttempt(a.ticket(), a.memberRef(), fact, seatLimit, group.approvalFrom(),
                viaCampaign, credit == null ? null
                        : invites.creditRecord(credit.campaign(), credit.invite(), a.memberRef(), group.groupId(), a.origin()));
        JoinPolicy policy = group.joinPolicy();
        if (policy == JoinPolicy.APPROVAL || group.members() >= group.approvalFrom()) {
            return fileRequest(attempt, a.inviteId(), group);
        }
        if (policy == JoinPolicy.PASSCODE) {
            MemberTable.TicketUse use = members.ticketUse(a.ticket().id());
            if (use.refuses(a.memberRef())) {
                // A dead ticket costs no passcode try, and says what it is.
                throw ticketUsed();
            }
            if (!use.admitted(a.memberRef())) {
                checkPasscode(a, group);
            }
        }
        return switch (members.join(attempt)) {
            case JOINED -> Outcome.joined(group);
            case ALREADY_MEMBER -> Outcome.alreadyMember(group);
            case GROUP_FULL -> null;
            case NEEDS_APPROVAL -> fileRequest(attempt, a.inviteId(), group);
            case TICKET_USED -> throw ticketUsed();
            case CODE_REVOKED -> throw new RefusalException(Refusal.REVOKED, Messages.EN.text("refusal.revoked"));
            case GROUP_ARCHIVED -> throw archived();
            case GROUP_BLOCKED -> throw ScanService.blocked();
        };
    }

    private Outcome fileRequest(JoinAttempt attempt, Id inviteId, Group group) {
        JoinRequestTable.Filing filing = requests.request(attempt, inviteId);
        return switch (filing.outcome()) {
            case FILED -> Outcome.pending(group, filing.requestId());
            case JOINED -> Outcome.joined(group);
            case TICKET_USED -> throw ticketUsed();
            case CODE_REVOKED -> throw new RefusalException(Refusal.REVOKED, Messages.EN.text("refusal.revoked"));
            case GROUP_ARCHIVED -> throw archived();
        };
    }

    private static JoinTicket ticket(KeyRing ring, String text, Instant now) {
        TicketVerification v = JoinTickets.verify(ring, text, now.getEpochSecond());
        if (v instanceof TicketVerification.Valid valid) {
            return valid.ticket();
        }
        if (v instanceof TicketVerification.Expired) {
            throw new RefusalException(Refusal.TICKET_EXPIRED, Messages.EN.text("refusal.ticket_expired"));
        }
        throw RefusalException.badField("joinTicket", "not a join ticket from a scan of this code");
    }

    /**
     * Every judged passcode first claims a try of the ticket, of the client and of the group
     * ({@link PasscodeAttempts}), right or wrong, so bursts of guesses cannot outrun the
     * budgets; a right passcode gives its client and group tries back. A missing passcode is
     * refused without using any.
     */
    private void checkPasscode(Attempt a, Group group) {
        if (a.passcode() == null) {
            throw new RefusalException(Refusal.BAD_PASSCODE, Messages.EN.text("refusal.bad_passcode"));
        }
        OptionalInt ticketTries = tries.claimTicketTry(a.ticket().id(), a.ticket().expiresAtEpochSecond(),
                PasscodeAttempts.MAX_WRONG_TRIES);
        if (ticketTries.isEmpty()) {
            throw new RefusalException(Refusal.BAD_PASSCODE, Messages.EN.text("refusal.bad_passcode.locked"));
        }
        String ipHash = a.origin().ipHash();
        if (ipHash != null && !tries.claimClientTry(ipHash, a.now())) {
            throw budgetSpent("client", group, a.now());
        }
        if (!tries.claimGroupTry(group.tenantId(), group.groupId(), a.now())) {
            throw budgetSpent("group", group, a.now());
        }
        byte[] sealed = group.sealedPasscode();
        int version = SecretSeal.version(sealed);
        SigningKey key = a.ring().keys().stream().filter(k -> k.version() == version).findFirst()
                .orElseThrow(() -> new IllegalStateException("passcode sealed under missing key " + version));
        byte[] secret = SecretSeal.open(sealed, key.secret());
        if (!Totp.withDigits(group.passcodeDigits()).verify(secret, a.passcode(), a.now().getEpochSecond())) {
            throw new RefusalException(Refusal.BAD_PASSCODE, PasscodeAttempts.locked(ticketTries.getAsInt())
                    ? Messages.EN.text("refusal.bad_passcode.locked")
                    : Messages.EN.format("refusal.bad_passcode.wrong", PasscodeAttempts.remaining(ticketTries.getAsInt())));
        }
        tries.refund(ipHash, group.tenantId(), group.groupId(), a.now());
    }

    /** A spent hourly budget: the metric the tenant watches, and 429 until the hour turns. */
    private static RefusalException budgetSpent(String scope, Group group, Instant now) {
        Log.count("PasscodeBudgetSpent", "Scope", scope, 1);
        Log.info("passcode.budget_spent", Map.of("scope", scope, "tenantId", group.tenantId().toString(),
                "groupId", group.groupId().toString()));
        return new RefusalException(Refusal.TOO_MANY_ATTEMPTS, Messages.EN.text("refusal.too_many_attempts"), null,
                PasscodeAttempts.secondsUntilNextWindow(now));
    }

    private static RefusalException ticketUsed() {
        return new RefusalException(Refusal.TICKET_USED, Messages.EN.text("refusal.ticket_used"));
    }

    private static RefusalException archived() {
        return new RefusalException(Refusal.ARCHIVED, Messages.EN.text("refusal.archived"));
    }
}
