package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.PageHeaders;
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
        // The script checks that a revealed entry is an https link before it shows one.
        assertFalse(html.replace(LandingPage.SCRIPT, "").toLowerCase(Locale.ROOT).contains("http"), html);
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
    void theLandingPageShowsTheTenantsLogoAboveTheGroupsNameFromItsAliasOnTheEdge() {
        var r = world.scan(path, Map.of("accept", "text/html"), ScanWorld.SOURCE_IP);
        assertEquals(200, r.status(), r.body());
        String img = "<img id=\"logo\" class=\"logo\" alt=\"\" src=\"/i/l/" + tenant.tenantId() + "/logo\">";
        int logo = r.body().indexOf(img);
        assertTrue(logo > 0, r.body());
        assertTrue(logo < r.body().indexOf("<h1>"), "above the group's name: " + r.body());
        // On this page's own origin, which the policy's img-src allows.
        assertTrue(PageHeaders.sources(r.headers().get("content-security-policy"), "img-src").contains("'self'"));
    }

    @Test
    void theLandingPagesPolicyAllowsExactlyTheScriptAndStyleItCarries() {
        var r = world.scan(path, Map.of("accept", "text/html"), ScanWorld.SOURCE_IP);
        assertEquals(200, r.status(), r.body());
        String csp = r.headers().get("content-security-policy");
        assertPolicyFloor(csp);
        List<String> scripts = PageHeaders.inlineBlocks(r.body(), "script");
        assertEquals(1, scripts.size(), "one script, inline: " + r.body());
        assertEquals(List.of(PageHeaders.sha256Source(scripts.get(0))), PageHeaders.sources(csp, "script-src"),
                "script-src names the SHA-256 of the script actually in the page, and nothing else");
        List<String> styles = PageHeaders.inlineBlocks(r.body(), "style");
        assertEquals(1, styles.size());
        assertEquals(List.of(PageHeaders.sha256Source(styles.get(0))), PageHeaders.sources(csp, "style-src"));
        assertEquals(List.of("'self'"), PageHeaders.sources(csp, "connect-src"), "the join is posted to this origin");
        PageHeaders.assertNoInlineHandlersOrStyleAttributes(r.body());
        String ticketAttribute = "data-ticket=\"";
        int at = r.body().indexOf(ticketAttribute);
        assertTrue(at > 0, "the ticket travels in a data attribute: " + r.body());
        assertFalse(scripts.get(0).contains(r.body().substring(at + ticketAttribute.length(),
                r.body().indexOf('"', at + ticketAttribute.length()))), "the script carries no data");
    }

    @Test
    void everyHtmlAnswerCarriesThePageHeaders() {
        JsonNode limited = world.openCode(tenant, "{\"dailyScanLimit\":1}");
        String limitedPath = ScanWorld.path(limited);
        List<HttpCalls.Response> pages = List.of(
                world.scan(path, Map.of(), ScanWorld.SOURCE_IP),
                world.scan("/S/NOTATOKEN", Map.of(), ScanWorld.SOURCE_IP),
                world.scan(limitedPath, Map.of(), ScanWorld.SOURCE_IP),
                world.scan(limitedPath, Map.of(), ScanWorld.SOURCE_IP));
        assertEquals(List.of(200, 404, 200, 429), pages.stream().map(HttpCalls.Response::status).toList());
        for (HttpCalls.Response page : pages) {
            assertTrue(page.headers().get("content-type").startsWith("text/html"), page.headers().toString());
            assertPolicyFloor(page.headers().get("content-security-policy"));
            assertEquals("nosniff", page.headers().get("x-content-type-options"));
            assertEquals("no-referrer", page.headers().get("referrer-policy"));
            assertEquals("no-store", page.headers().get("cache-control"));
            PageHeaders.assertNoInlineHandlersOrStyleAttributes(page.body());
        }
        HttpCalls.Response refusal = pages.get(1);
        assertEquals(List.of(), PageHeaders.inlineBlocks(refusal.body(), "script"), "a refusal page has no script");
        assertEquals(List.of("'none'"), PageHeaders.sources(refusal.headers().get("content-security-policy"),
                "script-src"));
    }

    @Test
    void everyScanAnswerIsNeverStoredAcceptedOrRefusedJsonOrHtml() {
        String ticket = world.ticket(path);
        List<HttpCalls.Response> answers = List.of(
                world.scanJson(path),
                world.scanJson("/S/NOTATOKEN"),
                world.scan(path, Map.of(), ScanWorld.SOURCE_IP),
                world.join(path, ScanWorld.joinBody(ticket, "no-store-member", null)),
                world.join(path, "{\"joinTicket\":\"forged\"}"),
                world.join(path, "not json"));
        assertEquals(List.of(200, 404, 200, 200), answers.subList(0, 4).stream().map(HttpCalls.Response::status)
                .toList());
        for (HttpCalls.Response answer : answers) {
            assertEquals("no-store", answer.headers().get("cache-control"), answer.status() + " " + answer.body());
            assertEquals("nosniff", answer.headers().get("x-content-type-options"));
            assertEquals("no-referrer", answer.headers().get("referrer-policy"));
        }
    }

    private static void assertPolicyFloor(String csp) {
        assertTrue(csp != null && !csp.isEmpty(), "a Content-Security-Policy");
        assertEquals(List.of("'none'"), PageHeaders.sources(csp, "default-src"), csp);
        assertEquals(List.of("'none'"), PageHeaders.sources(csp, "frame-ancestors"), csp);
        assertEquals(List.of("'none'"), PageHeaders.sources(csp, "base-uri"), csp);
        assertEquals(List.of("'self'"), PageHeaders.sources(csp, "form-action"), csp);
        assertEquals(List.of("'none'"), PageHeaders.sources(csp, "object-src"), csp);
        assertFalse(csp.contains("unsafe-"), csp);
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
    void lowercaseRouteAndLowercaseTokenWorkForScanAndJoin() {
        String token = ScanWorld.token(code);
        assertEquals(200, world.scanJson("/s/" + token).status());
        assertEquals(200, world.scanJson("/S/" + token.toLowerCase(Locale.ROOT)).status());
        assertEquals(200, world.scanJson("/s/" + token.toLowerCase(Locale.ROOT)).status());
        String lowercase = "/s/" + token.toLowerCase(Locale.ROOT);
        var joined = world.join(lowercase, ScanWorld.joinBody(world.ticket(lowercase), "typed-by-hand", null));
        assertEquals(200, joined.status(), joined.body());
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
