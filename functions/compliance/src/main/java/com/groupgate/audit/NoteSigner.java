package com.groupgate.audit;

import java.security.PublicKey;

/**
 * Signs checkpoint notes with an ECDSA P-256 key. Deployed, KMS does it: {@code Sign} with
 * {@code SigningAlgorithm ECDSA_SHA_256} and {@code MessageType RAW} on the note bytes, and
 * {@code GetPublicKey} once per container for {@link #publicKey}. {@link JdkNoteSigner}
 * does it with a key in memory, for tests and local runs.
 */
public interface NoteSigner {
    /** The ECDSA P-256 public key that verifies this signer's signatures. */
    PublicKey publicKey();

    /** An ECDSA signature over SHA-256 of {@code message}, ASN.1 DER encoded. */
    byte[] sign(byte[] message);
}
