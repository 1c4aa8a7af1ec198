package com.groupgate.api.audit;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.api.edge.Paging;
import com.groupgate.audit.Actor;
import com.groupgate.audit.AuditEntry;
import com.groupgate.audit.ConsistencyProof;
import com.groupgate.audit.Hash;
import com.groupgate.audit.InclusionProof;
import com.groupgate.audit.NoteKey;
import com.groupgate.auditlog.AuditLogTable;
import com.groupgate.auditlog.CheckpointSigner;
import com.groupgate.auditlog.CheckpointTable;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.tenant.Tenant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tenant's audit log, read: {@code GET /v1/audit} lists entries oldest first, each with
 * its {@code leafInput} (base64 of the exact bytes hashed) so anyone can recompute its leaf.
 */
final class AuditRoutes {
    private final Authenticator auth;
    private final AuditLogTable log;
    private final CheckpointTable checkpoints;
    private final CheckpointSigner signer;

    AuditRoutes(Authenticator auth, AuditLogTable log, CheckpointTable checkpoints, CheckpointSigner signer) {
        this.auth = auth;
        this.log = log;
        this.checkpoints = checkpoints;
        this.signer = signer;
    }

    void register(Router router) {
        router.on("GET", "/v1/audit", this::list)
                .on("GET", "/v1/audit/proof", this::proof)
                .on("GET", "/v1/audit/consistency", this::consistency)
                .on("POST", "/v1/audit/checkpoint", this::signNow)
                .on("GET", "/v1/audit/checkpoint", this::latest)
                .on("GET", "/v1/audit/public-key", this::publicKey)
                .on("GET", "/v1/audit/export", this::export);
    }

    /** Signs a checkpoint of the log's current size now (or answers the latest, when it covers that size). */
    private ApiResponse signNow(ApiRequest request) {
        String logId = auth.tenant(request).tenantId().toString();
        JsonFields.of(Json.body(request), Set.of());
        return signer.signNow(logId).map(c -> ApiResponse.json(200, checkpoint(c)))
                .orElseThrow(() -> new RefusalException(Refusal.CONFLICT, "the log has no entries to sign yet"));
    }

    private ApiResponse latest(ApiRequest request) {
        String logId = auth.tenant(request).tenantId().toString();
        return checkpoints.latest(logId).map(c -> ApiResponse.json(200, checkpoint(c)))
                .orElseThrow(RefusalException::notFound);
    }

    private ApiResponse publicKey(ApiRequest request) {
        String logId = auth.tenant(request).tenantId().toString();
        return ApiResponse.json(200, publicKey(signer.key(logId)));
    }

    /**
     * Everything a verifier needs offline, as one document: every entry with its leaf input,
     * the latest signed checkpoint (or null) and the public key.
     */
    private ApiResponse export(ApiRequest request) {
        String logId = auth.tenant(request).tenantId().toString();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("origin", signer.origin(logId));
        out.put("publicKey", publicKey(signer.key(logId)));
        out.put("checkpoint", checkpoints.latest(logId).map(AuditRoutes::checkpoint).orElse(null));
        // Each entry with the leaf hash stored when it was appended (what the signed roots
        // cover), so a verifier can name an entry whose stored bytes changed since.
        Map<Long, Hash> leaves = log.leafHashes(logId);
        out.put("entries", log.allEntries(logId).stream().map(e -> {
            Map<String, Object> view = view(e);
            Hash leaf = leaves.get(e.index());
            if (leaf != null) {
                view.put("leafHash", leaf.toBase64());
            }
            return view;
        }).toList());
        return ApiResponse.json(200, out);
    }

    private static Map<String, Object> publicKey(NoteKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keyId", key.keyIdHex());
        out.put("publicKeyPem", key.publicKeyPem());
        out.put("verifierKey", key.verifierKey());
        return out;
    }

