package com.groupgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published RFC 6962 test vectors of the certificate-transparency reference
 * implementation, as transparency-dev/merkle also carries them: eight leaf inputs, the
 * root of every prefix, and a few inclusion and consistency proofs. The values are
 * restated here; our tree must produce and accept exactly them.
 */
class Rfc6962VectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static final String[] LEAF_INPUTS = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

    /** ROOTS[n - 1] is the root of the first n leaves. */
    private static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    private static InMemorySubtreeHashes log() {
        InMemorySubtreeHashes log = new InMemorySubtreeHashes();
        for (String input : LEAF_INPUTS) {
            log.append(HEX.parseHex(input));
        }
        return log;
    }

    @Test
    void hashesMatchTheRfcsDefinitions() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hash.emptyTree().toHex());
        // The hash of an empty leaf is not the empty tree's root.
        assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Hash.leaf(new byte[0]).toHex());
        assertEquals("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56",
                Hash.leaf("L123456".getBytes(StandardCharsets.US_ASCII)).toHex());
        // node() takes hashes; the published vector hashes the 4-byte strings N123 and N456,
        // so check the construction SHA-256(0x01 || left || right) with padded stand-ins.
        byte[] left = new byte[32];
        byte[] right = new byte[32];
        left[0] = 1;
        right[0] = 2;
        byte[] expected = sha256(concat(new byte[] {1}, left, right));
        assertEquals(HEX.formatHex(expected), Hash.node(Hash.of(left), Hash.of(right)).toHex());
    }

    @Test
    void rootOfEveryPrefixIsThePublishedOne() {
        InMemorySubtreeHashes log = log();
        assertEquals(Hash.emptyTree(), MerkleTree.root(log, 0));
        for (int n = 1; n <= 8; n++) {
            assertEquals(ROOTS[n - 1], MerkleTree.root(log, n).toHex(), "root of " + n);
        }
    }

    @Test
    void inclusionProofsAreThePublishedOnes() {
        // {leaf index (0-based), tree size, path...}
        checkInclusion(0, 1);
        checkInclusion(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        checkInclusion(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        checkInclusion(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        checkInclusion(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    @Test
    void consistencyProofsAreThePublishedOnes() {
        checkConsistency(1, 1);
        checkConsistency(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        checkConsistency(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        checkConsistency(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        checkConsistency(6, 7, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    @Test
    void publishedProofsFailWhenAnythingAboutThemIsWrong() {
        InMemorySubtreeHashes log = log();
        Hash root8 = MerkleTree.root(log, 8);
        InclusionProof p = InclusionProof.of(log, 5, 8);
        Hash leaf = p.leafHash();
        assertTrue(InclusionProof.verify(5, 8, leaf, p.hashes(), root8));
        assertFalse(InclusionProof.verify(4, 8, leaf, p.hashes(), root8), "index - 1");
        assertFalse(InclusionProof.verify(6, 8, leaf, p.hashes(), root8), "index + 1");
        assertFalse(InclusionProof.verify(5 ^ 2, 8, leaf, p.hashes(), root8), "index ^ 2");
        assertFalse(InclusionProof.verify(5, 16, leaf, p.hashes(), root8), "size * 2");
        assertFalse(InclusionProof.verify(5, 4, leaf, p.hashes(), root8), "size / 2");
        assertFalse(InclusionProof.verify(5, 8, leaf, p.hashes(), Hash.emptyTree()), "empty root");
        assertFalse(InclusionProof.verify(5, 8, leaf, plus(p.hashes(), root8), root8), "trailing root");
        assertFalse(InclusionProof.verify(5, 8, leaf, plus(List.of(root8), p.hashes()), root8), "preceding root");
        assertFalse(InclusionProof.verify(5, 8, leaf, p.hashes().subList(0, 2), root8), "removed component");

        ConsistencyProof c = ConsistencyProof.of(log, 6, 8);
        Hash root6 = MerkleTree.root(log, 6);
        assertTrue(ConsistencyProof.verify(6, 8, c.hashes(), root6, root8));
        assertFalse(ConsistencyProof.verify(5, 8, c.hashes(), root6, root8), "from - 1");
        assertFalse(ConsistencyProof.verify(7, 8, c.hashes(), root6, root8), "from + 1");
        assertFalse(ConsistencyProof.verify(6, 16, c.hashes(), root6, root8), "to * 2");
        assertFalse(ConsistencyProof.verify(6, 4, c.hashes(), root6, root8), "to / 2");
        assertFalse(ConsistencyProof.verify(6, 8, c.hashes(), root8, root6), "swapped roots");
        assertFalse(ConsistencyProof.verify(6, 8, List.of(), root6, root8), "empty proof");
        assertFalse(ConsistencyProof.verify(6, 8, plus(c.hashes(), root8), root6, root8), "trailing root");
        assertFalse(ConsistencyProof.verify(6, 8, plus(List.of(c.hashes().get(0)), c.hashes()), root6, root8),
                "preceding proof[0]");
        assertFalse(ConsistencyProof.verify(6, 8, c.hashes().subList(0, 2), root6, root8), "truncated");
        assertNotEquals(root6, root8);
    }

    private static void checkInclusion(int index, int size, String... path) {
        InMemorySubtreeHashes log = log();
        InclusionProof proof = InclusionProof.of(log, index, size);
        assertEquals(List.of(path), hex(proof.hashes()), "path of " + index + " in " + size);
        assertEquals(Hash.leaf(HEX.parseHex(LEAF_INPUTS[index])), proof.leafHash());
        assertTrue(proof.verifies(Hash.of(HEX.parseHex(ROOTS[size - 1]))), "verifies " + index + " in " + size);
    }

    private static void checkConsistency(int from, int to, String... path) {
        InMemorySubtreeHashes log = log();
        ConsistencyProof proof = ConsistencyProof.of(log, from, to);
        assertEquals(List.of(path), hex(proof.hashes()), "proof " + from + " -> " + to);
        assertTrue(proof.verifies(Hash.of(HEX.parseHex(ROOTS[from - 1])), Hash.of(HEX.parseHex(ROOTS[to - 1]))));
    }

    private static List<String> hex(List<Hash> hashes) {
        return hashes.stream().map(Hash::toHex).toList();
    }

    private static List<Hash> plus(List<Hash> first, List<Hash> second) {
        List<Hash> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<Hash> plus(List<Hash> first, Hash last) {
        return plus(first, List.of(last));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(input);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
