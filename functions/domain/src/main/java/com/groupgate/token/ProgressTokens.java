package com.groupgate.token;

import com.groupgate.id.CampaignId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import java.util.Optional;

/**
 * The capability in an inviter's {@code progressUrl}: whoever holds it may see how many
 * friends the inviter brought into one campaign (qualified, pending, the goal) and, at the
 * goal, the reward code — nothing else. It is not the invite URL: an invite is shared on a
 * poster for anyone to scan, so its token must not open the progress (and the reward code)
 * by a change of path. Signed, not stored; verifying costs CPU only, so a forged, tampered
 * or expired token is refused before any read.
 *
 * <p>Layout, 45 bytes, 60 characters of base64url without padding:
 * <pre>
 *  [0]       key version
 *  [1..8]    tenant id
 *  [9..16]   campaign id
 *  [17..24]  invite id (derived from the campaign and the memberRef: it names no member)
 *  [25..28]  expiry, uint32 big-endian epoch seconds
 *  [29..44]  first 16 bytes of HMAC-SHA256(progressKey, bytes[0..28])
 * </pre>
 * Its key is derived apart from the scan token, ticket and status keys, so none can pass
 * for another.
 */
public final class ProgressTokens {
    /** How long a progress link works: a campaign's season; the inviter's next join answer carries a new one. */
    public static final long VALIDITY_SECONDS = 365L * 24 * 3600;
    private static final SignedIdToken TOKEN = new SignedIdToken("groupgate/invite-progress", 3, VALIDITY_SECONDS);
    /** Characters in a token's text. */
    public static final int TEXT_LENGTH = 60;

    private ProgressTokens() {
    }

    /** What a valid token names. */
    public record InviteRef(TenantId tenant, CampaignId campaign, Id inviteId) {
    }

    /** A token for the invite {@code inviteId} of {@code campaignId} under the ring's current key. */
    public static String issue(KeyRing ring, TenantId tenantId, CampaignId campaignId, Id inviteId, long nowEpochSecond) {
        return TOKEN.issue(ring, nowEpochSecond, tenantId.id(), campaignId.id(), inviteId);
    }

    /** The invite a token names when it verifies under an active key and has not expired; empty otherwise. */
    public static Optional<InviteRef> verify(KeyRing ring, String text, long nowEpochSecond) {
        return TOKEN.verify(ring, text, nowEpochSecond)
                .map(ids -> new InviteRef(new TenantId(ids.get(0)), new CampaignId(ids.get(1)), ids.get(2)));
    }
}
