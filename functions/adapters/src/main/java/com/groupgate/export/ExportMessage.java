package com.groupgate.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.groupgate.http.Json;
import com.groupgate.id.ExportId;
import com.groupgate.id.TenantId;

/**
 * One export queue message: which job to run. The job itself (kind, range, group) is read
 * from its item, so a message names nothing about members and may be sent twice.
 */
public record ExportMessage(String tenantId, String exportId) {

    public static ExportMessage of(TenantId tenantId, ExportId exportId) {
        return new ExportMessage(tenantId.toString(), exportId.toString());
    }

    public String toJson() {
        return Json.write(this);
    }

    /** The message read back; an IllegalArgumentException when it is not one of ours. */
    public static ExportMessage parse(String json) {
        ExportMessage m;
        try {
            m = Json.MAPPER.readValue(json, ExportMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an export message", e);
        }
        if (TenantId.parse(m.tenantId).isEmpty() || ExportId.parse(m.exportId).isEmpty()) {
            throw new IllegalArgumentException("not an export message: ids");
        }
        return m;
    }

    public TenantId tenant() {
        return TenantId.parse(tenantId).orElseThrow();
    }

    public ExportId export() {
        return ExportId.parse(exportId).orElseThrow();
    }
}
