package com.groupgate.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.groupgate.error.RefusalException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP API (payload v2) request as GroupGate reads it: header names lowercased, the
 * body as API Gateway delivered it (base64 for binary content types), the connection's
 * source IP. Path parameters are filled in by the router.
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        String rawBody,
        boolean base64Encoded,
        String sourceIp,
        Map<String, String> pathParams) {

    public static ApiRequest from(APIGatewayV2HTTPEvent event) {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http == null ? "GET" : http.getMethod();
        String sourceIp = http == null ? null : http.getSourceIp();
        String path = event.getRawPath() != null ? event.getRawPath() : http == null ? "/" : http.getPath();
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of()
                : Map.copyOf(event.getQueryStringParameters());
        return new ApiRequest(method.toUpperCase(Locale.ROOT), path, Map.copyOf(headers), query, event.getBody(),
                event.getIsBase64Encoded(), sourceIp, Map.of());
    }

    public ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, headers, query, rawBody, base64Encoded, sourceIp, Map.copyOf(params));
    }

    /**
     * The body as text, or null when there is none: strict UTF-8 ({@link BodyText}), so bytes
     * that are not UTF-8 are a 400 naming the body, never text silently garbled by U+FFFD.
     */
    public String body() {
        BodyText text = bodyText();
        if (text != null && text.malformed()) {
            throw notUtf8("body");
        }
        return text == null ? null : text.text();
    }

    /**
     * The body as text with each sequence that is not UTF-8 marked, or null when there is
     * none: the one place a request body becomes a string. A body API Gateway passed as text
     * is taken as it came; a base64 body is decoded strictly.
     */
    BodyText bodyText() {
        if (rawBody == null) {
            return null;
        }
        return base64Encoded ? BodyText.decode(Base64.getDecoder().decode(rawBody)) : BodyText.of(rawBody);
    }

    /** The 400 for bytes that are not UTF-8, naming the field that holds them. */
    static RefusalException notUtf8(String field) {
        return RefusalException.badField(field, "holds bytes that are not UTF-8");
    }

    /** The body's bytes exactly as sent (an uploaded picture), empty when there is none. */
    public byte[] bodyBytes() {
        if (rawBody == null) {
            return new byte[0];
        }
        return base64Encoded ? Base64.getDecoder().decode(rawBody) : rawBody.getBytes(StandardCharsets.UTF_8);
    }

    public String header(String lowercaseName) {
        return headers.get(lowercaseName);
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public String queryParam(String name) {
        return query.get(name);
    }
}
