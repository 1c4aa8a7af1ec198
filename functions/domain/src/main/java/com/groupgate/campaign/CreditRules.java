package com.groupgate.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The arithmetic of referral credits, without I/O: the self-invite test by viewer, when a
 * credit qualifies, the leaderboard's order, the K-factor and the generations of invitees.
 */
public final class CreditRules {
    /** How long an invite's issue (the inviter's own join) marks their address and device as theirs. */
    public static final Duration SAME_VIEWER_WINDOW = Duration.ofHours(24);
    /** The leaderboard's order holds qualified counts up to this (a goal is at most 100). */
    static final int MAX_BOARD_COUNT = 9999;

    private CreditRules() {
    }

    /**
     * Whether the invitee is, as far as GroupGate can tell, the inviter again: the same
     * keyed address hash and the same device class as the inviter's own join, within
     * {@link #SAME_VIEWER_WINDOW} of it. An unknown address (null hash) matches nothing.
     */
    public static boolean sameViewer(String inviterIpHash, String inviterDevice, Instant inviterJoinedAt,
                                     String inviteeIpHash, String inviteeDevice, Instant inviteeJoinedAt) {
        if (inviterIpHash == null || inviteeIpHash == null || !inviterIpHash.equals(inviteeIpHash)
                || !Objects.equals(inviterDevice, inviteeDevice)) {
            return false;
        }
        return !inviteeJoinedAt.isAfter(inviterJoinedAt.plus(SAME_VIEWER_WINDOW));
    }

    /** When a credit of a join at {@code joinedAt} qualifies, if the invitee is still there. */
    public static Instant qualifiesAt(Instant joinedAt, int qualifyAfterMinutes) {
        return joinedAt.plus(Duration.ofMinutes(qualifyAfterMinutes));
    }

    /**
     * The leaderboard's sort key: more qualified first; of equal counts, who reached the
     * count first; then the memberRef, so that the order is total. Ascending text order.
     */
    public static String boardSort(long qualified, Instant reachedAt, String memberRef) {
        if (qualified < 0 || qualified > MAX_BOARD_COUNT) {
            throw new IllegalArgumentException("qualified must be 0.." + MAX_BOARD_COUNT + ", was " + qualified);
        }
        return String.format("%04d#%013d#%s", MAX_BOARD_COUNT - qualified, reachedAt.toEpochMilli(), memberRef);
    }

    /**
     * The K-factor: invites per member × conversion, with invites issued to the campaign's
     * members and qualified invitees as the converted — that is, qualified / invites issued,
     * rounded to 4 decimals; 0 when no invite was issued.
     */
    public static double kFactor(long invitesIssued, long qualified) {
        if (invitesIssued == 0) {
            return 0;
        }
        return Math.round(qualified * 10_000.0 / invitesIssued) / 10_000.0;
    }

    /** One generation of invitees: depth 1 were invited by members nobody invited, depth 2 by those, and so on. */
    public record Generation(int generation, long members) {
    }

    /**
     * Invitees by depth, from who invited whom ({@code inviterOf}: invitee → inviter). A
     * chain that loops (it cannot, as only a new member is linked, but stored data is not
     * trusted) counts its members at the depth where the loop was found.
     */
    public static List<Generation> generations(Map<String, String> inviterOf) {
        Map<String, Integer> depth = new HashMap<>();
        Map<Integer, Long> counts = new TreeMap<>();
        for (String invitee : inviterOf.keySet()) {
            int d = depthOf(invitee, inviterOf, depth);
            counts.merge(d, 1L, Long::sum);
        }
        List<Generation> out = new ArrayList<>();
        counts.forEach((g, n) -> out.add(new Generation(g, n)));
        return out;
    }

    private static int depthOf(String invitee, Map<String, String> inviterOf, Map<String, Integer> known) {
        List<String> chain = new ArrayList<>();
        String at = invitee;
        int base = 0;
        while (at != null && inviterOf.containsKey(at)) {
            Integer k = known.get(at);
            if (k != null) {
                base = k;
                break;
            }
            if (chain.contains(at) || chain.size() > inviterOf.size()) {
                break;
            }
            chain.add(at);
            at = inviterOf.get(at);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            base++;
            known.put(chain.get(i), base);
        }
        return known.getOrDefault(invitee, base);
    }
}
