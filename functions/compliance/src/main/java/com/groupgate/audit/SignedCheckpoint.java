package com.groupgate.audit;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * A checkpoint with its ECDSA signature: what {@code GET /v1/audit/checkpoint} answers
 * ({@code "origin", "size", "rootHash"} from {@link #checkpoint}, {@code "signature"} the
 * base64 DER of {@link #signature}) and, as {@link #signedNote}, a C2SP signed note any
 * note verifier that knows the key's {@link NoteKey#verifierKey} accepts:
 * <pre>
 * gg.example.com/audit/t1abc
 * 7
 * …base64 root…
 *
 * — gg.example.com/audit/t1abc &lt;base64(key ID || DER signature)&gt;
 * </pre>
 * The signature covers exactly {@link Checkpoint#noteBytes}, so plain JDK
 * {@code Signature.getInstance("SHA256withECDSA")} with the public key alone checks it.
 */
public final class SignedCheckpoint {
    private static final String EM_DASH_SPACE = "\u2014 ";
    /** The signed-note spec asks verifiers to accept at least 16 signatures; more is refused. */
    private static final int MAX_SIGNATURE_LINES = 16;

    private final Checkpoint checkpoint;
    private final NoteKey key;
    private final byte[] signature;

    SignedCheckpoint(Checkpoint checkpoint, NoteKey key, byte[] signature) {
        this.checkpoint = checkpoint;
        this.key = key;
        this.signature = signature.clone();
    }

    /**
     * A checkpoint and a signature read back from storage, checked: the signature must
     * verify with {@code publicKey} under the checkpoint's origin as key name.
     *
     * @throws IllegalArgumentException naming {@code signature} when it does not verify
     */
    public static SignedCheckpoint of(Checkpoint checkpoint, PublicKey publicKey, byte[] signature) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(signature, "signature");
        NoteKey key = NoteKey.of(checkpoint.origin(), publicKey);
        if (!signatureVerifies(checkpoint, signature, key)) {
            throw new IllegalArgumentException("signature does not verify for this checkpoint and key");
        }
        return new SignedCheckpoint(checkpoint, key, signature);
    }

    /**
     * The checkpoint in {@code signedNote}, a C2SP signed note, when a signature line of
     * {@code key} (same name and key ID) verifies over its text. As the signed-note spec
     * requires, lines of other keys are ignored, a failing line of {@code key} rejects the
     * note, and so does having none. GroupGate names its key after the log's origin, so
     * the checkpoint's origin must also be {@code key.name()}.
     *
     * @throws IllegalArgumentException naming {@code signedNote} and why it is not accepted
     */
    public static Checkpoint open(String signedNote, NoteKey key) {
        Objects.requireNonNull(signedNote, "signedNote");
        Objects.requireNonNull(key, "key");
        for (int i = 0; i < signedNote.length(); i++) {
            char c = signedNote.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new IllegalArgumentException("signedNote holds a control character at " + i);
            }
        }
        // The text ends at the last blank line: text's final newline, then the empty line.
        int split = signedNote.lastIndexOf("\n\n");
        if (split < 0 || !signedNote.endsWith("\n")) {
            throw new IllegalArgumentException("signedNote must be text, a blank line and signature lines, each ending in a newline");
        }
        String text = signedNote.substring(0, split + 1);
        String[] lines = signedNote.substring(split + 2, signedNote.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURE_LINES) {
            throw new IllegalArgumentException("signedNote has more than " + MAX_SIGNATURE_LINES + " signatures");
        }
        Checkpoint checkpoint = Checkpoint.parse(text);
        boolean verified = false;
        for (String line : lines) {
            byte[] sig = signatureOfKey(line, key);
            if (sig == null) {
                continue;
            }
            if (!signatureVerifies(checkpoint, sig, key)) {
                throw new IllegalArgumentException("signedNote has a signature of " + key + " that does not verify");
            }
            verified = true;
        }
        if (!verified) {
            throw new IllegalArgumentException("signedNote has no signature of " + key);
        }
        if (!checkpoint.origin().equals(key.name())) {
            throw new IllegalArgumentException("signedNote's origin is not the key's name " + key.name());
        }
        return checkpoint;
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** The signing key under the checkpoint's origin as name. */
    public NoteKey key() {
        return key;
    }

    /** The ASN.1 DER ECDSA signature over {@link Checkpoint#noteBytes}, a copy. */
    public byte[] signature() {
        return signature.clone();
    }

    /** {@link #signature} in standard base64: the API's {@code "signature"}. */
    public String signatureBase64() {
        return Base64.getEncoder().encodeToString(signature);
    }

    /** {@code — <key name> <base64(key ID || signature)>} and a newline. */
    public String signatureLine() {
        byte[] payload = ByteBuffer.allocate(4 + signature.length).putInt(key.keyId()).put(signature).array();
        return EM_DASH_SPACE + key.name() + ' ' + Base64.getEncoder().encodeToString(payload) + '\n';
    }

    /** The C2SP signed note: the note text, a blank line, the signature line. */
    public String signedNote() {
        return checkpoint.noteText() + '\n' + signatureLine();
    }

    /** Whether the signature verifies with {@code publicKey}, by plain JDK {@code SHA256withECDSA}. */
    public boolean verifies(PublicKey publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        return verifyDer(checkpoint.noteBytes(), signature, publicKey);
    }

    @Override
    public String toString() {
        return signedNote();
    }

    static boolean signatureVerifies(Checkpoint checkpoint, byte[] signature, NoteKey key) {
        return verifyDer(checkpoint.noteBytes(), signature, key.publicKey());
    }

    /** The signature bytes of {@code line} when it is a well-formed line of {@code key}; else null. */
    private static byte[] signatureOfKey(String line, NoteKey key) {
        if (!line.startsWith(EM_DASH_SPACE)) {
            throw new IllegalArgumentException("signedNote has a signature line not starting with an em dash and a space");
        }
        int space = line.indexOf(' ', EM_DASH_SPACE.length());
        if (space < 0) {
            throw new IllegalArgumentException("signedNote has a signature line without a signature");
        }
        String name = line.substring(EM_DASH_SPACE.length(), space);
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(line.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signedNote has a signature that is not base64");
        }
        if (payload.length < 4) {
            throw new IllegalArgumentException("signedNote has a signature shorter than its key ID");
        }
        int keyId = ByteBuffer.wrap(payload, 0, 4).getInt();
        if (!name.equals(key.name()) || keyId != key.keyId()) {
            return null;
        }
        byte[] sig = new byte[payload.length - 4];
        System.arraycopy(payload, 4, sig, 0, sig.length);
        return sig;
    }

    private static boolean verifyDer(byte[] message, byte[] signature, PublicKey publicKey) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // not a DER signature at all
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA is required of every Java platform", e);
        }
    }
}
