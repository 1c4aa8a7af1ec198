package com.groupgate.auditlog;

import com.groupgate.audit.NoteSigner;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Signs checkpoint notes with the audit key in KMS ({@code ECC_NIST_P256},
 * {@code SIGN_VERIFY}): {@code Sign} with {@code ECDSA_SHA_256} over the raw note, which
 * answers the DER ECDSA signature over SHA-256 of it; the public key is fetched once per
 * container ({@code GetPublicKey}, SPKI DER). The private key never leaves KMS.
 */
public final class KmsNoteSigner implements NoteSigner {
    private final KmsClient kms;
    private final String keyId;
    private volatile PublicKey publicKey;

    public KmsNoteSigner(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public PublicKey publicKey() {
        PublicKey known = publicKey;
        if (known == null) {
            byte[] spki = kms.getPublicKey(g -> g.keyId(keyId)).publicKey().asByteArray();
            try {
                known = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the audit key's public key is not an EC key", e);
            }
            publicKey = known;
        }
        return known;
    }

    @Override
    public byte[] sign(byte[] message) {
        return kms.sign(s -> s.keyId(keyId).message(SdkBytes.fromByteArray(message)).messageType(MessageType.RAW)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
    }
}
