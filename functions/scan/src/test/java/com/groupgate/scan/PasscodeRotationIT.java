package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.join.Totp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Rotating a passcode group's TOTP secret ({@code POST /v1/groups/{id}/passcode/rotate})
 * as the scan function's join sees it: the old secret's codes stop admitting anyone at
 * once — even on a ticket from a scan before the rotation — and the new secret's admit.
 */
class PasscodeRotationIT {
    @Test
    void afterRotationTheOldSecretIsRefusedAndTheNewOneAdmits() {
        ScanWorld world = new ScanWorld();
        ScanWorld.Tenant tenant = world.tenant("Rotation tenant", null);
        JsonNode group = world.group(tenant, "{\"name\":\"Fund\",\"capacity\":5,\"joinPolicy\":\"passcode\"}");
        String groupId = group.path("groupId").asText();
        byte[] oldSecret = Totp.parseSecretOrNull(group.path("passcodeSecret").asText());
        assertNotNull(oldSecret, group.toString());
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);

        var rotated = world.api.post("/v1/groups/" + groupId + "/passcode/rotate", null, bearer(tenant.apiKey()));
        assertEquals(200, rotated.status(), rotated.body());
        byte[] newSecret = Totp.parseSecretOrNull(rotated.text("passcodeSecret"));
        assertNotNull(newSecret, rotated.body());
        assertNotEquals(rotated.text("passcodeSecret"), group.path("passcodeSecret").asText());

        // One step in 300,000 the two secrets' codes coincide; move on to a step where they don't.
        for (int step = 0; step < 5 && Totp.PASSCODE.verify(newSecret, code(world, oldSecret),
                world.clock.instant().getEpochSecond()); step++) {
            world.clock.advance(Duration.ofSeconds(3 * Totp.STEP_SECONDS));
        }
        var old = world.join(path, ScanWorld.joinBody(ticket, "former-member", code(world, oldSecret)));
        assertEquals(403, old.status(), old.body());
        assertEquals("bad_passcode", old.errorCode());

        var fresh = world.join(path, ScanWorld.joinBody(ticket, "former-member", code(world, newSecret)));
        assertEquals(200, fresh.status(), fresh.body());
        assertEquals("joined", fresh.text("status"));
        assertEquals(1, world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey())).json().path("members").asLong());
    }

    private static String code(ScanWorld world, byte[] secret) {
        return Totp.PASSCODE.codeAt(secret, world.clock.instant().getEpochSecond());
    }
}
