package com.groupgate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.code.CodeStatus;
import com.groupgate.group.GroupStatus;
import com.groupgate.id.TenantId;
import com.groupgate.join.JoinPolicy;
import com.groupgate.live.LiveCodeStatus;
import com.groupgate.qr.Ecc;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StoredValuesTest {
    @Test
    void everyConstantReadsBackFromTheFormItIsStoredIn() {
        for (JoinPolicy p : JoinPolicy.values()) {
            assertEquals(p, StoredValues.oneOf("joinPolicy", p.wireName(), JoinPolicy.values(), JoinPolicy::wireName));
        }
        for (CodeStatus s : CodeStatus.values()) {
            assertEquals(s, StoredValues.oneOf("status", s.wireName(), CodeStatus.values(), CodeStatus::wireName));
        }
        for (Ecc e : Ecc.values()) {
            assertEquals(e, StoredValues.oneOf("ecc", e.name(), Ecc.values(), Ecc::name));
        }
    }

    @Test
    void storedFormsAreTheOnesWrittenBeforeTheRecordsWereTyped() {
        assertEquals("active", GroupStatus.ACTIVE.wireName());
        assertEquals("archived", GroupStatus.ARCHIVED.wireName());
        assertEquals("superseded", CodeStatus.SUPERSEDED.wireName());
        assertEquals("revoked", LiveCodeStatus.REVOKED.wireName());
        assertEquals("passcode", JoinPolicy.PASSCODE.wireName());
    }

    @Test
    void anUnknownStoredValueFailsLoudlyNamingTheAttribute() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StoredValues.oneOf("joinPolicy", "Open", JoinPolicy.values(), JoinPolicy::wireName));
        assertTrue(e.getMessage().contains("joinPolicy"), e.getMessage());
        assertTrue(e.getMessage().contains("'Open'"), e.getMessage());
    }

    @Test
    void storedIdsReadBackAsTheirEntitysTypeAndABadOneFailsLoudly() {
        TenantId tenant = TenantId.random();
        assertEquals(tenant, StoredValues.id(Map.of("tenantId", AttributeValue.fromS(tenant.text())), "tenantId",
                TenantId::parse));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StoredValues.id(Map.of("tenantId", AttributeValue.fromS("nope")), "tenantId", TenantId::parse));
        assertTrue(e.getMessage().contains("tenantId"), e.getMessage());
        assertEquals(null, StoredValues.idOrNull(Map.of(), "supersededBy", TenantId::parse));
    }

    @Test
    void aMissingStoredValueFailsLoudly() {
        assertThrows(IllegalStateException.class,
                () -> StoredValues.oneOf("status", null, LiveCodeStatus.values(), LiveCodeStatus::wireName));
    }
}
