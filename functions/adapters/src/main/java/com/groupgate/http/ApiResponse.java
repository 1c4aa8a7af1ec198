package com.groupgate.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response before it becomes an API Gateway payload v2 response. */
public record ApiResponse(int status, Map<String, String> headers, String body, boolean base64) {

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, Map.of("content-type", "application/json"), Json.write(value), false);
    }

    /** 204: done, nothing to say. */
    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), null, false);
    }

    /**
     * An HTML page, never cached, with the headers every page carries
     * ({@link SecurityHeaders#page}) under {@code policy}: there is no HTML answer without them.
     */
    public static ApiResponse html(int status, String html, ContentSecurityPolicy policy) {
        return SecurityHeaders.page(new ApiResponse(status, Map.of("content-type", "text/html; charset=utf-8",
                "cache-control", "no-store"), html, false), policy);
    }

    public static ApiResponse binary(int status, String contentType, byte[] bytes) {
        return new ApiResponse(status, Map.of("content-type", contentType), Base64.getEncoder().encodeToString(bytes), true);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, Map.copyOf(h), body, base64);
    }

    public APIGatewayV2HTTPResponse toEvent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(body).withIsBase64Encoded(base64).build();
    }
}
