package com.groupgate.token;

import com.groupgate.id.Base32;
import com.groupgate.id.Id;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A referral reward code: signed, so that a redemption refuses a forged or altered code
 * before it reads anything, and single-use through its stored item (the signature only
 * spares the read; the item is what can be redeemed once).
 *
 * <p>Layout, 30 bytes, 48 uppercase base32 characters:
 * <pre>
 *  [0]       key version
 *  [1..8]    inviter id (derived from the campaign and the inviter's memberRef)
 *  [9..13]   random nonce (a second reward of the same inviter is another code)
 *  [14..29]  first 16 bytes of HMAC-SHA256(rewardKey, bytes[0..13] || tenantId || campaignId)
 * </pre>
 * The tenant and the campaign are bound by the tag without being carried: the redeeming
 * request names both (its API key, its path), and a code presented to another tenant or
 * another campaign does not verify. The key is derived apart from every other token key
 * ({@code groupgate/reward}). A code signed under a version that was retired since still
 * verifies: a retirement stops new signatures, while a reward already earned stays good
 * for as long as its item is unredeemed.
 */
public final class RewardCodes {
    /** Characters of a code's text. */
    public static final int TEXT_LENGTH = 48;
    private static final int BYTES = 30;
    private static final int VERSION = 0;
    private static final int INVITER = 1;
    private static final int NONCE = 9;
    private static final int NONCE_BYTES = 5;
    private static final int TAG = 14;
    private static final int TAG_BYTES = 16;
    private static final String LABEL = "groupgate/reward";

    private RewardCodes() {
    }

    /** A new code for {@code inviterId}'s reward in {@code campaignId} of {@code tenantId}, under the ring's current key. */
    public static String issue(KeyRing ring, Id tenantId, Id campaignId, Id inviterId, SecureRandom random) {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(random, "random");
        SigningKey key = ring.current();
        byte[] out = new byte[BYTES];
        out[VERSION] = (byte) key.version();
        inviterId.writeTo(out, INVITER);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, NONCE, NONCE_BYTES);
        System.arraycopy(tag(key, out, tenantId, campaignId), 0, out, TAG, TAG_BYTES);
        return Base32.encode(out);
    }

    /** Whether {@code text} has a signed code's length (the stored 32-character codes of before do not). */
    public static boolean hasShape(String text) {
        return text != null && text.length() == TEXT_LENGTH;
    }

    /**
     * The inviter id of a code that {@code tenantId}'s campaign {@code campaignId} issued
     * under a key the ring holds; empty for anything else. CPU only.
     */
    public static Optional<Id> verify(KeyRing ring, String text, Id tenantId, Id campaignId) {
        Objects.requireNonNull(ring, "ring");
        if (!hasShape(text)) {
            return Optional.empty();
        }
        byte[] bytes = Base32.decodeOrNull(text);
        // Uppercase only: the stored item is keyed by the code as issued, one text per code.
        if (bytes == null || bytes.length != BYTES || !Base32.encode(bytes).equals(text)) {
            return Optional.empty();
        }
        int version = bytes[VERSION] & 0xFF;
        SigningKey key = ring.keys().stream().filter(k -> k.version() == version).findFirst().orElse(null);
        if (key == null || !MessageDigest.isEqual(Arrays.copyOf(tag(key, bytes, tenantId, campaignId), TAG_BYTES),
                Arrays.copyOfRange(bytes, TAG, BYTES))) {
            return Optional.empty();
        }
        return Optional.of(Id.fromBytes(bytes, INVITER));
    }

    private static byte[] tag(SigningKey key, byte[] bytes, Id tenantId, Id campaignId) {
        byte[] bound = new byte[2 * Id.BYTES];
        tenantId.writeTo(bound, 0);
        campaignId.writeTo(bound, Id.BYTES);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.derive(LABEL), "HmacSHA256"));
            mac.update(bytes, 0, TAG);
            mac.update(bound);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
