package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LandingPageIT {
    private static final Pattern EXTERNAL = Pattern.compile("(?i)(src|href|action)\\s*=\\s*[\"']?\\s*(https?:|//)");

    static ScanWorld world;
    static ScanWorld.Tenant tenant;
    static JsonNode code;
    static String path;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Landing tenant", null);
        String groupId = world.group(tenant,
                "{\"name\":\"Tom & Jerry <Fans>\",\"capacity\":50,\"welcomeMessage\":\"Welcome, \\\"friends\\\" & <guests>!\"}")
                .path("groupId").asText();
        code = world.code(tenant, groupId, "{\"dailyScanLimit\":1000}");
        path = ScanWorld.path(code);
    }

    private static void assertNoExternalUrls(String html) {
        assertFalse(EXTERNAL.matcher(html).find(), html);
        assertFalse(html.toLowerCase(Locale.ROOT).contains("http"), html);
    }

    @Test
    void browserGetsAnHtmlPageWithTheGroupAndAJoinButton() {
        var r = world.scan(path, Map.of("accept", "text/html,application/xhtml+xml"), ScanWorld.SOURCE_IP);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.headers().get("content-type").startsWith("text/html"), r.headers().toString());
        String html = r.body();
        assertTrue(html.contains("Tom &amp; Jerry &lt;Fans&gt;"), html);
        assertFalse(html.contains("<Fans>"), html);
        assertTrue(html.contains("Welcome, &quot;friends&quot; &amp; &lt;guests&gt;!"), html);
        assertFalse(html.contains("<guests>"), html);
        assertTrue(html.contains("<button"), html);
        assertNoExternalUrls(html);
    }

    @Test
    void noAcceptHeaderMeansHtml() {
        var r = world.scan(path, Map.of(), ScanWorld.SOURCE_IP);
        assertEquals(200, r.status());
        assertTrue(r.headers().get("content-type").startsWith("text/html"));
    }

    @Test
    void jsonAnswerHasTheDocumentedShape() {
        var r = world.scanJson(path);
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        Set<String> fields = new TreeSet<>();
        j.fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(List.of("status", "codeId", "group", "joinTicket", "welcomeMessage")), fields);
        assertEquals("ok", j.path("status").asText());
        assertEquals(code.path("codeId").asText(), j.path("codeId").asText());
        Set<String> groupFields = new TreeSet<>();
        j.path("group").fieldNames().forEachRemaining(groupFields::add);
        assertEquals(new TreeSet<>(List.of("name", "joinPolicy")), groupFields);
        assertEquals("Tom & Jerry <Fans>", j.path("group").path("name").asText());
        assertEquals("open", j.path("group").path("joinPolicy").asText());
        assertEquals("Welcome, \"friends\" & <guests>!", j.path("welcomeMessage").asText());
        assertFalse(j.path("joinTicket").asText().isEmpty());
    }

    @Test
    void lowercaseRouteAndLowercaseTokenWork() {
        String token = ScanWorld.token(code);
        assertEquals(200, world.scanJson("/s/" + token).status());
        assertEquals(200, world.scanJson("/S/" + token.toLowerCase(Locale.ROOT)).status());
        assertEquals(200, world.scanJson("/s/" + token.toLowerCase(Locale.ROOT)).status());
    }

    @Test
    void refusalsRenderHtmlWithTheirStatus() {
        var forged = world.scan("/S/NOTATOKEN", Map.of(), ScanWorld.SOURCE_IP);
        assertEquals(404, forged.status());
        assertTrue(forged.headers().get("content-type").startsWith("text/html"));
        assertTrue(forged.body().contains("<h1>"));
        assertNoExternalUrls(forged.body());

        JsonNode limited = world.openCode(tenant, "{\"dailyScanLimit\":1}");
        String limitedPath = ScanWorld.path(limited);
        assertEquals(200, world.scan(limitedPath, Map.of(), ScanWorld.SOURCE_IP).status());
        var tooMany = world.scan(limitedPath, Map.of(), ScanWorld.SOURCE_IP);
        assertEquals(429, tooMany.status());
        assertTrue(tooMany.headers().get("content-type").startsWith("text/html"));
        assertTrue(Long.parseLong(tooMany.headers().get("retry-after")) > 0);

        JsonNode revoked = world.openCode(tenant, "{}");
        assertEquals(200, world.api.post("/v1/codes/" + revoked.path("codeId").asText() + "/revoke", null,
                bearer(tenant.apiKey())).status());
        var gone = world.scan(ScanWorld.path(revoked), Map.of(), ScanWorld.SOURCE_IP);
        assertEquals(410, gone.status());
        assertTrue(gone.headers().get("content-type").startsWith("text/html"));
        assertNoExternalUrls(gone.body());

        JsonNode geo = world.openCode(tenant, "{\"geo\":{\"allowCountries\":[\"CN\"]}}");
        var blocked = world.scan(ScanWorld.path(geo), Map.of(), ScanWorld.SOURCE_IP);
        assertEquals(403, blocked.status());
        assertTrue(blocked.headers().get("content-type").startsWith("text/html"));
    }
}
