package com.groupgate.audit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A tree head of a tenant's audit log — its origin, size and root — and its text as a
 * C2SP {@code tlog-checkpoint} note (c2sp.org/tlog-checkpoint):
 * <pre>
 * gg.example.com/audit/t1abc
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 * </pre>
 * the origin line, the tree size in decimal without leading zeros, and the standard base64
 * of the RFC 6962 root, each line ending in a newline. GroupGate writes no extension
 * lines (the spec recommends against them, since monitors cannot audit them) and refuses
 * them when parsing. {@link #sign} turns it into a signed note.
 */
public record Checkpoint(String origin, long size, Hash rootHash) {
    /** The path segment between host and tenant in every GroupGate origin. */
    public static final String AUDIT_PATH = "/audit/";
    private static final int MAX_ORIGIN_LENGTH = 512;

    /**
     * @throws IllegalArgumentException naming {@code origin} when it is empty, too long, or
     *     holds a space, a plus sign or a control character — the origin is also the
     *     signature's key name, which the signed-note spec forbids those in
     */
    public Checkpoint {
        checkKeyName("origin", origin, MAX_ORIGIN_LENGTH);
        MerkleTree.checkSize("size", size);
        Objects.requireNonNull(rootHash, "rootHash");
    }

    /** The checkpoint of the first {@code size} leaves of the log whose perfect subtrees are {@code stored}. */
    public static Checkpoint of(String origin, SubtreeHashes stored, long size) {
        return new Checkpoint(origin, size, MerkleTree.root(stored, size));
    }

    /**
     * A log's origin, {@code <host>/audit/<logId>}, as PRODUCT.md names it: a
     * schema-less URL, as the checkpoint spec recommends.
     *
     * @param host the API's host name (and port, if any), without scheme or path
     * @param logId the log's id (a tenant's id, or the operator's log): 1 to 64 characters
     *     of {@code [A-Za-z0-9._-]}; text, as this module knows no entity ids
     */
    public static String origin(String host, String logId) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(logId, "logId");
        if (host.isEmpty() || host.length() > 253 || !host.chars().allMatch(Checkpoint::isHostChar)) {
            throw new IllegalArgumentException("host must be 1..253 characters of A-Z a-z 0-9 . - : (no scheme or path), was \""
                    + host + "\"");
        }
        if (!AuditEntry.isToken(logId, 64, true)) {
            throw new IllegalArgumentException("logId must be 1..64 characters of A-Z a-z 0-9 . _ -, was \"" + logId + "\"");
        }
        return host + AUDIT_PATH + logId;
    }

    /** The note text: origin, size and base64 root, each line ending in {@code \n}. */
    public String noteText() {
        return origin + '\n' + size + '\n' + rootHash.toBase64() + '\n';
    }

    /** The note text in UTF-8: the exact bytes a signature covers. */
    public byte[] noteBytes() {
        return noteText().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The checkpoint whose note text is exactly {@code noteText}: three lines, each ending in
     * {@code \n}; a size of decimal digits without leading zeros; the canonical base64 of 32
     * bytes. Anything else — extension lines, a missing final newline, {@code \r}, a sign,
     * padding variants — is refused, so a checkpoint has one text.
     *
     * @throws IllegalArgumentException naming {@code noteText} and what is wrong
     */
    public static Checkpoint parse(String noteText) {
        Objects.requireNonNull(noteText, "noteText");
        if (!noteText.endsWith("\n")) {
            throw new IllegalArgumentException("noteText must end in a newline");
        }
        String[] lines = noteText.substring(0, noteText.length() - 1).split("\n", -1);
        if (lines.length != 3) {
            throw new IllegalArgumentException("noteText must be exactly three lines (origin, size, root hash), was "
                    + lines.length);
        }
        long size = parseSize(lines[1]);
        Hash root;
        try {
            root = Hash.fromBase64(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("noteText's root hash line is not the base64 of 32 bytes");
        }
        try {
            return new Checkpoint(lines[0], size, root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("noteText's " + e.getMessage(), e);
        }
    }

    /**
     * Signs the note text with {@code signer} (ECDSA P-256 over SHA-256, as KMS
     * {@code ECDSA_SHA_256} does) under the key name {@link #origin}, as the checkpoint
     * spec says the log's key name should be. The signature is checked against the
     * signer's public key before it is returned, so a misconfigured signer (another key,
     * another algorithm) fails here rather than in a tenant's verifier.
     */
    public SignedCheckpoint sign(NoteSigner signer) {
        Objects.requireNonNull(signer, "signer");
        NoteKey key = NoteKey.of(origin, signer.publicKey());
        byte[] signature = Objects.requireNonNull(signer.sign(noteBytes()), "signer.sign returned null");
        if (!SignedCheckpoint.signatureVerifies(this, signature, key)) {
            throw new IllegalStateException("the signer's signature does not verify with its own public key");
        }
        return new SignedCheckpoint(this, key, signature);
    }

    private static long parseSize(String line) {
        boolean digits = !line.isEmpty() && line.length() <= 16 && line.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || (line.length() > 1 && line.charAt(0) == '0')) {
            throw new IllegalArgumentException("noteText's size line must be decimal digits without leading zeros, was \""
                    + line + "\"");
        }
        long size = Long.parseLong(line);
        MerkleTree.checkSize("noteText's size", size);
        return size;
    }

    /**
     * The signed-note spec's key name: non-empty, no Unicode space or {@code +}; and, since a
     * signed note may hold no control character but the newline, none of those either.
     */
    static void checkKeyName(String name, String value, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1.." + maxLength + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '+' || Character.isISOControl(c)
                    || Character.getType(c) == Character.SURROGATE) {
                throw new IllegalArgumentException(name + " must hold no space, plus sign, control character or unpaired"
                        + " surrogate; found U+" + String.format("%04X", c) + " at " + i);
            }
            i += Character.charCount(c);
        }
    }

    private static boolean isHostChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':';
    }
}
