package com.groupgate.scan;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.code.CodeStatus;
import com.groupgate.code.GroupCode;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.fact.FactTable;
import com.groupgate.group.Group;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.join.JoinPolicy;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.secret.RotatingSecret;
import com.groupgate.storage.code.CodeCache;
import com.groupgate.storage.code.ScanCounter;
import com.groupgate.storage.group.GroupCache;
import com.groupgate.storage.live.LiveCodeCache;
import com.groupgate.storage.live.LiveCodeTable;
import com.groupgate.storage.tenant.TenantPolicies;
import com.groupgate.telemetry.Log;
import com.groupgate.token.CodeKind;
import com.groupgate.token.JoinTickets;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanToken;
import com.groupgate.token.TokenCodec;
import com.groupgate.token.Verification;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * One scan, in the order that keeps it cheap and exact: the token (CPU only: forged,
 * malformed and unknown-version tokens end here with no I/O) → the code's fixed policy
 * (memory; one GetItem the first time a container sees a code) → the tenant's and the
 * group's blocks and archiving (memory, at most a minute old) → geo and CIDR rules (CPU
 * only) → one counting write, whose result says accepted, daily_limit, revoked or
 * superseded. Refusals decided before counting (expired, archived, geo_blocked) cost one
 * PutItem of their fact; forged tokens cost nothing but a metric. Dead wins over elsewhere:
 * a geo refusal first reads the code's status (one GetItem), so a revoked or superseded
 * code answers 410 from anywhere.
 */
public final class ScanService {
    private final SigningKeyTable keys;
    private final CodeCache codes;
    private final GroupCache groups;
    private final ScanCounter counter;
    private final FactTable facts;
    private final LiveScanService live;
    private final InviteScanService invites;
    private final TenantPolicies tenantPolicies;
    private volatile RingHash ringHash;
    private final RotatingSecret originSecret;
    private final Clock clock;

    public ScanService(SigningKeyTable keys, CodeCache codes, GroupCache groups, ScanCounter counter, FactTable facts,
                       LiveCodeCache liveCodes, LiveCodeTable liveTable, TenantPolicies tenantPolicies, RotatingSecret originSecret,
                       CampaignInvites campaignInvites, Clock clock) {
        this.keys = keys;
        this.tenantPolicies = tenantPolicies;
        this.codes = codes;
        this.groups = groups;
        this.counter = counter;
        this.facts = facts;
        this.live = new LiveScanService(liveCodes, liveTable, facts);
        this.invites = new InviteScanService(campaignInvites, groups, liveCodes);
        this.originSecret = originSecret;
        this.clock = clock;
    }

    /**
     * What the landing page and the JSON answer show for an accepted scan, with a join ticket
     * valid ten minutes. {@code codeId}: the code scanned, a group code's or a live code's;
     * {@code tenantId} names the tenant's logo on the edge.
     */
    public record Landing(Id codeId, TenantId tenantId, String groupName, JoinPolicy joinPolicy, String welcomeMessage,
                          String joinTicket) {
    }

    /** The request as the scan path needs it. */
    public record Scan(String token, Map<String, String> headers, String sourceIp) {
    }

    public Landing scan(Scan scan) {
        Instant now = clock.instant();
        KeyRing ring = keys.verifyingRing().orElseThrow(ScanService::forged);
        ScanToken token = verified(ring, scan.token(), now);
        if (token.kind() == CodeKind.LIVE_CODE) {
            refuseIfTenantBlocked(token.tenant());
            return live.scan(ticketRing(ring), token, origin(ring, scan, now), now);
        }
        if (token.kind() == CodeKind.INVITE) {
            refuseIfTenantBlocked(token.tenant());
            return invites.scan(ticketRing(ring), token, origin(ring, scan, now), now);
        }
        boolean expired = token.expiredAt(now.getEpochSecond());
        Optional<GroupCode> found = codes.get(token.tenant(), token.code());
        if (found.isEmpty()) {
            // A genuine token whose item TTL has removed long after expiry is still just expired.
            throw expired ? expired() : RefusalException.notFound();
        }
        GroupCode code = found.get();
        refuseIfTenantBlocked(code.tenantId());
        RecordedFact.Origin origin = origin(ring, scan, now);
        RecordedFact.Builder fact = RecordedFact.scan(origin, code.tenantId()).code(code.codeId())
                .group(code.groupId()).channel(code.channel()).label(code.label());
        if (expired) {
            facts.put(fact.outcome(Refusal.EXPIRED.code()).build());
            throw expired();
        }
        Group group = groups.get(code.tenantId(), code.groupId()).orElseThrow(RefusalException::notFound);
        if (group.blocked()) {
            throw blocked();
        }
        if (group.archived()) {
            facts.put(fact.outcome(Refusal.ARCHIVED.code()).build());
            throw new RefusalException(Refusal.ARCHIVED, Messages.EN.text("refusal.archived"));
        }
        Optional<Refusal> geo = code.geo().restricts() ? code.geo().check(origin.client()) : Optional.empty();
        if (geo.isPresent()) {
            throw refuseOutOfArea(code, fact);
        }
        if (group.entryExpiredAt(now)) {
            // A group whose way in has expired is as good as full.
            facts.put(fact.outcome(Refusal.ENTRY_EXPIRED.code()).build());
            throw new RefusalException(Refusal.ENTRY_EXPIRED, Messages.EN.text("refusal.entry_expired"));
        }
        ZoneId zone = code.timezone();
        String day = DailyCap.dayKey(now, zone);
        ScanCounter.Counted counted = counter.count(code, day, fact.counted(day, code.dailyScanLimit()))
                .orElseThrow(RefusalException::notFound);
        if (counted.status() == CodeStatus.REVOKED) {
            throw revoked();
        }
        if (counted.status() == CodeStatus.SUPERSEDED) {
            throw superseded();
        }
        if (!DailyCap.accepts(counted.countToday(), code.dailyScanLimit())) {
            throw new RefusalException(Refusal.DAILY_LIMIT, Messages.EN.text("refusal.daily_limit"),
                    null, DailyCap.secondsUntilNextDay(now, zone));
        }
        String ticket = JoinTickets.issue(ticketRing(ring), Id.random(), code.codeId().id(), code.tenantId().id(),
                code.groupId().id(), null, now.getEpochSecond());
        return new Landing(code.codeId().id(), code.tenantId(), group.name(), group.joinPolicy(), group.welcomeMessage(), ticket);
    }

