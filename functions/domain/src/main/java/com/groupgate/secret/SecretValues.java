package com.groupgate.secret;

import com.groupgate.hash.Sha256;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * The values of a secret accepted now: its current one and, while a rotation is under way,
 * the one before it (Secrets Manager's {@code AWSCURRENT} and {@code AWSPREVIOUS}). Accepting
 * both is what lets an operator put a new value first and change whoever presents it
 * (CloudFront's header, the operator's own scripts) after, with no refusal in between.
 *
 * @param values current first; empty when the secret has none (nothing is accepted)
 */
public record SecretValues(List<String> values) {
    public static final SecretValues NONE = new SecretValues(List.of());

    public SecretValues {
        values = values.stream().filter(Objects::nonNull).filter(v -> !v.isEmpty()).distinct().toList();
    }

    public static SecretValues of(String... values) {
        return new SecretValues(java.util.Arrays.asList(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Whether {@code presented} is one of the values: SHA-256 of each compared in constant
     * time, so the time depends neither on how much of a guess was right nor on the values'
     * lengths; every value is compared, whichever matches.
     */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] p = Sha256.of(presented);
        boolean accepted = false;
        for (String v : values) {
            accepted |= MessageDigest.isEqual(p, Sha256.of(v));
        }
        return accepted;
    }
}
