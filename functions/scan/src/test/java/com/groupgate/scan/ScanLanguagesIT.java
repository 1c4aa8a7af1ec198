package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.join.Totp;
import com.groupgate.testkit.HttpCalls;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scan function through its handler, in the scanner's language: the landing page, its
 * refusal pages and a join's refusals (the JSON message the page shows) come from the
 * catalogue {@code Accept-Language} — or, without it, WeChat's User-Agent — chooses, with
 * {@code <html lang>} to match; and the page says the welcome message once.
 */
class ScanLanguagesIT {
    private static final String WECHAT = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 NetType/WIFI Language/";

    static ScanWorld world;
    static ScanWorld.Tenant tenant;
    static String path;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Languages tenant", null);
        String groupId = world.group(tenant, "{\"name\":\"读书会\",\"capacity\":50,\"welcomeMessage\":\"欢迎！\"}")
                .path("groupId").asText();
        path = ScanWorld.path(world.code(tenant, groupId, "{}"));
    }

    private static HttpCalls.Response page(String path, String acceptLanguage, String userAgent) {
        Map<String, String> headers = new HashMap<>();
        headers.put("accept", "text/html");
        if (acceptLanguage != null) {
            headers.put("accept-language", acceptLanguage);
        }
        if (userAgent != null) {
            headers.put("user-agent", userAgent);
        }
        return world.scan(path, headers, ScanWorld.SOURCE_IP);
    }

    private static void assertIn(Messages lang, HttpCalls.Response page, String key) {
        assertTrue(page.body().startsWith("<!doctype html><html lang=\"" + lang.lang() + "\">"), page.body());
        assertTrue(page.body().contains(LandingPage.escape(lang.text(key))), lang.lang() + " " + key + ": " + page.body());
    }

    @Test
    void theLandingPageSpeaksTheBrowsersFirstLanguageByQValue() {
        assertIn(Messages.ZH_CN, page(path, "en;q=0.4,zh-CN;q=0.9", null), "landing.join");
        assertIn(Messages.ZH_TW, page(path, "zh-HK,zh;q=0.8,en;q=0.5", null), "landing.join");
        assertIn(Messages.EN, page(path, "en-GB,zh-CN;q=0.5", null), "landing.join");
        assertIn(Messages.EN, page(path, null, null), "landing.join");
    }

    @Test
    void weChatsLanguageChoosesWhenTheBrowserSendsNoAcceptLanguage() {
        assertIn(Messages.ZH_CN, page(path, null, WECHAT + "zh_CN"), "landing.join");
        assertIn(Messages.ZH_TW, page(path, null, WECHAT + "zh_TW"), "landing.join");
        assertIn(Messages.EN, page(path, null, WECHAT + "en"), "landing.join");
        assertIn(Messages.EN, page(path, "en-US", WECHAT + "zh_CN"), "landing.join");
    }

    @Test
    void refusalPagesComeFromTheChosenLanguagesCatalogue() {
        for (Messages lang : Messages.ALL) {
            var missing = page("/S/NOTATOKEN", null, WECHAT + lang.lang().replace('-', '_'));
            assertEquals(404, missing.status());
            assertIn(lang, missing, "refusal.not_found");
            assertIn(lang, missing, "refusal.title");
        }
        JsonNode revoked = world.openCode(tenant, "{}");
        assertEquals(200, world.api.post("/v1/codes/" + revoked.path("codeId").asText() + "/revoke", null,
                bearer(tenant.apiKey())).status());
        for (Messages lang : Messages.ALL) {
            var gone = page(ScanWorld.path(revoked), lang.lang(), null);
            assertEquals(410, gone.status());
            assertIn(lang, gone, "refusal.revoked");
        }
        String limited = ScanWorld.path(world.openCode(tenant, "{\"dailyScanLimit\":1}"));
        assertEquals(200, page(limited, null, null).status());
        var tooMany = page(limited, "zh-Hant", null);
        assertEquals(429, tooMany.status());
        assertIn(Messages.ZH_TW, tooMany, "refusal.daily_limit");
        assertFalse(tooMany.body().contains("limit"), tooMany.body());
        var geo = page(ScanWorld.path(world.openCode(tenant, "{\"geo\":{\"allowCountries\":[\"CN\"]}}")), "zh", null);
        assertEquals(403, geo.status());
        assertIn(Messages.ZH_CN, geo, "refusal.geo_blocked");
    }

    @Test
    void aJoinsPasscodeRefusalIsInTheScannersLanguage() {
        JsonNode group = world.group(tenant, "{\"name\":\"口令群\",\"capacity\":5,\"joinPolicy\":\"passcode\"}");
        byte[] secret = Totp.parseSecretOrNull(group.path("passcodeSecret").asText());
        assertNotNull(secret, group.toString());
        String passcodePath = ScanWorld.path(world.code(tenant, group.path("groupId").asText(), "{}"));
        String ticket = world.ticket(passcodePath);
        long now = world.clock.instant().getEpochSecond();
        String wrong = Totp.PASSCODE.verify(secret, "000000", now) ? "111111" : "000000";
        Map<String, String> chinese = Map.of("content-type", "application/json", "accept-language", "zh-CN,zh;q=0.9");
        var refused = world.scans().call("POST", passcodePath + "/join", Map.of(),
                ScanWorld.joinBody(ticket, "lang-member", wrong), chinese, "203.0.113.61");
        assertEquals(403, refused.status(), refused.body());
        assertEquals("bad_passcode", refused.errorCode());
        assertEquals(Messages.ZH_CN.format("refusal.bad_passcode.wrong", 4),
                refused.json().path("error").path("message").asText());
        var missing = world.scans().call("POST", passcodePath + "/join", Map.of(),
                ScanWorld.joinBody(ticket, "lang-member", null), Map.of("content-type", "application/json",
                        "user-agent", WECHAT + "zh_TW"), "203.0.113.61");
        assertEquals(Messages.ZH_TW.text("refusal.bad_passcode"), missing.json().path("error").path("message").asText());
        var english = world.join(passcodePath, ScanWorld.joinBody(ticket, "lang-member", null), "203.0.113.61");
        assertEquals(Messages.EN.text("refusal.bad_passcode"), english.json().path("error").path("message").asText(),
                "no signal: English");
    }

    @Test
    void theWelcomeMessageIsSaidOnceAndTheJoinedAnswerSaysYouJoined() {
        String html = page(path, "zh-CN", null).body();
        assertEquals(1, html.split("欢迎！", -1).length - 1, html);
        assertTrue(html.contains("data-t-joined=\"" + Messages.ZH_CN.text("landing.joined") + "\""), html);
        assertTrue(LandingPage.SCRIPT.contains("if(j.status==='joined'){form.hidden=true;say(d.tJoined);"),
                "once joined, the page says 'you joined', not the welcome message above it again");
        assertFalse(LandingPage.SCRIPT.contains("welcomeMessage"), LandingPage.SCRIPT);
    }
}
