package com.groupgate.testkit;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls a handler the way API Gateway's HTTP API (payload v2) does, and holds every
 * exchange to openapi.yaml ({@link ContractCheckedHandler}): a request or response the
 * document does not describe fails the test that made it.
 */
public final class HttpCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    public HttpCalls(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        this.handler = ContractCheckedHandler.of(handler);
    }

    /** A response with its body read as JSON when it is JSON. */
    public record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(new java.io.IOException("not JSON: " + body, e));
            }
        }

        public String text(String field) {
            return json().path(field).asText();
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }
    }

    public Response call(String method, String path, String body, Map<String, String> headers) {
        return call(method, path, Map.of(), body, headers, "198.51.100.7");
    }

    public Response call(String method, String path, Map<String, String> query, String body,
                         Map<String, String> headers, String sourceIp) {
        Map<String, String> h = new HashMap<>(headers);
        if (body != null) {
            h.putIfAbsent("content-type", "application/json");
        }
        return send(method, path, query, body, false, h, sourceIp);
    }

    /**
     * A request with a binary body of {@code contentType}, base64-encoded in the event as
     * API Gateway delivers binary media.
     */
    public Response upload(String method, String path, Map<String, String> query, byte[] body, String contentType,
                           Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.put("content-type", contentType);
        return send(method, path, query, java.util.Base64.getEncoder().encodeToString(body), true, h, "198.51.100.7");
    }

    /**
     * A request sent with exactly {@code headers} (no Content-Type added), its body as text or,
     * when {@code base64}, as base64 of the exact bytes: for tests of what the API does with a
     * body of another media type, no media type, or bytes that are not UTF-8.
     */
    public Response exact(String method, String path, byte[] body, boolean base64, Map<String, String> headers) {
        String raw = body == null ? null : base64 ? java.util.Base64.getEncoder().encodeToString(body)
                : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return send(method, path, Map.of(), raw, base64, new HashMap<>(headers), "198.51.100.7");
    }

    private Response send(String method, String path, Map<String, String> query, String body, boolean base64,
                          Map<String, String> h, String sourceIp) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withHeaders(h)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withSourceIp(sourceIp).withProtocol("HTTP/1.1")
                                .withUserAgent(h.get("user-agent")).build())
                        .withRequestId("test").build())
                .build();
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);
        return new Response(r.getStatusCode(), r.getHeaders() == null ? Map.of() : r.getHeaders(), r.getBody());
    }

    public Response get(String path, Map<String, String> headers) {
        return call("GET", path, null, headers);
    }

    public Response post(String path, String body, Map<String, String> headers) {
        return call("POST", path, body, headers);
    }

    public static Map<String, String> bearer(String key) {
        return Map.of("authorization", "Bearer " + key);
    }
}
