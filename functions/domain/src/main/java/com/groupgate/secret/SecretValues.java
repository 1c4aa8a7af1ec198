package com.groupgate.secret;

import com.groupgate.hash.Sha256;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The values of a secret accepted now: its current one and, while a rotation is under way,
 * the one before it (Secrets Manager's {@code AWSCURRENT} and {@code AWSPREVIOUS}). Accepting
 * both is what lets an operator put a new value first and change whoever presents it
 * (CloudFront's header, the operator's own scripts) after, with no refusal in between.
 *
 * <p>Each value's SHA-256 is made once, here, so checking a request costs one digest (of what
 * it presented), not one per accepted value as well: the origin check is on every scan.
 */
public final class SecretValues {
    public static final SecretValues NONE = new SecretValues(List.of());

    private final List<String> values;
    private final List<byte[]> digests;

    /** @param values current first; nulls and empty strings are dropped (nothing is accepted for them) */
    public SecretValues(List<String> values) {
        this.values = values.stream().filter(Objects::nonNull).filter(v -> !v.isEmpty()).distinct().toList();
        this.digests = this.values.stream().map(Sha256::of).toList();
    }

    public static SecretValues of(String... values) {
        return new SecretValues(Arrays.asList(values));
    }

    /** Current first; empty when the secret has none. */
    public List<String> values() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Whether {@code presented} is one of the values: its SHA-256 compared with each value's in
     * constant time, so the time depends neither on how much of a guess was right nor on the
     * values' lengths; every value is compared, whichever matches.
     */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] p = Sha256.of(presented);
        boolean accepted = false;
        for (byte[] v : digests) {
            accepted |= MessageDigest.isEqual(p, v);
        }
        return accepted;
    }

    @Override
    public String toString() {
        return "SecretValues[" + values.size() + " values]"; // never the values themselves
    }
}
