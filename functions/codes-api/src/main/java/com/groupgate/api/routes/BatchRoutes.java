package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.batch.BatchCsv;
import com.groupgate.batch.BatchProblem;
import com.groupgate.batch.BatchRow;
import com.groupgate.batch.BatchStatus;
import com.groupgate.batch.PrintFormat;
import com.groupgate.code.Channel;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.hash.Sha256;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.MediaType;
import com.groupgate.http.Router;
import com.groupgate.id.BatchId;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.TenantId;
import com.groupgate.image.S3GetSigner;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.live.LiveCodeStatus;
import com.groupgate.storage.batch.Batch;
import com.groupgate.storage.batch.BatchFiles;
import com.groupgate.storage.batch.BatchTable;
import com.groupgate.storage.batch.BatchTargets;
import com.groupgate.tenant.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/batches}: a CSV of codes to issue, validated whole (every problem with
 * its line and column in one 422, nothing stored), then stored and queued for the batch
 * worker (202). {@code GET /v1/batches/{batchId}}: its progress and, once done, a
 * presigned link to its ZIP.
 *
 * <p>With {@code Idempotency-Key}, the same key and the same file answer the batch the
 * first upload made (sent to the queue again while it is still queued, in case the first
 * send was lost); the same key with another file is a 422 {@code idempotency_key_reused},
 * as the IETF draft on the header has it (409 is for a request still in progress, which
 * cannot happen here: the batch is stored before the answer).
 */
public final class BatchRoutes {
    /** 5,000 rows of long CJK labels fit; Lambda's 6 MB request limit is the hard one. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final String CONTENT_TYPE = "content-type";

    private final Authenticator auth;
    private final BatchTable batches;
    private final BatchTargets targets;
    private final BatchFiles files;
    private final BatchQueue queue;
    private final SigningKeyTable keys;
    private final ContentFilter filter;
    private final S3GetSigner signer;
    private final Set<PrintFormat> drawable;
    private final Clock clock;
    private final Audit audit;

    public BatchRoutes(Authenticator auth, BatchTable batches, BatchTargets targets, BatchFiles files, BatchQueue queue,
                SigningKeyTable keys, ContentFilter filter, S3GetSigner signer, Set<PrintFormat> drawable, Clock clock,
                Audit audit) {
        this.auth = auth;
        this.batches = batches;
        this.targets = targets;
        this.files = files;
        this.queue = queue;
        this.keys = keys;
        this.filter = filter;
        this.signer = signer;
        this.drawable = Set.copyOf(drawable);
        this.clock = clock;
        this.audit = audit;
    }

    public void register(Router router) {
        router.on("POST", "/v1/batches", this::create)
                .on("GET", "/v1/batches/{batchId}", this::get);
    }

    private ApiResponse create(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        MediaType.require(request.header(CONTENT_TYPE), "text/csv", "a batch is sent as Content-Type: text/csv");
        String idempotencyKey = idempotencyKey(request.header("idempotency-key"));
        if (request.bodyBytes().length > MAX_BODY_BYTES) {
            throw new RefusalException(Refusal.PAYLOAD_TOO_LARGE, "body: at most " + MAX_BODY_BYTES / (1024 * 1024)
                    + " MiB", "body", -1);
        }
        String csv = request.body();
        if (csv == null) {
            csv = "";
        }
        BatchCsv.Validated validated = BatchCsv.validate(csv, drawable);
        List<BatchProblem> problems = new ArrayList<>(validated.problems());
        if (problems.isEmpty()) {
            problems.addAll(checkAgainstStored(tenant.tenantId(), validated.rows()));
        }
        if (!problems.isEmpty()) {
            return refused(problems);
        }
        String bodyHash = Sha256.hex(csv.getBytes(StandardCharsets.UTF_8));
        String keyHash = idempotencyKey == null ? null : Sha256.hex(idempotencyKey);
        if (keyHash != null) {
            var earlier = batches.findByKey(tenant.tenantId(), keyHash);
            if (earlier.isPresent()) {
                return replay(earlier.get(), bodyHash);
            }
        }
        // The worker only unwraps keys: the first version is made here if the tenant's
        // first codes come from a batch.
        keys.issuingRing();
        BatchId batchId = BatchId.random();
        int total = validated.rows().size();
        Batch batch = new Batch(tenant.tenantId(), batchId, BatchStatus.QUEUED, 0, total,
                clock.instant().getEpochSecond(), bodyHash, null, null);
        files.putRows(tenant.tenantId(), batchId, csv);
        audit.change("batch.create", "batch/" + batchId, total + " rows");
        var existing = batches.create(batch, keyHash);
        if (existing.isPresent()) {
            return replay(existing.get(), bodyHash);
        }
        queue.send(tenant.tenantId(), batchId);
        return ApiResponse.json(202, accepted(batch));
    }

    private ApiResponse replay(Batch earlier, String bodyHash) {
        if (!earlier.bodySha256().equals(bodyHash)) {
            throw new RefusalException(Refusal.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key: this key was used for "
                    + "another file; use a new key for a new batch", "Idempotency-Key", -1);
        }
        if (earlier.status() == BatchStatus.QUEUED) {
            queue.send(earlier.tenantId(), earlier.batchId());
        }
        return ApiResponse.json(202, accepted(earlier));
    }

    private static Map<String, Object> accepted(Batch batch) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batchId", batch.batchId().toString());
        out.put("status", batch.status().wireName());
        out.put("total", batch.total());
        return out;
    }

    private ApiResponse get(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        Batch batch = batches.find(tenant.tenantId(), Views.id(request.pathParam("batchId"), BatchId::parse))
                .orElseThrow(RefusalException::notFound);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batchId", batch.batchId().toString());
        out.put("status", batch.status().wireName());
        out.put("done", batch.done());
        out.put("total", batch.total());
        if (batch.zipKey() != null) {
            out.put("zipUrl", signer.presign(batch.zipKey(), S3GetSigner.MAX_VALIDITY).toString());
        }
        if (batch.error() != null) {
            out.put("error", batch.error());
        }
        return ApiResponse.json(200, out);
    }

    /** The 422 listing every problem; nothing was stored. */
    private static ApiResponse refused(List<BatchProblem> problems) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (BatchProblem p : problems) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("line", p.line());
            item.put("field", p.field());
            item.put("code", p.code());
            item.put("message", p.message());
            listed.add(item);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", "invalid_rows");
        error.put("message", problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in the file; nothing was issued");
        error.put("field", "body");
        error.put("problems", listed);
        return ApiResponse.json(422, Map.of("error", error));
    }

