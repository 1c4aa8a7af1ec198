package com.groupgate.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.groupgate.http.Json;
import com.groupgate.id.Id;

/**
 * One export queue message: which job to run. The job itself (kind, range, group) is read
 * from its item, so a message names nothing about members and may be sent twice.
 */
public record ExportMessage(String tenantId, String exportId) {

    public static ExportMessage of(Id tenantId, Id exportId) {
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
        if (Id.parse(m.tenantId).isEmpty() || Id.parse(m.exportId).isEmpty()) {
            throw new IllegalArgumentException("not an export message: ids");
        }
        return m;
    }

    public Id tenant() {
        return Id.parse(tenantId).orElseThrow();
    }

    public Id export() {
        return Id.parse(exportId).orElseThrow();
    }
}