    /** {@code note} is the note text the signature covers; {@code signedNote} the C2SP signed note. */
    static Map<String, Object> checkpoint(CheckpointTable.Stored c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("origin", c.origin());
        out.put("size", c.size());
        out.put("rootHash", c.rootHash());
        out.put("note", c.note());
        out.put("signature", Base64.getEncoder().encodeToString(c.signature()));
        out.put("signedNote", c.signedNote());
        out.put("keyId", c.keyId());
        out.put("at", c.at().toString());
        return out;
    }

    /**
     * The inclusion proof of entry {@code index} in the tree of the first {@code size}
     * entries ({@code size} defaults to the log's size): {@code 0 <= index < size <= log size}.
     */
    private ApiResponse proof(ApiRequest request) {
        String logId = auth.tenant(request).tenantId().toString();
        long logSize = log.size(logId);
        long size = request.queryParam("size") == null ? logSize : number(request.queryParam("size"), "size");
        if (size < 1 || size > logSize) {
            throw RefusalException.badField("size", "must be 1.." + logSize + " (the log's size)");
        }
        long index = number(required(request, "index"), "index");
        if (index >= size) {
            throw RefusalException.badField("index", "must be 0.." + (size - 1) + " (below size)");
        }
        InclusionProof proof = InclusionProof.of(log.storedHashes(logId), index, size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", index);
        out.put("size", size);
        out.put("leafHash", proof.leafHash().toBase64());
        out.put("hashes", proof.hashes().stream().map(Hash::toBase64).toList());
        return ApiResponse.json(200, out);
    }

    /**
     * The consistency proof between the trees of the first {@code from} and {@code to}
     * entries ({@code to} defaults to the log's size): {@code 1 <= from <= to <= log size}.
     */
    private ApiResponse consistency(ApiRequest request) {
        String logId = auth.tenant(request).tenantId().toString();
        long logSize = log.size(logId);
        long to = request.queryParam("to") == null ? logSize : number(request.queryParam("to"), "to");
        if (to < 1 || to > logSize) {
            throw RefusalException.badField("to", "must be 1.." + logSize + " (the log's size)");
        }
        long from = number(required(request, "from"), "from");
        if (from < 1 || from > to) {
            throw RefusalException.badField("from", "must be 1.." + to + " (at most to)");
        }
        ConsistencyProof proof = ConsistencyProof.of(log.storedHashes(logId), from, to);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from);
        out.put("to", to);
        out.put("hashes", proof.hashes().stream().map(Hash::toBase64).toList());
        return ApiResponse.json(200, out);
    }

    private static String required(ApiRequest request, String name) {
        String v = request.queryParam(name);
        if (v == null) {
            throw RefusalException.badField(name, "is required");
        }
        return v;
    }

    /** A non-negative decimal of at most 16 digits. */
    private static long number(String text, String field) {
        if (!text.matches("0|[1-9][0-9]{0,15}")) {
            throw RefusalException.badField(field, "must be a non-negative integer");
        }
        return Long.parseLong(text);
    }

    private ApiResponse list(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        int limit = Paging.intParam(request, "limit", 1, 100, 50);
        long from = index(request.queryParam("cursor"), "cursor");
        AuditLogTable.Page page = log.entries(tenant.tenantId().toString(), from, limit);
        List<Map<String, Object>> items = page.entries().stream().map(AuditRoutes::view).toList();
        return Paging.page(items, page.next() < 0 ? null : Long.toString(page.next()));
    }

    /** A non-negative decimal index, or 0 when absent. */
    static long index(String text, String field) {
        if (text == null) {
            return 0;
        }
        if (!text.matches("0|[1-9][0-9]{0,15}")) {
            throw RefusalException.badField(field, "not a cursor this API returned");
        }
        return Long.parseLong(text);
    }

    static Map<String, Object> view(AuditLogTable.StoredEntry stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", stored.index());
        AuditEntry e = stored.entry();
        if (e != null) {
            out.put("at", e.at().toString());
            out.put("actor", e.actor() instanceof Actor.ApiKey key ? Map.of("keyId", key.keyId()) : "admin");
            out.put("action", e.action());
            out.put("target", e.target());
            out.put("summary", e.summary());
        }
        out.put("leafInput", Base64.getEncoder().encodeToString(stored.leafInput()));
        return out;
    }
}
