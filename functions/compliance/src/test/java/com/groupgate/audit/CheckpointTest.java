package com.groupgate.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CheckpointTest {
    private static final String ORIGIN = "gg.example.com/audit/t1abc";
    private static final Hash ROOT = Hash.fromBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    private static final JdkNoteSigner SIGNER = JdkNoteSigner.generate();

    @Test
    void noteTextIsTheTlogCheckpointFormat() {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 20852163, ROOT);
        assertEquals("gg.example.com/audit/t1abc\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
                checkpoint.noteText());
        assertEquals(checkpoint, Checkpoint.parse(checkpoint.noteText()));
        assertEquals("gg.example.com/audit/t1abc", Checkpoint.origin("gg.example.com", "t1abc"));
        assertEquals(ORIGIN + "\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
                new Checkpoint(ORIGIN, 0, Hash.emptyTree()).noteText(), "the empty log");
        assertEquals(Checkpoint.of(ORIGIN, new InMemorySubtreeHashes(), 0), new Checkpoint(ORIGIN, 0, Hash.emptyTree()));
    }

    @Test
    void parsingRefusesEveryOtherSpelling() {
        String good = new Checkpoint(ORIGIN, 7, ROOT).noteText();
        String[] bad = {
            good.substring(0, good.length() - 1),                 // no final newline
            good + "extension line\n",                            // extension line
            good.replace("\n7\n", "\n07\n"),                      // leading zero
            good.replace("\n7\n", "\n+7\n"),                      // sign
            good.replace("\n7\n", "\n-7\n"),
            good.replace("\n7\n", "\n\n"),                        // empty size
            good.replace("=\n", "\n"),                            // unpadded base64
            good.replace("\n", "\r\n"),                           // CRLF
            " " + good,                                            // space in the origin
            good.replace("t1abc", "t1+abc"),                      // plus in the origin
            good.replace("\n7\n", "\n9007199254740992\n"),        // past MAX_SIZE
            "\n7\n" + ROOT.toBase64() + "\n",                     // empty origin
        };
        for (String text : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse(text), text);
            assertTrue(e.getMessage().startsWith("noteText"), e.getMessage());
        }
    }

    @Test
    void aSignatureMadeWithAJdkP256KeyVerifiesWithThePublicKeyAlone() throws Exception {
        SignedCheckpoint signed = new Checkpoint(ORIGIN, 7, ROOT).sign(SIGNER);
        // What a tenant does with the served PEM and plain JDK Signature, no GroupGate code:
        String pem = signed.key().publicKeyPem();
        byte[] spki = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", ""));
        PublicKey served = java.security.KeyFactory.getInstance("EC")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(served);
        verifier.update("gg.example.com/audit/t1abc\n7\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(signed.signatureBase64())));
        assertTrue(signed.verifies(served));

        verifier.initVerify(served);
        verifier.update("gg.example.com/audit/t1abc\n8\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n".getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(signed.signature()), "another size is another note");
        assertFalse(signed.verifies(JdkNoteSigner.generate().publicKey()), "another key");
    }

    @Test
    void theKeyIdIsTheTruncatedSha256OfTheSpkiAsSignatureType0x02Defines() throws Exception {
        NoteKey key = NoteKey.of(ORIGIN, SIGNER.publicKey());
        byte[] spki = SIGNER.publicKey().getEncoded();
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(spki);
        assertEquals(ByteBuffer.wrap(hash, 0, 4).getInt(), key.keyId());
        assertEquals(HexFormat.of().formatHex(hash, 0, 4), key.keyIdHex());
        byte[] typed = new byte[spki.length + 1];
        typed[0] = 0x02;
        System.arraycopy(spki, 0, typed, 1, spki.length);
        assertEquals(ORIGIN + "+" + key.keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed), key.verifierKey());
        assertEquals(key.keyId(), key.withName("gg.example.com/audit/other").keyId(), "one KMS key, one key ID for all tenants");
        assertEquals(key, NoteKey.fromSpki(ORIGIN, spki));
    }

    @Test
    void theSignedNoteCarriesTheSignatureLineAndOpensWithTheKey() {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 7, ROOT);
        SignedCheckpoint signed = checkpoint.sign(SIGNER);
        String note = signed.signedNote();
        assertTrue(note.startsWith(checkpoint.noteText() + "\n\u2014 " + ORIGIN + " "), note);
        assertTrue(note.endsWith("\n"));
        byte[] payload = Base64.getDecoder().decode(note.substring(note.lastIndexOf(' ') + 1, note.length() - 1));
        assertEquals(signed.key().keyId(), ByteBuffer.wrap(payload).getInt());
        assertArrayEquals(signed.signature(), java.util.Arrays.copyOfRange(payload, 4, payload.length));

        NoteKey key = NoteKey.of(ORIGIN, SIGNER.publicKey());
        assertEquals(checkpoint, SignedCheckpoint.open(note, key));
        // Signatures of unknown keys (a witness's cosignature, say) are ignored.
        String cosigned = note + "\u2014 witness.example/w1 " + Base64.getEncoder().encodeToString(new byte[68]) + "\n";
        assertEquals(checkpoint, SignedCheckpoint.open(cosigned, key));
    }

    @Test
    void aTamperedOrForeignNoteDoesNotOpen() {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 7, ROOT);
        String note = checkpoint.sign(SIGNER).signedNote();
        NoteKey key = NoteKey.of(ORIGIN, SIGNER.publicKey());
        assertRefused(note.replace("\n7\n", "\n8\n"), key);                                  // size changed
        assertRefused(note, NoteKey.of(ORIGIN, JdkNoteSigner.generate().publicKey()));        // another key
        assertRefused(note, key.withName("gg.example.com/audit/other"));                      // another tenant's name
        assertRefused(checkpoint.noteText(), key);                                            // unsigned
        assertRefused(note.replace("\u2014", "-"), key);                                      // not an em dash
        SignedCheckpoint other = new Checkpoint("gg.example.com/audit/other", 7, ROOT).sign(SIGNER);
        assertRefused(other.signedNote(), key);                                              // another log
    }

    @Test
    void aKmsShapedSignerFits() {
        // KMS gives DER from Sign and SPKI from GetPublicKey; a NoteSigner is those two calls.
        JdkNoteSigner kms = JdkNoteSigner.generate();
        byte[] spki = kms.publicKey().getEncoded();
        NoteSigner adapter = new NoteSigner() {
            @Override
            public PublicKey publicKey() {
                return NoteKey.fromSpki("kms", spki).publicKey();
            }

            @Override
            public byte[] sign(byte[] message) {
                return kms.sign(message);
            }
        };
        assertTrue(new Checkpoint(ORIGIN, 1, ROOT).sign(adapter).verifies(kms.publicKey()));
        NoteSigner wrongKey = new NoteSigner() {
            @Override
            public PublicKey publicKey() {
                return SIGNER.publicKey();
            }

            @Override
            public byte[] sign(byte[] message) {
                return kms.sign(message);
            }
        };
        assertThrows(IllegalStateException.class, () -> new Checkpoint(ORIGIN, 1, ROOT).sign(wrongKey));
    }

    @Test
    void onlyP256KeysAndValidNamesAreKeys() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoteKey.of(ORIGIN, p384.generateKeyPair().getPublic()));
        assertTrue(e.getMessage().startsWith("publicKey"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoteKey.of("with space", SIGNER.publicKey()));
        assertTrue(e.getMessage().startsWith("name"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.origin("https://gg.example.com", "t1"));
        assertTrue(e.getMessage().startsWith("host"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Checkpoint(ORIGIN, -1, ROOT));
        assertTrue(e.getMessage().startsWith("size"), e.getMessage());
    }

    private static void assertRefused(String note, NoteKey key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignedCheckpoint.open(note, key), note);
        assertTrue(e.getMessage().startsWith("signedNote") || e.getMessage().startsWith("noteText"), e.getMessage());
    }
}
