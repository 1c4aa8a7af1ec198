package com.groupgate.local;

import com.groupgate.emulator.CloudFormationTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The template's CloudFront response headers policies, as the local edge adds them to what a bucket
 * origin answers: the security headers ({@code Content-Security-Policy}, {@code
 * X-Content-Type-Options}, {@code X-Frame-Options}, {@code Referrer-Policy}, {@code
 * Strict-Transport-Security}) and custom headers, each replacing the origin's header of that
 * name when its {@code Override} is true, else only added when the origin sent none.
 */
public final class ResponseHeadersPolicies {
    private static final String POLICY = "AWS::CloudFront::ResponseHeadersPolicy";

    /** One header a policy sets. */
    record Header(String name, String value, boolean override) {
    }

    private final Map<String, List<Header>> headersByPolicy;

    private ResponseHeadersPolicies(Map<String, List<Header>> headersByPolicy) {
        this.headersByPolicy = Map.copyOf(headersByPolicy);
    }

    public static ResponseHeadersPolicies fromTemplate(CloudFormationTemplate template) {
        Map<String, List<Header>> out = new LinkedHashMap<>();
        template.resourcesOfType(POLICY).keySet().forEach(id -> out.put(id,
                headers(map(template.properties(id).get("ResponseHeadersPolicyConfig")))));
        return new ResponseHeadersPolicies(out);
    }

    /** {@code origin}'s headers with policy {@code policyLogicalId}'s applied; as they are for a null policy. */
    public Map<String, String> apply(String policyLogicalId, Map<String, String> origin) {
        if (policyLogicalId == null) {
            return new LinkedHashMap<>(origin);
        }
        List<Header> headers = headersByPolicy.get(policyLogicalId);
        if (headers == null) {
            throw new IllegalArgumentException("no response headers policy " + policyLogicalId + " in the template");
        }
        return apply(headers, origin);
    }

    /** {@code origin}'s headers with {@code headers} applied (names compared in any case). */
    static Map<String, String> apply(List<Header> headers, Map<String, String> origin) {
        Map<String, String> out = new LinkedHashMap<>(origin);
        for (Header h : headers) {
            if (h.override() || out.keySet().stream().noneMatch(n -> n.equalsIgnoreCase(h.name()))) {
                out.keySet().removeIf(n -> n.equalsIgnoreCase(h.name()));
                out.put(h.name(), h.value());
            }
        }
        return out;
    }

    static List<Header> headers(Map<String, Object> config) {
        List<Header> out = new java.util.ArrayList<>();
        Map<String, Object> security = map(config.get("SecurityHeadersConfig"));
        if (security != null) {
            Map<String, Object> csp = map(security.get("ContentSecurityPolicy"));
            if (csp != null) {
                out.add(new Header("content-security-policy", String.valueOf(csp.get("ContentSecurityPolicy")), override(csp)));
            }
            Map<String, Object> nosniff = map(security.get("ContentTypeOptions"));
            if (nosniff != null) {
                out.add(new Header("x-content-type-options", "nosniff", override(nosniff)));
            }
            Map<String, Object> frame = map(security.get("FrameOptions"));
            if (frame != null) {
                out.add(new Header("x-frame-options", String.valueOf(frame.get("FrameOption")), override(frame)));
            }
            Map<String, Object> referrer = map(security.get("ReferrerPolicy"));
            if (referrer != null) {
                out.add(new Header("referrer-policy", String.valueOf(referrer.get("ReferrerPolicy")), override(referrer)));
            }
            Map<String, Object> hsts = map(security.get("StrictTransportSecurity"));
            if (hsts != null) {
                out.add(new Header("strict-transport-security", "max-age=" + hsts.get("AccessControlMaxAgeSec")
                        + (Boolean.TRUE.equals(hsts.get("IncludeSubdomains")) ? "; includeSubDomains" : "")
                        + (Boolean.TRUE.equals(hsts.get("Preload")) ? "; preload" : ""), override(hsts)));
            }
        }
        Map<String, Object> custom = map(config.get("CustomHeadersConfig"));
        if (custom != null && custom.get("Items") instanceof List<?> items) {
            for (Object item : items) {
                Map<String, Object> header = map(item);
                out.add(new Header(String.valueOf(header.get("Header")).toLowerCase(Locale.ROOT),
                        String.valueOf(header.get("Value")), override(header)));
            }
        }
        return List.copyOf(out);
    }

    private static boolean override(Map<String, Object> setting) {
        return Boolean.TRUE.equals(setting.get("Override"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
