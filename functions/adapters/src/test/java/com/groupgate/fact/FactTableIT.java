package com.groupgate.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.code.Channel;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** FactTable against the emulated MainTable: a refusal's fact round-trips and expires after its tenant's retention. */
class FactTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private final TenantId tenant = TenantId.random();
    private final TenantId keepsLonger = TenantId.random();
    private final FactTable facts = new FactTable(TABLES.dynamo(), TABLES.main(),
            t -> t.equals(keepsLonger) ? Duration.ofDays(90) : Duration.ofDays(30));

    private static RecordedFact refusal(TenantId tenant, Instant at) {
        return new RecordedFact(UUID.randomUUID().toString(), FactType.SCAN, at, "geo_blocked", tenant,
                CodeId.random().text(), GroupId.random().text(), null, Channel.of("poster"), "CN", "CN-XZ", "Lhasa", "mobile",
                "ios", "wechat", "a1b2c3", null, null);
    }

    @Test
    void aRefusalsFactIsStoredByItsIdAndReadBackWhole() {
        RecordedFact f = refusal(tenant, Instant.parse("2026-12-06T08:00:00.123Z"));
        facts.put(f);
        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.refusalFact(f.factId()));
        assertEquals(f, FactCodec.decode(item.get("fact").m()));
        MainTableKeys.Parsed parsed = MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow();
        assertFalse(parsed.kind().tenantInKey(), "found by its id; the tenant is in the fact");
        assertEquals(tenant.text(), item.get("fact").m().get("tenantId").s());
    }

    @Test
    void theFactExpiresAfterItsOwnTenantsRetention() {
        Instant at = Instant.parse("2026-12-06T08:00:00Z");
        RecordedFact short_ = refusal(tenant, at);
        RecordedFact long_ = refusal(keepsLonger, at);
        facts.put(short_);
        facts.put(long_);
        assertEquals(at.plus(Duration.ofDays(30)).getEpochSecond(),
                Long.parseLong(TABLES.item(TABLES.main(), MainTableKeys.refusalFact(short_.factId())).get("ttl").n()));
        assertEquals(at.plus(Duration.ofDays(90)).getEpochSecond(),
                Long.parseLong(TABLES.item(TABLES.main(), MainTableKeys.refusalFact(long_.factId())).get("ttl").n()));
    }
}
