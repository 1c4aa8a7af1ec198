package com.groupgate.http;

/**
 * The headers that tell browsers how to treat GroupGate's answers, in one place so that no
 * HTML answer and no scan answer can leave one out.
 *
 * <ul>
 * <li>Every HTML page (landing page, refusal pages, the dashboard and its files): its
 *     {@link ContentSecurityPolicy}, {@code X-Content-Type-Options: nosniff} (a file is
 *     only ever what its Content-Type says), {@code Referrer-Policy: no-referrer} (a scan
 *     URL is a credential of sorts and must not leak to another site) and
 *     {@code X-Frame-Options: DENY} for browsers older than {@code frame-ancestors}.
 * <li>Every scan answer (GET and join, JSON or HTML, accepted or refused):
 *     {@code Cache-Control: no-store}, because each carries a one-time join ticket or a
 *     refusal that may lift, and neither a shared cache nor the phone may replay it; plus
 *     nosniff and no-referrer.
 * <li>Every API answer (the codes API and the audit function: JSON, errors, 204s, the OpenAPI
 *     document): {@code Cache-Control: no-store}, since answers carry new API keys, webhook
 *     secrets and passcode secrets that neither a shared cache nor the browser may keep, and
 *     {@code X-Content-Type-Options: nosniff}. Only a file whose name is its content's hash
 *     (a dashboard asset, marked {@code immutable}) keeps its own Cache-Control.
 * </ul>
 */
public final class SecurityHeaders {
    public static final String CONTENT_SECURITY_POLICY = "content-security-policy";
    public static final String CONTENT_TYPE_OPTIONS = "x-content-type-options";
    public static final String REFERRER_POLICY = "referrer-policy";
    public static final String FRAME_OPTIONS = "x-frame-options";
    public static final String CACHE_CONTROL = "cache-control";

    private SecurityHeaders() {
    }

    /** {@code response}, an HTML page or one of its files, with the headers every page carries. */
    public static ApiResponse page(ApiResponse response, ContentSecurityPolicy policy) {
        return response.withHeader(CONTENT_SECURITY_POLICY, policy.header())
                .withHeader(CONTENT_TYPE_OPTIONS, "nosniff")
                .withHeader(REFERRER_POLICY, "no-referrer")
                .withHeader(FRAME_OPTIONS, "DENY");
    }

    /**
     * {@code response}, any answer of the API, never stored (unless it is an immutable,
     * content-hashed file) and never sniffed: applied once, where every answer leaves.
     */
    public static ApiResponse api(ApiResponse response) {
        String cacheControl = response.headers().get(CACHE_CONTROL);
        boolean immutableFile = cacheControl != null && cacheControl.contains("immutable");
        ApiResponse sniffless = response.withHeader(CONTENT_TYPE_OPTIONS, "nosniff");
        return immutableFile ? sniffless : sniffless.withHeader(CACHE_CONTROL, "no-store");
    }

    /** {@code response}, a scan or join answer, never stored and never sniffed. */
    public static ApiResponse scan(ApiResponse response) {
        return response.withHeader(CACHE_CONTROL, "no-store")
                .withHeader(CONTENT_TYPE_OPTIONS, "nosniff")
                .withHeader(REFERRER_POLICY, "no-referrer");
    }
}
