package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.export.ExportJob;
import com.groupgate.export.ExportRequest;
import com.groupgate.export.ExportStatus;
import com.groupgate.hash.Sha256;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.id.ExportId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.image.S3GetSigner;
import com.groupgate.storage.export.ExportMessage;
import com.groupgate.storage.export.ExportTable;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Exports as CSV: {@code POST /v1/exports} checks the request, stores the job and queues it
 * (202 with its id); {@code GET /v1/exports/{exportId}} says how far it got and, once done,
 * hands out the file as a presigned GET valid {@link #URL_VALIDITY}.
 *
 * <p>Only a full key may ask for an export (a read key may only GET, everywhere); a read key
 * may read an export's status and link, as it may list the members the file holds.
 *
 * <p>{@code Idempotency-Key}: the export's id is derived from the tenant and the key, so the
 * same key again answers the same export (and queues it again while it is still queued, in
 * case the first answer was lost before its message was sent); the same key with another
 * request is 409 {@code conflict}, nothing written.
 */
public final class ExportRoutes {
    private static final Set<String> FIELDS = Set.of("kind", "from", "to", "groupId");
    /** How long a file's link works: within the 15 minutes any presigned answer may live. */
    static final Duration URL_VALIDITY = Duration.ofMinutes(10);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Authenticator auth;
    private final GroupTable groups;
    private final ExportTable exports;
    private final ExportQueue queue;
    private final S3GetSigner files;
    private final Clock clock;
    private final Audit audit;

    public ExportRoutes(Authenticator auth, GroupTable groups, ExportTable exports, ExportQueue queue, S3GetSigner files,
                 Clock clock, Audit audit) {
        this.auth = auth;
        this.groups = groups;
        this.exports = exports;
        this.queue = queue;
        this.files = files;
        this.clock = clock;
        this.audit = audit;
    }

    public void register(Router router) {
        router.on("POST", "/v1/exports", this::create)
                .on("GET", "/v1/exports/{exportId}", this::status);
    }

    private ApiResponse create(ApiRequest request) {
        Tenant tenant = auth.caller(request).tenant();
        JsonFields body = JsonFields.of(Json.body(request), FIELDS);
        ExportRequest asked = ExportRequest.parse(body.requiredString("kind", 16), body.requiredString("from", 40),
                body.requiredString("to", 40), body.string("groupId", 13), tenant.timezone());
        Optional<String> idempotencyKey = idempotencyKey(request);
        if (asked.groupId() != null && groups.find(tenant.tenantId(), asked.groupId()).isEmpty()) {
            throw RefusalException.badField("groupId", "names a group this tenant does not have");
        }
        Instant now = clock.instant();
        ExportId exportId = idempotencyKey.map(k -> exportIdFor(tenant.tenantId(), k)).orElseGet(ExportId::random);
        ExportJob job = ExportJob.queued(tenant.tenantId(), exportId, asked, now);
        audit.change("export.create", "export/" + exportId, "an export of " + asked.kind().wire()
                + (asked.groupId() == null ? "" : " of group " + asked.groupId()));
        if (!exports.create(job)) {
            ExportJob earlier = exports.find(tenant.tenantId(), exportId).orElseThrow(RefusalException::notFound);
            if (!earlier.sameRequest(job)) {
                throw new RefusalException(Refusal.CONFLICT, "Idempotency-Key: used for another export",
                        "Idempotency-Key", -1);
            }
            if (earlier.status() == ExportStatus.QUEUED) {
                queue.send(ExportMessage.of(tenant.tenantId(), exportId));
            }
            return accepted(earlier);
        }
        queue.send(ExportMessage.of(tenant.tenantId(), exportId));
        return accepted(job);
    }

    private ApiResponse status(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        ExportId exportId = Views.id(request.pathParam("exportId"), ExportId::parse);
        ExportJob job = exports.find(tenant.tenantId(), exportId)
                .filter(j -> clock.instant().isBefore(j.createdAt().plus(ExportTable.KEEP)))
                .orElseThrow(RefusalException::notFound);
        Map<String, Object> out = view(job);
        if (job.status() == ExportStatus.DONE) {
            Instant now = clock.instant();
            out.put("url", files.presign(ExportTable.objectKey(tenant.tenantId(), exportId), URL_VALIDITY).toString());
            out.put("urlExpiresAt", now.plus(URL_VALIDITY).toString());
        }
        return ApiResponse.json(200, out);
    }

    private static ApiResponse accepted(ExportJob job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exportId", job.exportId().toString());
        out.put("status", job.status().wire());
        return ApiResponse.json(202, out);
    }

    private static Map<String, Object> view(ExportJob job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exportId", job.exportId().toString());
        out.put("kind", job.kind().wire());
        out.put("from", job.from().toString());
        out.put("to", job.to().toString());
        if (job.groupId() != null) {
            out.put("groupId", job.groupId().toString());
        }
        out.put("status", job.status().wire());
        out.put("rows", job.rows());
        out.put("createdAt", job.createdAt().toString());
        return out;
    }

    private static Optional<String> idempotencyKey(ApiRequest request) {
        String key = request.header("idempotency-key");
        if (key == null) {
            return Optional.empty();
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw RefusalException.badField("Idempotency-Key", "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        return Optional.of(key);
    }

    /** The same tenant and key always name the same export; another tenant's key never does. */
    static ExportId exportIdFor(TenantId tenantId, String idempotencyKey) {
        return new ExportId(Id.fromBytes(Sha256.of("groupgate/export:" + tenantId + ":" + idempotencyKey), 0));
    }
}
