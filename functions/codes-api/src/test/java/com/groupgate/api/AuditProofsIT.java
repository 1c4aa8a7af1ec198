package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served inclusion and consistency proofs are exactly RFC 6962's, for every index and
 * every pair of sizes of a log of 13 entries, checked against {@link Rfc6962} (the RFC's
 * recursive definitions over the listed leaf inputs) rather than the service's code.
 */
class AuditProofsIT {
    private static final int ENTRIES = 13;
    private static HttpCalls api;
    private static HttpCalls audit;
    private static ApiTestbed.TestTenant tenant;
    private static List<byte[]> leafInputs;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(Clock.systemUTC());
        audit = ApiTestbed.audit(Clock.systemUTC());
        tenant = ApiTestbed.newTenant(api, "Proofs");
        for (int i = 1; i < ENTRIES; i++) {
            assertEquals(201, api.post("/v1/groups", "{\"name\":\"P" + i + "\"}", tenant.auth()).status());
        }
        leafInputs = new ArrayList<>();
        for (JsonNode item : get("/v1/audit", Map.of("limit", "100")).path("items")) {
            leafInputs.add(Base64.getDecoder().decode(item.path("leafInput").asText()));
        }
        assertEquals(ENTRIES, leafInputs.size());
    }

    private static JsonNode get(String path, Map<String, String> query) {
        var r = audit.call("GET", path, query, null, tenant.auth(), "198.51.100.7");
        assertEquals(200, r.status(), path + " " + query + ": " + r.body());
        return r.json();
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> out = new ArrayList<>();
        proof.path("hashes").forEach(h -> out.add(Base64.getDecoder().decode(h.asText())));
        return out;
    }

    @Test
    void everyInclusionProofAtEverySizeIsTheRfcsPath() {
        for (int size = 1; size <= ENTRIES; size++) {
            List<byte[]> tree = leafInputs.subList(0, size);
            for (int index = 0; index < size; index++) {
                JsonNode proof = get("/v1/audit/proof", Map.of("index", "" + index, "size", "" + size));
                assertEquals(index, proof.path("index").asInt());
                assertEquals(size, proof.path("size").asInt());
                assertArrayEquals(Rfc6962.leaf(tree.get(index)),
                        Base64.getDecoder().decode(proof.path("leafHash").asText()), index + "/" + size);
                assertTrue(Rfc6962.same(Rfc6962.path(index, tree), hashes(proof)), "path " + index + "/" + size);
            }
        }
    }

    @Test
    void everyConsistencyProofBetweenTwoSizesIsTheRfcsProof() {
        for (int to = 1; to <= ENTRIES; to++) {
            for (int from = 1; from <= to; from++) {
                JsonNode proof = get("/v1/audit/consistency", Map.of("from", "" + from, "to", "" + to));
                assertEquals(from, proof.path("from").asInt());
                assertEquals(to, proof.path("to").asInt());
                assertTrue(Rfc6962.same(Rfc6962.proof(from, leafInputs.subList(0, to)), hashes(proof)),
                        "proof " + from + " -> " + to);
            }
        }
    }

    @Test
    void sizesDefaultToTheLogsAndOutOfRangeArgumentsAreRefusedNamingThem() {
        assertEquals(ENTRIES, get("/v1/audit/proof", Map.of("index", "0")).path("size").asInt());
        assertEquals(ENTRIES, get("/v1/audit/consistency", Map.of("from", "1")).path("to").asInt());
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("index", "" + ENTRIES), "index",
                Map.of("index", "0", "size", "" + (ENTRIES + 1)), "size",
                Map.of("index", "-1"), "index",
                Map.of(), "index");
        bad.forEach((query, field) -> {
            var r = audit.call("GET", "/v1/audit/proof", query, null, tenant.auth(), "198.51.100.7");
            assertEquals(400, r.status(), query + ": " + r.body());
            assertEquals(field, r.json().path("error").path("field").asText(), r.body());
        });
        var r = audit.call("GET", "/v1/audit/consistency", Map.of("from", "0"), null, tenant.auth(), "198.51.100.7");
        assertEquals(400, r.status(), r.body());
        assertEquals("from", r.json().path("error").path("field").asText());
    }
}
