package com.groupgate.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;

/**
 * A {@link NoteSigner} over a P-256 key pair held by the JDK: for tests and local runs,
 * where KMS's role is played by a key in memory. Signs with {@code SHA256withECDSA}, whose
 * DER output is the same format KMS returns.
 */
public final class JdkNoteSigner implements NoteSigner {
    private final KeyPair keyPair;

    private JdkNoteSigner(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /** Signs with {@code keyPair}, which must be an EC key pair on P-256. */
    public static JdkNoteSigner of(KeyPair keyPair) {
        Objects.requireNonNull(keyPair, "keyPair");
        NoteKey.of("check", keyPair.getPublic()); // refuses anything but P-256
        return new JdkNoteSigner(keyPair);
    }

    /** A signer over a fresh P-256 key pair. */
    public static JdkNoteSigner generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new JdkNoteSigner(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is required of every Java platform", e);
        }
    }

    @Override
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    @Override
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keyPair.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA is required of every Java platform", e);
        }
    }
}
