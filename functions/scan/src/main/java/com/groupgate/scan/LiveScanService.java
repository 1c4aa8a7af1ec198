package com.groupgate.scan;

import com.groupgate.analytics.Fact;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.fact.FactTable;
import com.groupgate.group.Group;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.LiveCodeId;
import com.groupgate.live.CounterShards;
import com.groupgate.live.LiveCode;
import com.groupgate.live.PoolRouting;
import com.groupgate.storage.live.LiveCodeCache;
import com.groupgate.storage.live.LiveCodeTable;
import com.groupgate.token.JoinTickets;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanToken;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A scan of a live code (活码): route to the first group of the pool with room, then count
 * on one of the code's counter shards — one write, refused by DynamoDB if the pool changed
 * since it was read (then re-read and re-routed once). With a daily cap, a full shard
 * sends the scan to the next shard; only when every shard's share is used is the scan
 * refused, so exactly {@code cap} are accepted.
 */
final class LiveScanService {
    private final LiveCodeCache cache;
    private final LiveCodeTable live;
    private final FactTable facts;
    /**
     * Live codes whose every shard share is used up, with the day and pool version that was
     * so: further refusals that day cost one fact write instead of a probe of every shard.
     */
    private final Map<LiveCodeId, String> exhausted = new ConcurrentHashMap<>();

    LiveScanService(LiveCodeCache cache, LiveCodeTable live, FactTable facts) {
        this.cache = cache;
        this.live = live;
        this.facts = facts;
    }

    /** @param ticketRing the ring the join ticket of an accepted scan is signed with */
    ScanService.Landing scan(KeyRing ticketRing, ScanToken token, RecordedFact.Origin origin, Instant now) {
        LiveCodeCache.Entry entry = cache.get(token.tenant(), new LiveCodeId(token.codeId()))
                .orElseThrow(RefusalException::notFound);
        for (int attempt = 0; attempt < 2; attempt++) {
            LiveCode code = entry.code();
            Optional<Group> target = code.active() ? route(entry, now) : Optional.empty();
            RecordedFact.Builder fact = RecordedFact.scan(origin, code.tenantId())
                    .group(target.map(Group::groupId).orElse(null)).liveCode(code.liveCodeId()).channel(code.channel());
            if (!code.active()) {
                facts.put(fact.outcome(Refusal.REVOKED.code()).build());
                throw new RefusalException(Refusal.REVOKED, Messages.EN.text("refusal.revoked"));
            }
            if (target.isEmpty()) {
                facts.put(fact.outcome(Refusal.GROUP_FULL.code()).build());
                throw new RefusalException(Refusal.GROUP_FULL, Messages.EN.text("refusal.group_full.pool"));
            }
            Group group = target.get();
            // Counted on a shard, a live code's scan carries its outcome: no cap to derive it from.
            RecordedFact accepted = fact.outcome(Fact.ACCEPTED).build();
            ZoneId zone = code.timezone();
            String day = DailyCap.dayKey(now, zone);
            LiveCodeTable.Count counted = countOnSomeShard(code, day, accepted);
            if (counted == LiveCodeTable.Count.COUNTED) {
                String ticket = JoinTickets.issue(ticketRing, Id.random(), code.liveCodeId().id(), code.tenantId().id(),
                        group.groupId().id(), code.liveCodeId().id(), now.getEpochSecond());
                return new ScanService.Landing(code.liveCodeId().id(), code.tenantId(), group.name(), group.joinPolicy(),
                        group.welcomeMessage(), ticket);
            }
            if (counted == LiveCodeTable.Count.SHARD_FULL) {
                facts.put(accepted.withOutcome(Refusal.DAILY_LIMIT.code()));
                throw new RefusalException(Refusal.DAILY_LIMIT, Messages.EN.text("refusal.daily_limit"), null,
                        DailyCap.secondsUntilNextDay(now, zone));
            }
            entry = cache.reload(token.tenant(), new LiveCodeId(token.codeId())).orElseThrow(RefusalException::notFound);
        }
        throw new RefusalException(Refusal.CONFLICT, Messages.EN.text("refusal.conflict"));
    }

    /** The first open group with room: not archived, its entry (if any) not expired. */
    static Optional<Group> route(LiveCodeCache.Entry entry, Instant now) {
        Optional<GroupId> id = PoolRouting.route(entry.groups().stream()
                .map(g -> new PoolRouting.GroupFill(g.groupId(), g.members(), g.capacity(), g.openAt(now))).toList(),
                entry.code().switchAfterJoins());
        return id.flatMap(i -> entry.groups().stream().filter(g -> g.groupId().equals(i)).findFirst());
    }

    /** COUNTED, STALE (pool changed), or SHARD_FULL once every shard's share of the cap is used. */
    private LiveCodeTable.Count countOnSomeShard(LiveCode code, String day, RecordedFact fact) {
        int start = ThreadLocalRandom.current().nextInt(CounterShards.COUNT);
        if (code.dailyScanLimit() == null) {
            return live.count(code, start, day, null, fact);
        }
        String usedUp = day + "#" + code.poolVersion();
        if (usedUp.equals(exhausted.get(code.liveCodeId()))) {
            return LiveCodeTable.Count.SHARD_FULL;
        }
        for (int i = 0; i < CounterShards.COUNT; i++) {
            int shard = (start + i) % CounterShards.COUNT;
            int share = CounterShards.shareOf(code.dailyScanLimit(), shard);
            if (share == 0) {
                continue;
            }
            LiveCodeTable.Count c = live.count(code, shard, day, share, fact);
            if (c != LiveCodeTable.Count.SHARD_FULL) {
                return c;
            }
        }
        if (exhausted.size() > 10_000) {
            exhausted.clear();
        }
        exhausted.put(code.liveCodeId(), usedUp);
        return LiveCodeTable.Count.SHARD_FULL;
    }
}
