package com.groupgate.scan;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash that stands in for a client IP in analytics: HMAC-SHA256 over the
 * address bytes, first {@value #BYTES} bytes, base64url without padding (22 characters).
 * The raw IP is never stored; without the key the hash cannot be reversed by hashing all
 * 2^32 IPv4 addresses, as a plain hash could. 128 bits keep collisions out of unique-
 * scanner counts. Addresses are taken in {@link IpAddress#canonical} form, so one IPv4
 * client hashes the same whether it was reported as IPv4 or IPv4-mapped IPv6.
 *
 * <p>Built once per container with the key from the key ring. The initialised
 * {@link Mac} is cloned per call rather than rebuilt, and never shared between threads.
 */
public final class ClientIpHash {
    public static final int BYTES = 16;
    public static final int MIN_KEY_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Mac prototype;
    private final SecretKeySpec key;

    private ClientIpHash(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.prototype = newMac(this.key);
    }

    /** @param key at least {@value #MIN_KEY_BYTES} bytes; copied */
    public static ClientIpHash withKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("key must be at least " + MIN_KEY_BYTES + " bytes, was " + key.length);
        }
        return new ClientIpHash(key.clone());
    }

    /** The hash of {@code ip} (4 or 16 bytes), or null when the IP is unknown. */
    public String hash(byte[] ip) {
        if (ip == null) {
            return null;
        }
        if (ip.length != 4 && ip.length != 16) {
            throw new IllegalArgumentException("ip must be 4 or 16 bytes, was " + ip.length);
        }
        byte[] full = mac().doFinal(IpAddress.canonical(ip));
        byte[] truncated = new byte[BYTES];
        System.arraycopy(full, 0, truncated, 0, BYTES);
        return BASE64URL.encodeToString(truncated);
    }

    /** The hash of the client's IP, or null when unknown. */
    public String hash(ClientContext client) {
        return hash(client.ipBytes());
    }

    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
