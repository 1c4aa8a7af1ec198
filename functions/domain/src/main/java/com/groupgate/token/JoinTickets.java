package com.groupgate.token;

import com.groupgate.id.Id;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * Issues and verifies join tickets: the proof, handed out by a successful scan, that the
 * bearer may ask to join a group in the next ten minutes.
 *
 * <p>Layout, 61 bytes, written as 82 characters of base64url without padding:
 * <pre>
 *  [0]       key version
 *  [1..8]    ticket id
 *  [9..16]   code id
 *  [17..24]  tenant id
 *  [25..32]  group id
 *  [33..40]  live code id, or zero for a group code
 *  [41..44]  expiry, uint32 big-endian epoch seconds
 *  [45..60]  first 16 bytes of HMAC-SHA256(ticketKey, bytes[0..44])
 * </pre>
 * Nothing in a ticket is secret from its bearer, who already scanned the code; it is signed,
 * not encrypted. Its key is derived apart from the token keys, so a ticket can never pass
 * for a token or the other way round.
 */
public final class JoinTickets {
    /** How long a ticket lasts after the scan that issued it. */
    public static final long VALIDITY_SECONDS = 600;
    public static final int BYTES = 61;
    public static final int TEXT_LENGTH = 82;

    private static final int VERSION = 0;
    private static final int TICKET_ID = 1;
    private static final int CODE_ID = 9;
    private static final int TENANT_ID = 17;
    private static final int GROUP_ID = 25;
    private static final int LIVE_CODE_ID = 33;
    private static final int EXPIRY = 41;
    private static final int TAG = 45;
    private static final int TAG_BYTES = 16;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private JoinTickets() {
    }

    /**
     * A ticket under the ring's current key, expiring {@link #VALIDITY_SECONDS} after
     * {@code nowEpochSecond}. {@code liveCodeId} is null when a group code was scanned.
     */
    public static String issue(KeyRing ring, Id ticketId, Id codeId, Id tenantId, Id groupId, Id liveCodeId,
                               long nowEpochSecond) {
        Objects.requireNonNull(ring, "ring");
        if (nowEpochSecond < 0 || nowEpochSecond + VALIDITY_SECONDS > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("nowEpochSecond out of range: " + nowEpochSecond);
        }
        SigningKey key = ring.current();
        JoinTicket ticket = new JoinTicket(key.version(), ticketId, codeId, tenantId, groupId, liveCodeId,
                nowEpochSecond + VALIDITY_SECONDS);
        return ENCODER.encodeToString(encode(key, ticket));
    }

    static byte[] encode(SigningKey key, JoinTicket ticket) {
        byte[] out = new byte[BYTES];
        out[VERSION] = (byte) key.version();
        ticket.ticketId().writeTo(out, TICKET_ID);
        ticket.codeId().writeTo(out, CODE_ID);
        ticket.tenantId().writeTo(out, TENANT_ID);
        ticket.groupId().writeTo(out, GROUP_ID);
        if (ticket.liveCodeId() != null) {
            ticket.liveCodeId().writeTo(out, LIVE_CODE_ID);
        }
        TokenCodec.writeUint32(out, EXPIRY, ticket.expiresAtEpochSecond());
        System.arraycopy(tag(key, out), 0, out, TAG, TAG_BYTES);
        return out;
    }

    /** Verifies {@code text} at {@code nowEpochSecond}; null and malformed text are Invalid. */
    public static TicketVerification verify(KeyRing ring, CharSequence text, long nowEpochSecond) {
        Objects.requireNonNull(ring, "ring");
        if (nowEpochSecond < 0) {
            throw new IllegalArgumentException("nowEpochSecond must be >= 0, was " + nowEpochSecond);
        }
        if (text == null || text.length() != TEXT_LENGTH) {
            return TicketVerification.Invalid.INSTANCE;
        }
        String s = text.toString();
        byte[] bytes;
        try {
            bytes = DECODER.decode(s);
        } catch (IllegalArgumentException e) {
            return TicketVerification.Invalid.INSTANCE;
        }
        // The JDK decoder ignores the unused low bits of the last character; re-encoding
        // refuses every text but the one canonical spelling.
        if (bytes.length != BYTES || !ENCODER.encodeToString(bytes).equals(s)) {
            return TicketVerification.Invalid.INSTANCE;
        }
        SigningKey key = ring.activeOrNull(bytes[VERSION] & 0xFF);
        if (key == null) {
            return TicketVerification.Invalid.INSTANCE;
        }
        byte[] expected = Arrays.copyOf(tag(key, bytes), TAG_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, TAG, BYTES))) {
            return TicketVerification.Invalid.INSTANCE;
        }
        long expiry = TokenCodec.readUint32(bytes, EXPIRY);
        Id liveCode = Id.fromBytes(bytes, LIVE_CODE_ID);
        if (expiry == 0) {
            return TicketVerification.Invalid.INSTANCE;
        }
        JoinTicket ticket = new JoinTicket(key.version(), Id.fromBytes(bytes, TICKET_ID), Id.fromBytes(bytes, CODE_ID),
                Id.fromBytes(bytes, TENANT_ID), Id.fromBytes(bytes, GROUP_ID),
                liveCode.value() == 0 ? null : liveCode, expiry);
        return ticket.expiredAt(nowEpochSecond)
                ? new TicketVerification.Expired(ticket)
                : new TicketVerification.Valid(ticket);
    }

    private static byte[] tag(SigningKey key, byte[] bytes) {
        Mac mac = key.ticketMac();
        mac.update(bytes, 0, TAG);
        return mac.doFinal();
    }
}
