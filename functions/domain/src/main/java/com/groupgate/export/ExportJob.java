package com.groupgate.export;

import com.groupgate.id.ExportId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * One export as stored: what was asked for, and how far it got.
 *
 * @param groupId   the one group exported, or null for all of the tenant's groups
 * @param rows      data rows written (the header not counted); final once {@code DONE}
 * @param createdAt when it was asked for; the file and the job go a day later
 */
public record ExportJob(TenantId tenantId, ExportId exportId, ExportKind kind, Instant from, Instant to, GroupId groupId,
                        ExportStatus status, long rows, Instant createdAt) {
    public ExportJob {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(exportId, "exportId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new export, queued. */
    public static ExportJob queued(TenantId tenantId, ExportId exportId, ExportRequest request, Instant now) {
        return new ExportJob(tenantId, exportId, request.kind(), request.range().from(), request.range().to(),
                request.groupId(), ExportStatus.QUEUED, 0, now);
    }

    /** Whether {@code other} asks for the same file (an idempotent retry of the same request). */
    public boolean sameRequest(ExportJob other) {
        return kind == other.kind && from.equals(other.from) && to.equals(other.to)
                && Objects.equals(groupId, other.groupId);
    }
}
