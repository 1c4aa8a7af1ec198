package com.groupgate.storage.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.id.TicketId;
import com.groupgate.join.PasscodeAttempts;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** PasscodeTries against the emulated MainTable: each budget claimed one conditional try at a time, refunded, expiring. */
class PasscodeTriesIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant AT = Instant.parse("2026-12-06T08:30:00Z");
    private final PasscodeTries tries = new PasscodeTries(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();
    private final GroupId group = GroupId.random();
    private final String ipHash = UUID.randomUUID().toString();

    @Test
    void aTicketsTriesStopAtItsBudgetAndExpireAnHourAfterIt() {
        TicketId ticket = TicketId.random();
        long expires = AT.getEpochSecond() + 600;
        assertEquals(OptionalInt.of(1), tries.claimTicketTry(ticket, expires, 2));
        assertEquals(OptionalInt.of(2), tries.claimTicketTry(ticket, expires, 2));
        assertTrue(tries.claimTicketTry(ticket, expires, 2).isEmpty());
        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.ticket(ticket));
        assertEquals("2", item.get("tries").n(), "the refused try is not counted");
        assertEquals(expires + 3600, Long.parseLong(item.get("ttl").n()));
    }

    @Test
    void aClientsHourlyBudgetIsSpentThenRefundedAndTheNextHourIsNew() {
        int claimed = 0;
        while (tries.claimClientTry(ipHash, AT)) {
            claimed++;
            assertTrue(claimed <= PasscodeAttempts.PER_CLIENT_PER_HOUR, "bounded");
        }
        assertEquals(PasscodeAttempts.PER_CLIENT_PER_HOUR, claimed);
        tries.refund(ipHash, tenant, group, AT);
        assertTrue(tries.claimClientTry(ipHash, AT), "a right passcode gives its try back");
        assertFalse(tries.claimClientTry(ipHash, AT));
        assertTrue(tries.claimClientTry(ipHash, AT.plusSeconds(3600)));

        Map<String, AttributeValue> item = TABLES.item(TABLES.main(),
                MainTableKeys.clientTries(ipHash, PasscodeAttempts.window(AT)));
        assertEquals((PasscodeAttempts.window(AT) + 2) * 3600, Long.parseLong(item.get("ttl").n()));
    }

    @Test
    void aGroupsBudgetIsKeptUnderItsTenantAndARefundNeverGoesBelowZero() {
        assertTrue(tries.claimGroupTry(tenant, group, AT));
        tries.refund(null, tenant, group, AT);
        tries.refund(null, tenant, group, AT);
        Map<String, AttributeValue> item = TABLES.item(TABLES.main(),
                MainTableKeys.groupTries(tenant, group, PasscodeAttempts.window(AT)));
        assertEquals("0", item.get("tries").n());
        assertEquals(tenant.text(), MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow().tenantId());
        assertTrue(tries.claimGroupTry(tenant, group, AT));
    }
}
