package com.groupgate.token;

import com.groupgate.id.CampaignId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    /** Characters in a token's text. */
    public static final int TEXT_LENGTH = 60;
    private static final int VERSION = 0;
    private static final int TENANT_ID = 1;
    private static final int CAMPAIGN_ID = 9;
    private static final int INVITE_ID = 17;
    private static final int EXPIRY = 25;
    private static final int TAG = 29;
    private static final int TAG_BYTES = 16;
    private static final int BYTES = TAG + TAG_BYTES;
    private static final String LABEL = "groupgate/invite-progress";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ProgressTokens() {
    }

    /** What a valid token names. */
    public record InviteRef(TenantId tenant, CampaignId campaign, Id inviteId) {
    }

    /** A token for the invite {@code inviteId} of {@code campaignId} under the ring's current key. */
    public static String issue(KeyRing ring, TenantId tenantId, CampaignId campaignId, Id inviteId, long nowEpochSecond) {
        Objects.requireNonNull(ring, "ring");
        SigningKey key = ring.current();
        byte[] out = new byte[BYTES];
        out[VERSION] = (byte) key.version();
        tenantId.id().writeTo(out, TENANT_ID);
        campaignId.id().writeTo(out, CAMPAIGN_ID);
        inviteId.writeTo(out, INVITE_ID);
        TokenCodec.writeUint32(out, EXPIRY, nowEpochSecond + VALIDITY_SECONDS);
        System.arraycopy(tag(key, out), 0, out, TAG, TAG_BYTES);
        return ENCODER.encodeToString(out);
    }

    /** The invite a token names when it verifies under an active key and has not expired; empty otherwise. */
    public static Optional<InviteRef> verify(KeyRing ring, String text, long nowEpochSecond) {
        if (text == null || text.length() != TEXT_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != BYTES || !ENCODER.encodeToString(bytes).equals(text)) {
            return Optional.empty();
        }
        SigningKey key = ring.activeOrNull(bytes[VERSION] & 0xFF);
        if (key == null || !MessageDigest.isEqual(Arrays.copyOf(tag(key, bytes), TAG_BYTES),
                Arrays.copyOfRange(bytes, TAG, BYTES))) {
            return Optional.empty();
        }
        if (nowEpochSecond >= TokenCodec.readUint32(bytes, EXPIRY)) {
            return Optional.empty();
        }
        return Optional.of(new InviteRef(new TenantId(Id.fromBytes(bytes, TENANT_ID)),
                new CampaignId(Id.fromBytes(bytes, CAMPAIGN_ID)), Id.fromBytes(bytes, INVITE_ID)));
    }

    private static byte[] tag(SigningKey key, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.derive(LABEL), "HmacSHA256"));
            mac.update(bytes, 0, TAG);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
