package com.groupgate.api;

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
 * The dashboard works with a read key because it only ever GETs: its script reaches the API
 * through one {@code fetch} whose options name no method (so GET), and through nothing else.
 * If the page ever learns to change something, this test says that a read key no longer
 * suffices for it (and {@link DashboardReadKeyIT} that the API refuses it 403).
 */
class DashboardOnlyReadsTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardOnlyReadsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theScriptsOnlyRequestIsAFetchWithoutAMethod() throws IOException {
        String script = resource("dashboard/app.js");
        Matcher fetch = Pattern.compile("\\bfetch\\s*\\(").matcher(script);
        assertTrue(fetch.find(), "the dashboard reads the API with fetch");
        int options = script.indexOf('{', fetch.end());
        String init = script.substring(options, matchingBrace(script, options) + 1);
        assertFalse(init.contains("method"), "fetch options name a method: " + init);
        assertFalse(init.contains("body"), "fetch options carry a body: " + init);
        assertFalse(fetch.find(), "a second fetch call");
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
