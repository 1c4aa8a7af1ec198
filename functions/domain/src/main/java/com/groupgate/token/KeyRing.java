package com.groupgate.token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The signing keys a container knows, by version. Immutable; built once per container after
 * the wrapped keys are unwrapped, and rebuilt when keys rotate. Which versions are retired is
 * decided elsewhere; the ring only holds the flags and refuses retired keys on lookup.
 */
public final class KeyRing {
    // Indexed by version (1..255): lookups on the verify path are one array read.
    private final SigningKey[] byVersion = new SigningKey[SigningKey.MAX_VERSION + 1];
    private final List<SigningKey> keys;
    private final SigningKey current;
    private final byte[] ipHashKey;
    private final byte[] memberRefHashKey;

    private KeyRing(List<SigningKey> sorted) {
        this.keys = List.copyOf(sorted);
        SigningKey newest = null;
        for (SigningKey key : keys) {
            byVersion[key.version()] = key;
            if (!key.retired()) {
                newest = key;
            }
        }
        this.current = newest;
        // Derived from the oldest key still held, not the current one, so that the keyed IP
        // hash (and with it the unique-scanner counts) survives rotation.
        this.ipHashKey = keys.get(0).derive("groupgate/ip-hash");
        this.memberRefHashKey = keys.get(0).derive("groupgate/member-ref");
    }

    /** A ring of {@code keys}: at least one, versions distinct. */
    public static KeyRing of(Collection<SigningKey> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys must not be empty");
        }
        List<SigningKey> sorted = new ArrayList<>(keys.size());
        for (SigningKey key : keys) {
            sorted.add(Objects.requireNonNull(key, "keys must not contain null"));
        }
        sorted.sort(Comparator.comparingInt(SigningKey::version));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version() == sorted.get(i - 1).version()) {
                throw new IllegalArgumentException("keys has version " + sorted.get(i).version() + " twice");
            }
        }
        return new KeyRing(sorted);
    }

    public static KeyRing of(SigningKey... keys) {
        Objects.requireNonNull(keys, "keys");
        // Arrays.asList, not List.of: a null element must reach the check that names it.
        return of(Arrays.asList(keys));
    }

    /** Every key held, retired or not, by ascending version. */
    public List<SigningKey> keys() {
        return keys;
    }

    /** The key new tokens are issued under: the highest version not retired. */
    public SigningKey current() {
        if (current == null) {
            throw new IllegalStateException("every key in the ring is retired");
        }
        return current;
    }

    /** The key of {@code version} when it is held and not retired. */
    public Optional<SigningKey> find(int version) {
        return Optional.ofNullable(activeOrNull(version));
    }

    /** As {@link #find}, without the allocation, for the verify path. */
    SigningKey activeOrNull(int version) {
        if (version < 0 || version >= byVersion.length) {
            return null;
        }
        SigningKey key = byVersion[version];
        return key == null || key.retired() ? null : key;
    }

    /**
     * The 32-byte key for the keyed hash of client IPs: HMAC-SHA256 of "groupgate/ip-hash"
     * under the lowest version held. It stays the same across rotations for as long as
     * that version stays in the ring (retired is fine).
     */
    public byte[] ipHashKey() {
        return ipHashKey.clone();
    }

    /** The key of memberRef hashes ({@code MemberRef.keyedHash}); like the IP hash's, it survives rotation. */
    public byte[] memberRefHashKey() {
        return memberRefHashKey.clone();
    }

    @Override
    public String toString() {
        return "KeyRing" + keys;
    }
}
