package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The join reads its body as every JSON route does: only {@code application/json} in UTF-8
 * (415 naming {@code content-type} otherwise), and text that is not Unicode is a 400 naming
 * its field. A refused join uses nothing up: the same ticket joins afterwards.
 */
class JoinBodyEncodingIT {
    private static void assertRefused(int status, String field, com.groupgate.testkit.HttpCalls.Response r) {
        assertEquals(status, r.status(), r.body());
        assertEquals(field, r.json().path("error").path("field").asText(), r.body());
        assertEquals("no-store", r.headers().get("cache-control"));
    }

    @Test
    void aJoinThatIsNotJsonOrNotUnicodeIsRefusedAndItsTicketStillJoins() {
        ScanWorld world = new ScanWorld();
        ScanWorld.Tenant tenant = world.tenant("Encoding tenant", null);
        String path = ScanWorld.path(world.openCode(tenant, "{}"));
        String ticket = world.ticket(path);
        byte[] json = ScanWorld.joinBody(ticket, "encoded-member", null).getBytes(StandardCharsets.UTF_8);

        assertRefused(415, "content-type", world.scans().exact("POST", path + "/join", json, false,
                Map.of("content-type", "application/x-www-form-urlencoded")));
        assertRefused(415, "content-type", world.scans().exact("POST", path + "/join", json, false, Map.of()));
        assertRefused(415, "content-type", world.scans().exact("POST", path + "/join", json, true,
                Map.of("content-type", "application/json; charset=GBK")));
        assertRefused(400, "memberRef", world.join(path,
                "{\"joinTicket\":\"" + ticket + "\",\"memberRef\":\"m\\ud800\"}"));
        byte[] gbk = ("{\"joinTicket\":\"" + ticket + "\",\"memberRef\":\"成员\"}").getBytes(Charset.forName("GBK"));
        assertRefused(400, "memberRef", world.scans().exact("POST", path + "/join", gbk, true,
                Map.of("content-type", "application/json")));

        var joined = world.scans().exact("POST", path + "/join", json, false,
                Map.of("content-type", "application/json; charset=utf-8"));
        assertEquals(200, joined.status(), joined.body());
    }
}
