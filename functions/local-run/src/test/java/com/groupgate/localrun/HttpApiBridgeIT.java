package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API payload v2 events the bridge builds for a stack without the edge (the HTTP API
 * serves every route), seen by recording handlers. {@link FunctionUrlBridgeIT} covers the edge.
 */
class HttpApiBridgeIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] PNG_BYTES = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, 1};
    private static final RecordingHttpHandler CODES = new RecordingHttpHandler(e -> APIGatewayV2HTTPResponse.builder()
            .withStatusCode(201).withHeaders(Map.of("content-type", "application/json", "x-seen", e.getRouteKey()))
            .withBody("{\"ok\":true}").build());
    private static final RecordingHttpHandler SCAN = new RecordingHttpHandler(e -> {
        if ("boom".equals(e.getPathParameters().get("token"))) {
            throw new IllegalStateException("handler failure");
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "image/png")).withCookies(List.of("a=1; Path=/"))
                .withBody(Base64.getEncoder().encodeToString(PNG_BYTES)).withIsBase64Encoded(true).build();
    });
    private static LocalGroupGate local;
    private static URI base;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder().streamPolling(false).edge(false)
                .httpHandler(LocalGroupGate.CODES_API_FUNCTION, CODES)
                .httpHandler(LocalGroupGate.SCAN_FUNCTION, SCAN).build();
        base = local.start(0);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @BeforeEach
    void forget() {
        CODES.calls.clear();
        SCAN.calls.clear();
    }

    @Test
    void joinBecomesAV2EventWithPathQueryHeadersSourceIpAndBase64Body() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/s/TOKEN%2Babc/join?x=1&x=2&y=a%20b&flag"))
                        .header("Content-Type", "application/octet-stream")
                        .header("X-Custom", "one").header("X-Custom", "two")
                        .header("User-Agent", "GroupGateTest/1.0")
                        .header("Cookie", "c1=v1; c2=v2")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(PNG_BYTES)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, r.statusCode());
        assertArrayEquals(PNG_BYTES, r.body(), "base64 response body is decoded");
        assertEquals("image/png", r.headers().firstValue("content-type").orElseThrow());
        assertEquals(List.of("a=1; Path=/"), r.headers().allValues("set-cookie"));

        RecordingHttpHandler.Call call = SCAN.last();
        APIGatewayV2HTTPEvent e = call.event();
        assertEquals("ScanFunction", call.functionName());
        assertEquals("2.0", e.getVersion());
        assertEquals("POST /s/{token}/join", e.getRouteKey());
        assertEquals("/s/TOKEN%2Babc/join", e.getRawPath());
        assertEquals("x=1&x=2&y=a%20b&flag", e.getRawQueryString());
        assertEquals(Map.of("x", "1,2", "y", "a b", "flag", ""), e.getQueryStringParameters());
        assertEquals(Map.of("token", "TOKEN+abc"), e.getPathParameters());
        assertEquals("one,two", e.getHeaders().get("x-custom"));
        assertEquals("application/octet-stream", e.getHeaders().get("content-type"));
        assertTrue(e.getHeaders().keySet().stream().allMatch(k -> k.equals(k.toLowerCase())), "lowercase names");
        assertFalse(e.getHeaders().containsKey("cookie"), "cookies travel apart, as in payload v2");
        assertEquals(List.of("c1=v1", "c2=v2"), e.getCookies());
        assertTrue(e.getIsBase64Encoded());
        assertArrayEquals(PNG_BYTES, Base64.getDecoder().decode(e.getBody()));
        var http = e.getRequestContext().getHttp();
        assertEquals("POST", http.getMethod());
        assertEquals("/s/TOKEN%2Babc/join", http.getPath());
        assertEquals("127.0.0.1", http.getSourceIp());
        assertEquals("GroupGateTest/1.0", http.getUserAgent());
        assertEquals("HTTP/1.1", http.getProtocol());
        assertEquals("POST /s/{token}/join", e.getRequestContext().getRouteKey());
        assertEquals("$default", e.getRequestContext().getStage());
        assertFalse(e.getRequestContext().getRequestId().isBlank());
        assertTrue(Math.abs(System.currentTimeMillis() - e.getRequestContext().getTimeEpoch()) < 60_000);
    }

    @Test
    void jsonBodyTravelsAsTextAndProxyTakesTheRestOfThePath() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/groups/g1/codes"))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"campus\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(201, r.statusCode());
        assertEquals("ANY /v1/{proxy+}", r.headers().firstValue("x-seen").orElseThrow());
        APIGatewayV2HTTPEvent e = CODES.last().event();
        assertEquals("CodesApiFunction", CODES.last().functionName());
        assertEquals(Map.of("proxy", "groups/g1/codes"), e.getPathParameters());
        assertFalse(e.getIsBase64Encoded());
        assertEquals("{\"channel\":\"campus\"}", e.getBody());
        assertNull(e.getQueryStringParameters());
        assertEquals("", e.getRawQueryString());
    }

    @Test
    void aJsonBodyThatIsNotUtf8TravelsAsItsExactBytesBase64Encoded() throws Exception {
        byte[] gbk = "{\"name\":\"班级\"}".getBytes(java.nio.charset.Charset.forName("GBK"));
        HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/groups"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gbk)).build(),
                HttpResponse.BodyHandlers.ofString());
        APIGatewayV2HTTPEvent e = CODES.last().event();
        assertTrue(e.getIsBase64Encoded(), "not silently turned into U+FFFD text");
        assertArrayEquals(gbk, Base64.getDecoder().decode(e.getBody()));
    }

    @Test
    void bodilessRequestHasNoBody() throws Exception {
        HTTP.send(HttpRequest.newBuilder(base.resolve("/S/TOKEN")).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        APIGatewayV2HTTPEvent e = SCAN.last().event();
        assertEquals("GET /S/{token}", e.getRouteKey());
        assertNull(e.getBody());
        assertFalse(e.getIsBase64Encoded());
        assertEquals("application/json", e.getHeaders().get("accept"));
    }

    @Test
    void dashboardRoutesGoToTheCodesApi() throws Exception {
        HTTP.send(HttpRequest.newBuilder(base.resolve("/dashboard/stats/today")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("GET /dashboard/{proxy+}", CODES.last().event().getRouteKey());
        HTTP.send(HttpRequest.newBuilder(base.resolve("/dashboard")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("GET /dashboard", CODES.last().event().getRouteKey());
    }

    @Test
    void unmatchedMethodOrPathIsNotFoundWithoutInvokingAnything() throws Exception {
        HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(base.resolve("/S/TOKEN/join")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, wrongMethod.statusCode());
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"not found\"}}", unknown.body());
        assertTrue(CODES.calls.isEmpty() && SCAN.calls.isEmpty());
    }

    @Test
    void handlerFailureIsAGatewayErrorWithoutDetail() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/S/boom")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(500, r.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", r.body());
    }
}
