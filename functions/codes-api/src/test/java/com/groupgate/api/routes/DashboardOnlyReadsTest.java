package com.groupgate.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard works with a read key because everything it shows it GETs: its script reads
 * the API through one {@code fetch} whose options name no method (so GET). Its one change is
 * the webhooks panel's "Send test" button: a second {@code fetch}, in {@code sendTest}, a
 * POST to {@code /v1/webhooks/<id>/test} with no body, which a read key is refused (403,
 * {@link DashboardReadKeyIT}) and the page then disables. Nothing else reaches out. If the
 * page ever learns another change, this test says so.
 */
class DashboardOnlyReadsTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardOnlyReadsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theScriptReadsWithAFetchWithoutAMethodAndItsOnlyChangeIsTheWebhookTest() throws IOException {
        String script = resource("dashboard/app.js");
        Matcher fetch = Pattern.compile("\\bfetch\\s*\\(").matcher(script);
        assertTrue(fetch.find(), "the dashboard reads the API with fetch");
        int options = script.indexOf('{', fetch.end());
        String init = script.substring(options, matchingBrace(script, options) + 1);
        assertFalse(init.contains("method"), "the reading fetch names a method: " + init);
        assertFalse(init.contains("body"), "the reading fetch carries a body: " + init);

        assertTrue(fetch.find(), "the webhook test is the second fetch");
        int function = script.lastIndexOf("async function ", fetch.start());
        assertTrue(script.startsWith("async function sendTest(", function), "the second fetch is sendTest's");
        String call = script.substring(fetch.start(), matchingBrace(script, script.indexOf('{', fetch.end())) + 1);
        assertTrue(call.contains("'/v1/webhooks/' + encodeURIComponent(webhookId) + '/test'"), call);
        assertTrue(call.contains("method: 'POST'"), call);
        assertFalse(call.contains("body"), "the test carries no body: " + call);
        assertFalse(fetch.find(), "a third fetch call");
        for (String other : List.of("XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", ".submit(",
                "importScripts", "navigator.serviceWorker")) {
            assertFalse(script.contains(other), "the script reaches out another way: " + other);
        }
    }

    @Test
    void thePageItselfSubmitsNothing() throws IOException {
        String page = resource("dashboard/index.html");
        Matcher forms = Pattern.compile("<form\\b[^>]*>").matcher(page);
        while (forms.find()) {
            String form = forms.group();
            assertFalse(form.contains("action") || form.contains("method"), "a form that submits: " + form);
        }
        assertTrue(DashboardRoutes.POLICY.header().contains("form-action 'self'"), "forms only to our own origin");
        assertEquals(-1, page.indexOf("<iframe"), "no frames");
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced braces after " + open);
    }
}
