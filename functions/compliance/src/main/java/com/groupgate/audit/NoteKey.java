package com.groupgate.audit;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * A checkpoint signing key as a signed note names it (c2sp.org/signed-note): a key name
 * and an ECDSA P-256 public key, with the note's 4-byte key ID.
 *
 * <h2>Which signature type</h2>
 * KMS signs with an {@code ECC_NIST_P256} key and {@code ECDSA_SHA_256}. The signed-note
 * spec defines Ed25519 itself (type {@code 0x01}) and assigns type {@code 0x02} to "ECDSA
 * signatures as implemented by github.com/transparency-dev/witness", curve P-256 (or P-384,
 * P-521), so no extension type ({@code 0xff}) is needed. As that implementation and the
 * spec's note on it define type {@code 0x02}:
 * <ul>
 * <li>the signature is ASN.1 DER ECDSA over SHA-256 of the note text — exactly what KMS
 *     {@code Sign} returns for {@code ECDSA_SHA_256} with {@code MessageType RAW}, and
 *     what the JDK's {@code SHA256withECDSA} makes and checks;
 * <li>the key ID is the first four bytes (big-endian) of SHA-256 of the public key's DER
 *     {@code SubjectPublicKeyInfo} alone — not the spec's recommended
 *     {@code SHA-256(name || 0x0A || type || key)} used for Ed25519, which the spec notes
 *     as an exception for this type. Because the name is not hashed in, every tenant's
 *     log signed by the one KMS key shares one key ID; the key name (the origin) tells
 *     them apart;
 * <li>a verifier key is written {@code <name>+<8 hex key ID>+<base64(0x02 || SPKI DER)>}.
 * </ul>
 * The signature line is then {@code — <name> <base64(key ID || DER signature)>}.
 */
public final class NoteKey {
    /** The signed-note signature type of ECDSA keys. */
    public static final byte SIGNATURE_TYPE_ECDSA = 0x02;
    private static final int MAX_NAME_LENGTH = 512;
    private static final ECParameterSpec P256 = p256();

    private final String name;
    private final ECPublicKey publicKey;
    private final byte[] spki;
    private final int keyId;

    private NoteKey(String name, ECPublicKey publicKey) {
        this.name = name;
        this.publicKey = publicKey;
        this.spki = publicKey.getEncoded();
        this.keyId = keyIdOf(spki);
    }

    /**
     * The key {@code publicKey} under {@code name}.
     *
     * @throws IllegalArgumentException naming {@code name} when it is not a valid key name
     *     (empty, a space, a plus sign or a control character), or {@code publicKey} when
     *     it is not an ECDSA P-256 key
     */
    public static NoteKey of(String name, PublicKey publicKey) {
        Checkpoint.checkKeyName("name", name, MAX_NAME_LENGTH);
        Objects.requireNonNull(publicKey, "publicKey");
        if (!(publicKey instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
            throw new IllegalArgumentException("publicKey must be an EC key on NIST P-256, was " + publicKey.getAlgorithm());
        }
        return new NoteKey(name, ec);
    }

    /**
     * The key whose DER {@code SubjectPublicKeyInfo} is {@code spki}, as KMS
     * {@code GetPublicKey} returns it. The key ID hashes these bytes, so only the standard
     * encoding (named curve, uncompressed point: what the JDK, Go and KMS write) is
     * accepted; any other spelling of the same key would give another ID.
     */
    public static NoteKey fromSpki(String name, byte[] spki) {
        Objects.requireNonNull(spki, "spki");
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("spki is not a DER SubjectPublicKeyInfo of an EC key", e);
        }
        NoteKey noteKey = of(name, key);
        if (!MessageDigest.isEqual(noteKey.spki, spki)) {
            throw new IllegalArgumentException("spki must be the standard DER encoding (named curve, uncompressed point)");
        }
        return noteKey;
    }

    public String name() {
        return name;
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    /** The DER {@code SubjectPublicKeyInfo}, a copy. */
    public byte[] spki() {
        return spki.clone();
    }

    /** The signed-note key ID: {@code SHA-256(SPKI DER)[:4]} as a big-endian integer. */
    public int keyId() {
        return keyId;
    }

    /** The key ID as 8 lowercase hex digits, as verifier keys write it. */
    public String keyIdHex() {
        return String.format("%08x", keyId);
    }

    /** The verifier key text: {@code <name>+<hex key ID>+<base64(0x02 || SPKI DER)>}. */
    public String verifierKey() {
        byte[] typed = new byte[1 + spki.length];
        typed[0] = SIGNATURE_TYPE_ECDSA;
        System.arraycopy(spki, 0, typed, 1, spki.length);
        return name + '+' + keyIdHex() + '+' + Base64.getEncoder().encodeToString(typed);
    }

    /** The public key as a PEM {@code PUBLIC KEY} block (SPKI, 64-character lines). */
    public String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki);
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** The same public key under another name (another tenant's origin). */
    public NoteKey withName(String otherName) {
        return of(otherName, publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteKey k && k.name.equals(name) && MessageDigest.isEqual(k.spki, spki);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + keyId;
    }

    @Override
    public String toString() {
        return name + '+' + keyIdHex();
    }

    static int keyIdOf(byte[] spki) {
        byte[] hash;
        try { // not com.groupgate.hash.Sha256: the audit module depends on nothing of GroupGate's
            hash = MessageDigest.getInstance("SHA-256").digest(spki);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        return (hash[0] & 0xFF) << 24 | (hash[1] & 0xFF) << 16 | (hash[2] & 0xFF) << 8 | (hash[3] & 0xFF);
    }

    private static boolean isP256(ECParameterSpec params) {
        return params != null
                && params.getCurve().equals(P256.getCurve())
                && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder())
                && params.getCofactor() == P256.getCofactor();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("NIST P-256 is required of every Java platform", e);
        }
    }
}
