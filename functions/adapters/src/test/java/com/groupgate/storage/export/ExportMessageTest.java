package com.groupgate.storage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.id.ExportId;
import com.groupgate.id.TenantId;
import org.junit.jupiter.api.Test;

class ExportMessageTest {
    private static final TenantId TENANT = TenantId.parse("tenantoneaaaa").orElseThrow();
    private static final ExportId EXPORT = ExportId.parse("exportaaaaaaa").orElseThrow();

    @Test
    void aMessageIsQueuedAsTheIdsTextAndReadsBackAsWritten() {
        ExportMessage m = ExportMessage.of(TENANT, EXPORT);
        String queued = "{\"tenantId\":\"tenantoneaaaa\",\"exportId\":\"exportaaaaaaa\"}";
        assertEquals(queued, m.toJson());
        assertEquals(m, ExportMessage.parse(queued));
    }

    @Test
    void aMessageWhoseIdsAreNoIdsIsNotOneOfOurs() {
        assertThrows(IllegalArgumentException.class,
                () -> ExportMessage.parse("{\"tenantId\":\"t1\",\"exportId\":\"exportaaaaaaa\"}"));
        assertThrows(IllegalArgumentException.class,
                () -> ExportMessage.parse("{\"tenantId\":\"tenantoneaaaa\",\"exportId\":\"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> ExportMessage.parse("{\"tenantId\":\"tenantoneaaaa\"}"));
    }
}
