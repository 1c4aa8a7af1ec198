package com.groupgate.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 value of the audit log: a leaf hash, an interior node hash or a root. Immutable;
 * its 32 bytes are copied in and out. The static factories are RFC 6962 §2.1's hashing
 * (kept in RFC 9162 §2.1.1): a leaf is {@code SHA-256(0x00 || leafInput)}, an interior node
 * {@code SHA-256(0x01 || left || right)}, and the empty tree's root is the SHA-256 of
 * nothing. The distinct prefixes keep a leaf from ever being passed off as a node.
 */
public final class Hash {
    public static final int BYTES = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final Hash EMPTY_TREE = new Hash(sha256().digest());
    // MessageDigest instances are not thread-safe and cost far more to look up than a hash
    // of 65 bytes does to compute, so each thread keeps one.
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Hash::sha256);

    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The hash whose value is {@code bytes} (exactly {@value #BYTES} of them), copied. */
    public static Hash of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("bytes must be " + BYTES + " long, was " + bytes.length);
        }
        return new Hash(bytes.clone());
    }

    /** The {@value #BYTES} bytes at {@code offset} of {@code bytes}, copied. */
    public static Hash of(byte[] bytes, int offset) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, BYTES, bytes.length);
        return new Hash(Arrays.copyOfRange(bytes, offset, offset + BYTES));
    }

    /**
     * The hash written in standard base64 (RFC 4648 §4, with padding), as proofs and
     * checkpoints carry it. Only the one canonical spelling of 32 bytes is accepted, so a
     * hash has exactly one text form.
     *
     * @throws IllegalArgumentException naming {@code base64} when it is not that
     */
    public static Hash fromBase64(String base64) {
        Objects.requireNonNull(base64, "base64");
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base64 is not base64: \"" + base64 + "\"");
        }
        if (decoded.length != BYTES || !Base64.getEncoder().encodeToString(decoded).equals(base64)) {
            throw new IllegalArgumentException("base64 must be the canonical base64 of " + BYTES + " bytes: \"" + base64 + "\"");
        }
        return new Hash(decoded);
    }

    /** The root of the tree of no leaves: SHA-256 of the empty string. */
    public static Hash emptyTree() {
        return EMPTY_TREE;
    }

    /** The leaf hash of {@code leafInput}: {@code SHA-256(0x00 || leafInput)}. */
    public static Hash leaf(byte[] leafInput) {
        Objects.requireNonNull(leafInput, "leafInput");
        MessageDigest digest = DIGEST.get();
        digest.update(LEAF_PREFIX);
        digest.update(leafInput);
        return new Hash(digest.digest());
    }

    /** The interior node over two subtrees: {@code SHA-256(0x01 || left || right)}. */
    public static Hash node(Hash left, Hash right) {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        MessageDigest digest = DIGEST.get();
        digest.update(NODE_PREFIX);
        digest.update(left.bytes);
        digest.update(right.bytes);
        return new Hash(digest.digest());
    }

    /** A copy of the {@value #BYTES} bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Writes the {@value #BYTES} bytes into {@code out} at {@code offset}. */
    public void writeTo(byte[] out, int offset) {
        Objects.requireNonNull(out, "out");
        Objects.checkFromIndexSize(offset, BYTES, out.length);
        System.arraycopy(bytes, 0, out, offset, BYTES);
    }

    /** Standard base64 with padding: 44 characters. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Lowercase hex: 64 characters. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Constant-time, so comparing a presented root with the true one reveals nothing. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && MessageDigest.isEqual(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }

    // A copy of com.groupgate.hash.Sha256 on purpose: the audit module depends on nothing of GroupGate's.
    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