    /**
     * What the file alone cannot tell: each channel and label through the content filter,
     * each group and live code the tenant's (a group not blocked, a live code not revoked).
     */
    private List<BatchProblem> checkAgainstStored(TenantId tenantId, List<BatchRow> rows) {
        List<BatchProblem> out = new ArrayList<>();
        Map<String, Boolean> blocked = new HashMap<>();
        for (BatchRow row : rows) {
            for (Map.Entry<String, String> cell : Map.of("channel", nullToEmpty(Channel.textOrNull(row.channel())),
                    "label", nullToEmpty(row.label())).entrySet()) {
                if (!cell.getValue().isEmpty()
                        && blocked.computeIfAbsent(cell.getValue(), v -> filter.blocks(tenantId, v))) {
                    out.add(new BatchProblem(row.line(), cell.getKey(), Refusal.CONTENT_BLOCKED.code(),
                            "contains a word that is not allowed here"));
                }
            }
        }
        Set<GroupId> groupIds = new LinkedHashSet<>();
        Set<LiveCodeId> liveIds = new LinkedHashSet<>();
        rows.forEach(r -> {
            if (r.issuesGroupCode()) {
                groupIds.add(r.groupId());
            } else {
                liveIds.add(r.liveCodeId());
            }
        });
        Map<GroupId, Group> groups = targets.groups(tenantId, groupIds);
        Map<LiveCodeId, LiveCodeStatus> liveStatus = targets.liveCodeStatuses(tenantId, liveIds);
        for (BatchRow row : rows) {
            if (row.issuesGroupCode()) {
                Group g = groups.get(row.groupId());
                if (g == null) {
                    out.add(new BatchProblem(row.line(), "groupId", Refusal.NOT_FOUND.code(), "no such group"));
                } else if (g.blocked()) {
                    out.add(new BatchProblem(row.line(), "groupId", Refusal.BLOCKED.code(),
                            "the operator blocked this group; no code is issued for it while the block lasts"));
                }
            } else {
                LiveCodeStatus status = liveStatus.get(row.liveCodeId());
                if (status == null) {
                    out.add(new BatchProblem(row.line(), "liveCodeId", Refusal.NOT_FOUND.code(), "no such live code"));
                } else if (status != LiveCodeStatus.ACTIVE) {
                    out.add(new BatchProblem(row.line(), "liveCodeId", Refusal.REVOKED.code(),
                            "the live code is " + status.wireName()));
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The header's value: 1..255 visible ASCII characters; absent is null. */
    static String idempotencyKey(String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw RefusalException.badField("Idempotency-Key", "must be 1.." + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " visible ASCII characters (a UUID, say)");
        }
        return value;
    }
}
