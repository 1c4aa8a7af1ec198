package com.groupgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.emulator.CloudFormationTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template's response headers policies as the local edge adds them to a bucket's answers. */
class ResponseHeadersPoliciesTest {
    private static final ResponseHeadersPolicies POLICIES =
            ResponseHeadersPolicies.fromTemplate(CloudFormationTemplate.ofRepository());

    @Test
    void theConsolesPolicySendsTheStrictCspAndReplacesWhatTheOriginSaid() {
        Map<String, String> out = POLICIES.apply("ConsoleResponseHeadersPolicy",
                Map.of("content-type", "text/html; charset=utf-8", "Content-Security-Policy", "default-src *"));
        String csp = out.get("content-security-policy");
        assertTrue(csp.startsWith("default-src 'none'; script-src 'self'; style-src 'self'"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertFalse(out.containsKey("Content-Security-Policy"), "Override: the origin's header is replaced");
        assertEquals("nosniff", out.get("x-content-type-options"));
        assertEquals("DENY", out.get("x-frame-options"));
        assertEquals("no-referrer", out.get("referrer-policy"));
        assertEquals("max-age=63072000; includeSubDomains", out.get("strict-transport-security"));
        assertEquals("text/html; charset=utf-8", out.get("content-type"));
    }

    @Test
    void theEdgesOwnPolicyAddsOnlyHsts() {
        Map<String, String> out = POLICIES.apply("EdgeResponseHeadersPolicy", Map.of("content-type", "image/png"));
        assertEquals(Map.of("content-type", "image/png", "strict-transport-security", "max-age=63072000; includeSubDomains"),
                out);
    }

    @Test
    void aHeaderWithoutOverrideKeepsTheOrigins() {
        var headers = ResponseHeadersPolicies.headers(Map.of("CustomHeadersConfig", Map.of("Items", java.util.List.of(
                Map.of("Header", "X-Kept", "Value", "policy", "Override", false),
                Map.of("Header", "X-Added", "Value", "policy", "Override", false)))));
        assertEquals(2, headers.size());
        assertEquals("origin", ResponseHeadersPolicies.apply(headers, Map.of("x-kept", "origin")).get("x-kept"));
        assertEquals("policy", ResponseHeadersPolicies.apply(headers, Map.of("x-kept", "origin")).get("x-added"));
    }
}
