package com.groupgate.token;

import com.groupgate.id.Id;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One kind of signed, expiring capability naming a fixed number of ids, as base64url
 * without padding. Signed, not stored: verifying costs CPU only.
 *
 * <p>Layout for {@code n} ids, {@code 21 + 8n} bytes:
 * <pre>
 *  [0]              key version
 *  [1 .. 8n]        the ids, in order, 8 bytes each
 *  [1+8n .. 4+8n]   expiry, uint32 big-endian epoch seconds
 *  [5+8n .. 20+8n]  first 16 bytes of HMAC-SHA256(key derived for the label, the bytes before)
 * </pre>
 * Each kind has its own label, so its key is derived apart from every other token's and
 * no token passes for another kind.
 */
final class SignedIdToken {
    private static final int VERSION = 0;
    private static final int IDS = 1;
    private static final int EXPIRY_BYTES = 4;
    private static final int TAG_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String label;
    private final int ids;
    private final long validitySeconds;
    private final int expiry;
    private final int tag;
    private final int bytes;
    private final int textLength;

    SignedIdToken(String label, int ids, long validitySeconds) {
        this.label = Objects.requireNonNull(label, "label");
        this.ids = ids;
        this.validitySeconds = validitySeconds;
        this.expiry = IDS + ids * Id.BYTES;
        this.tag = expiry + EXPIRY_BYTES;
        this.bytes = tag + TAG_BYTES;
        this.textLength = ENCODER.encodeToString(new byte[bytes]).length();
    }

    /** A token naming {@code idsInOrder} under the ring's current key, valid for this kind's validity from now. */
    String issue(KeyRing ring, long nowEpochSecond, Id... idsInOrder) {
        Objects.requireNonNull(ring, "ring");
        if (idsInOrder.length != ids) {
            throw new IllegalArgumentException("expected " + ids + " ids, got " + idsInOrder.length);
        }
        SigningKey key = ring.current();
        byte[] out = new byte[bytes];
        out[VERSION] = (byte) key.version();
        for (int i = 0; i < ids; i++) {
            idsInOrder[i].writeTo(out, IDS + i * Id.BYTES);
        }
        TokenCodec.writeUint32(out, expiry, nowEpochSecond + validitySeconds);
        System.arraycopy(tag(key, out), 0, out, tag, TAG_BYTES);
        return ENCODER.encodeToString(out);
    }

    /** The ids a token names, in order, when it verifies under an active key and has not expired; empty otherwise. */
    Optional<List<Id>> verify(KeyRing ring, String text, long nowEpochSecond) {
        if (text == null || text.length() != textLength) {
            return Optional.empty();
        }
        byte[] in;
        try {
            in = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (in.length != bytes || !ENCODER.encodeToString(in).equals(text)) {
            return Optional.empty();
        }
        SigningKey key = ring.activeOrNull(in[VERSION] & 0xFF);
        if (key == null || !MessageDigest.isEqual(Arrays.copyOf(tag(key, in), TAG_BYTES),
                Arrays.copyOfRange(in, tag, bytes))) {
            return Optional.empty();
        }
        if (nowEpochSecond >= TokenCodec.readUint32(in, expiry)) {
            return Optional.empty();
        }
        Id[] named = new Id[ids];
        for (int i = 0; i < ids; i++) {
            named[i] = Id.fromBytes(in, IDS + i * Id.BYTES);
        }
        return Optional.of(List.of(named));
    }

    private byte[] tag(SigningKey key, byte[] signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.derive(label), "HmacSHA256"));
            mac.update(signed, 0, tag);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
