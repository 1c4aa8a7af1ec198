package com.groupgate.storage.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.groupgate.http.Json;
import com.groupgate.id.ExportId;
import com.groupgate.id.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * One export queue message: which job to run. The job itself (kind, range, group) is read
 * from its item, so a message names nothing about members and may be sent twice.
 */
public record ExportMessage(TenantId tenantId, ExportId exportId) {

    /** The message as queued: the ids as their text. */
    private record Wire(String tenantId, String exportId) {
    }

    public ExportMessage {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(exportId, "exportId");
    }

    public static ExportMessage of(TenantId tenantId, ExportId exportId) {
        return new ExportMessage(tenantId, exportId);
    }

    public String toJson() {
        return Json.write(new Wire(tenantId.text(), exportId.text()));
    }

    /** The message read back; an IllegalArgumentException when it is not one of ours. */
    public static ExportMessage parse(String json) {
        Wire w;
        try {
            w = Json.MAPPER.readValue(json, Wire.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an export message", e);
        }
        Optional<TenantId> tenantId = TenantId.parse(w.tenantId());
        Optional<ExportId> exportId = ExportId.parse(w.exportId());
        if (tenantId.isEmpty() || exportId.isEmpty()) {
            throw new IllegalArgumentException("not an export message: ids");
        }
        return new ExportMessage(tenantId.get(), exportId.get());
    }
}
