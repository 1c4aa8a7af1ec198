package com.groupgate.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.RefusalException;
import com.groupgate.id.Id;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExportRequestTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static String refusedField(Runnable r) {
        return assertThrows(RefusalException.class, r::run).field();
    }

    @Test
    void datesAreReadInTheTenantsZone() {
        ExportRequest r = ExportRequest.parse("members", "2026-11-01", "2026-11-02", null, SHANGHAI);
        assertEquals(ExportKind.MEMBERS, r.kind());
        assertEquals(Instant.parse("2026-10-31T16:00:00Z"), r.range().from());
        assertNull(r.groupId());
    }

    @Test
    void eachRefusalNamesItsField() {
        assertEquals("kind", refusedField(() -> ExportRequest.parse("people", "2026-11-01", "2026-11-02", null, SHANGHAI)));
        assertEquals("kind", refusedField(() -> ExportRequest.parse(null, "2026-11-01", "2026-11-02", null, SHANGHAI)));
        assertEquals("kind", refusedField(() -> ExportRequest.parse("MEMBERS", "2026-11-01", "2026-11-02", null, SHANGHAI)));
        assertEquals("from", refusedField(() -> ExportRequest.parse("scans", "yesterday", "2026-11-02", null, SHANGHAI)));
        assertEquals("to", refusedField(() -> ExportRequest.parse("scans", "2026-11-01", null, null, SHANGHAI)));
        assertEquals("to", refusedField(() -> ExportRequest.parse("scans", "2026-11-02", "2026-11-01", null, SHANGHAI)));
        assertEquals("to", refusedField(() -> ExportRequest.parse("scans", "2026-01-01", "2026-12-01", null, SHANGHAI)));
        assertEquals("groupId", refusedField(() -> ExportRequest.parse("joins", "2026-11-01", "2026-11-02", "nope",
                SHANGHAI)));
    }

    @Test
    void theLongestRangeIsAccepted() {
        ExportRequest r = ExportRequest.parse("requests", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z",
                Id.random().toString(), ZoneOffset.UTC);
        assertEquals(ExportRequest.MAX_RANGE, java.time.Duration.between(r.range().from(), r.range().to()));
    }

    @Test
    void kindsAndStatusesHaveTheirWireNames() {
        for (ExportKind k : ExportKind.values()) {
            assertEquals(k, ExportKind.parse(k.wire()));
        }
        for (ExportStatus s : ExportStatus.values()) {
            assertEquals(s, ExportStatus.parse(s.wire()));
        }
        assertThrows(IllegalArgumentException.class, () -> ExportStatus.parse("paused"));
    }

    @Test
    void timesCarryTheTenantsOffset() {
        Instant at = Instant.parse("2026-11-26T00:30:00Z");
        assertEquals("2026-11-26T08:30:00+08:00", new ExportTimes(SHANGHAI).format(at));
        assertEquals("2026-11-26T00:30:00+00:00", new ExportTimes(ZoneOffset.UTC).format(at));
        assertEquals("", new ExportTimes(ZoneOffset.UTC).formatEpochSecond(0));
        assertEquals("2026-11-26T00:30:00+00:00", new ExportTimes(ZoneOffset.UTC).formatEpochSecond(at.getEpochSecond()));
    }
}
