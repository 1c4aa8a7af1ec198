package com.groupgate.scan;

import com.groupgate.code.CodeCache;
import com.groupgate.code.GroupCode;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.fact.FactAttributes;
import com.groupgate.group.Group;
import com.groupgate.group.GroupTable;
import com.groupgate.live.LiveCode;
import com.groupgate.live.LiveCodeCache;
import java.util.List;
import com.groupgate.live.PoolRouting;
import com.groupgate.id.Id;
import com.groupgate.join.JoinPolicy;
import com.groupgate.join.MembershipTable;
import com.groupgate.join.PasscodeAttempts;
import com.groupgate.join.Totp;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.seal.SecretSeal;
import com.groupgate.token.JoinTicket;
import com.groupgate.token.JoinTickets;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanToken;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TicketVerification;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /S/{token}/join}: a join ticket from an accepted scan, then the group's
 * policy — open joins at once, approval files a request, passcode checks the owner's
 * current TOTP code (a few wrong tries lock the ticket).
 */
public final class JoinService {
    private final SigningKeyTable keys;
    private final CodeCache codes;
    private final GroupTable groups;
    private final LiveCodeCache live;
    private final MembershipTable members;
    private final ScanService scans;
    private final Clock clock;

    public JoinService(SigningKeyTable keys, CodeCache codes, GroupTable groups, LiveCodeCache live,
                       MembershipTable members,
                       ScanService scans, Clock clock) {
        this.keys = keys;
        this.codes = codes;
        this.groups = groups;
        this.live = live;
        this.members = members;
        this.scans = scans;
        this.clock = clock;
    }

    public record Request(ScanService.Scan scan, String joinTicket, String passcode, String memberRef) {
    }

    /** Joined (with the welcome message) or pending (with the request id). */
    public record Outcome(boolean joined, String welcomeMessage, Id requestId) {
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
        FactAttributes.Origin origin = scans.origin(ring, request.scan(), now);
        if (ticket.liveCodeId() != null) {
            return joinThroughLiveCode(ring, ticket, request.passcode(), memberRef, origin, now);
        }
        GroupCode code = codes.get(ticket.tenantId(), ticket.codeId()).orElseThrow(RefusalException::notFound);
        Group group = groups.find(ticket.tenantId(), ticket.groupId()).orElseThrow(RefusalException::notFound);
        Map<String, AttributeValue> fact = FactAttributes.join(origin, code.tenantId(), code.codeId(), group.groupId(),
                null, code.channel());
        Outcome outcome = joinGroup(ring, group, ticket, request.passcode(), memberRef, fact, now, Long.MAX_VALUE);
        if (outcome == null) {
            throw new RefusalException(Refusal.GROUP_FULL, "this group is full");
        }
        return outcome;
    }

    /**
     * A live code's join goes to the first group of the pool, as it stands now, with room
     * — the scanned group if it still has a seat, else the next; never a group removed
     * from the pool. Each try is the capacity-safe transaction, so racing joins fill each
     * group exactly to {@code min(capacity, switchAfterJoins)} and move on.
     */
    private Outcome joinThroughLiveCode(KeyRing ring, JoinTicket ticket, String passcode, String memberRef,
                                        FactAttributes.Origin origin, Instant now) {
        LiveCodeCache.Entry fresh = live.reload(ticket.tenantId(), ticket.liveCodeId())
                .orElseThrow(RefusalException::notFound);
        LiveCode code = fresh.code();
        if (!LiveCode.ACTIVE.equals(code.status())) {
            throw new RefusalException(Refusal.REVOKED, "this code was revoked");
        }
        try {
            return joinFirstWithRoom(ring, ticket, passcode, memberRef, origin, now, code, fresh.groups());
        } finally {
            // This container's next scans of the code see the seat this join took.
            live.invalidate(code.tenantId(), code.liveCodeId());
        }
    }

    private Outcome joinFirstWithRoom(KeyRing ring, JoinTicket ticket, String passcode, String memberRef,
                                      FactAttributes.Origin origin, Instant now, LiveCode code, List<Group> pool) {
        for (Group group : pool) {
            long limit = PoolRouting.limit(group.capacity(), code.switchAfterJoins());
            if (group.members() >= limit) {
                continue;
            }
            Map<String, AttributeValue> fact = FactAttributes.join(origin, code.tenantId(), null, group.groupId(),
                    code.liveCodeId(), code.channel());
            Outcome outcome = joinGroup(ring, group, ticket, passcode, memberRef, fact, now, limit);
            if (outcome != null) {
                return outcome;
            }
        }
        throw new RefusalException(Refusal.GROUP_FULL, "every group behind this code is full");
    }

    /** Joins under the group's policy; null when the group had no seat left. */
    private Outcome joinGroup(KeyRing ring, Group group, JoinTicket ticket, String passcode, String memberRef,
                              Map<String, AttributeValue> fact, Instant now, long seatLimit) {
        JoinPolicy policy = JoinPolicy.parse(group.joinPolicy(), "joinPolicy");
        if (policy == JoinPolicy.APPROVAL) {
            return new Outcome(false, null, members.request(group.tenantId(), group.groupId(), memberRef, fact, now));
        }
        if (policy == JoinPolicy.PASSCODE) {
            checkPasscode(ring, group, ticket, passcode, now);
        }
        return switch (members.join(group.tenantId(), group.groupId(), memberRef, fact, now, seatLimit)) {
            case JOINED, ALREADY_MEMBER -> new Outcome(true, group.welcomeMessage(), null);
            case GROUP_FULL -> null;
        };
    }

    private static JoinTicket ticket(KeyRing ring, String text, Instant now) {
        TicketVerification v = JoinTickets.verify(ring, text, now.getEpochSecond());
        if (v instanceof TicketVerification.Valid valid) {
            return valid.ticket();
        }
        if (v instanceof TicketVerification.Expired) {
            throw new RefusalException(Refusal.TICKET_EXPIRED, "the join ticket expired; scan the code again");
        }
        throw RefusalException.badField("joinTicket", "not a join ticket from a scan of this code");
    }

    /**
     * Every judged passcode first claims one of the ticket's tries, right or wrong, so a
     * burst of concurrent guesses gets at most {@link PasscodeAttempts#MAX_WRONG_TRIES}
     * judged; a missing passcode is refused without using one.
     */
    private void checkPasscode(KeyRing ring, Group group, JoinTicket ticket, String passcode, Instant now) {
        if (passcode == null) {
            throw new RefusalException(Refusal.BAD_PASSCODE, "this group needs the owner's current passcode");
        }
        OptionalInt tries = members.claimPasscodeTry(ticket.ticketId(), ticket.expiresAtEpochSecond(),
                PasscodeAttempts.MAX_WRONG_TRIES);
        if (tries.isEmpty()) {
            throw new RefusalException(Refusal.BAD_PASSCODE, "too many wrong passcodes; scan the code again");
        }
        byte[] sealed = group.sealedPasscode();
        int version = SecretSeal.version(sealed);
        SigningKey key = ring.keys().stream().filter(k -> k.version() == version).findFirst()
                .orElseThrow(() -> new IllegalStateException("passcode sealed under missing key " + version));
        byte[] secret = SecretSeal.open(sealed, key.secret());
        if (!Totp.PASSCODE.verify(secret, passcode, now.getEpochSecond())) {
            throw new RefusalException(Refusal.BAD_PASSCODE, PasscodeAttempts.locked(tries.getAsInt())
                    ? "too many wrong passcodes; scan the code again"
                    : "wrong passcode; " + PasscodeAttempts.remaining(tries.getAsInt()) + " tries left");
        }
    }
}