    /**
     * A scan from outside the code's area. A dead code's scanner must learn it is dead, and
     * only the counter knows the status now (this container's memory of the code does not):
     * one consistent read of it, then the one write of the refusal's fact — revoked or
     * superseded when the code is, geo_blocked otherwise.
     */
    private RefusalException refuseOutOfArea(GroupCode code, RecordedFact.Builder fact) {
        CodeStatus status = codes.currentStatus(code.tenantId(), code.codeId()).orElse(CodeStatus.ACTIVE);
        RefusalException refusal = status == CodeStatus.REVOKED ? revoked()
                : status == CodeStatus.SUPERSEDED ? superseded()
                : new RefusalException(Refusal.GEO_BLOCKED, Messages.EN.text("refusal.geo_blocked"));
        facts.put(fact.outcome(refusal.refusal().code()).build());
        return refusal;
    }

    private static RefusalException revoked() {
        return new RefusalException(Refusal.REVOKED, Messages.EN.text("refusal.revoked"));
    }

    private static RefusalException superseded() {
        return new RefusalException(Refusal.SUPERSEDED, Messages.EN.text("refusal.superseded"));
    }

    /**
     * The ring join tickets are signed with: versions every warm container already knows
     * (a version rotated in under a minute ago verifies here but not yet everywhere).
     */
    KeyRing ticketRing(KeyRing verifying) {
        return keys.ticketRing().orElse(verifying);
    }

    /**
     * 451 for every code of a tenant the operator blocked, from the scan path's memory of
     * tenant blocks (a minute at most behind). Costs no write: a blocked code's scans are
     * not counted, so nothing about them reaches the tenant's stats.
     */
    void refuseIfTenantBlocked(TenantId tenantId) {
        if (tenantPolicies.block(tenantId).isPresent()) {
            throw blocked();
        }
    }

    /** The one answer for a blocked group or tenant; the operator's reason is the tenant's to read, not the scanner's. */
    static RefusalException blocked() {
        return new RefusalException(Refusal.BLOCKED, Messages.EN.text("refusal.blocked"));
    }

    private static RefusalException expired() {
        return new RefusalException(Refusal.EXPIRED, Messages.EN.text("refusal.expired"));
    }

    /** The token's contents when its tag verifies (expired included); otherwise 404. */
    static ScanToken verified(KeyRing ring, String text, Instant now) {
        Verification v = TokenCodec.verify(ring, text, now.getEpochSecond());
        ScanToken token;
        if (v instanceof Verification.Valid valid) {
            token = valid.token();
        } else if (v instanceof Verification.Expired expired) {
            token = expired.token();
        } else {
            throw forged();
        }
        return token;
    }

    RecordedFact.Origin origin(KeyRing ring, Scan scan, Instant now) {
        // The secret is read (at most every 5 minutes) only when there is a header to check.
        ClientContext client = ClientContext.checkedBy(scan.headers(), scan.sourceIp(), originSecret::accepts);
        return new RecordedFact.Origin(now, client, UserAgentClassifier.classify(client.userAgent()),
                ipHash(ring).hash(client));
    }

    /** The IP hasher of the ring in use, built once per ring: a keyed Mac is costly to set up. */
    private ClientIpHash ipHash(KeyRing ring) {
        RingHash current = ringHash;
        if (current == null || current.ring() != ring) {
            current = new RingHash(ring, ClientIpHash.withKey(ring.ipHashKey()));
            ringHash = current;
        }
        return current.hash();
    }

    private record RingHash(KeyRing ring, ClientIpHash hash) {
    }

    /** Forged, malformed and unknown-version tokens: counted for the operator, one answer for all. */
    private static RefusalException forged() {
        Log.count("RefusedTokens", "Reason", "invalid", 1);
        return RefusalException.notFound();
    }
}
