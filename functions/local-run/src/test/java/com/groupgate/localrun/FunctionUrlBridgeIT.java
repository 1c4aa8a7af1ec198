package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.hash.Sha256;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the edge (the template's default), the bridge plays CloudFront: /S/* and /s/* reach the
 * scan function as its function URL hands them over, and a POST there needs the hash of its
 * body in {@code x-amz-content-sha256}, as origin access control and Lambda require; the rest
 * reaches the HTTP API's routes.
 */
class FunctionUrlBridgeIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String JOIN = "{\"joinTicket\":\"t-1\",\"memberRef\":\"m-1\"}";
    private static final RecordingHttpHandler CODES = new RecordingHttpHandler(e -> APIGatewayV2HTTPResponse.builder()
            .withStatusCode(200).withHeaders(Map.of("content-type", "application/json")).withBody("{}").build());
    private static final RecordingHttpHandler SCAN = new RecordingHttpHandler(e -> APIGatewayV2HTTPResponse.builder()
            .withStatusCode(200).withHeaders(Map.of("content-type", "application/json"))
            .withBody("{\"status\":\"joined\"}").build());
    private static LocalGroupGate local;
    private static URI base;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder().streamPolling(false)
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
    void aScanReachesTheScanFunctionAsItsFunctionUrlHandsItOver() throws Exception {
        assertTrue(local.edge(), "the template's default is the edge");
        HTTP.send(HttpRequest.newBuilder(base.resolve("/S/TOKEN%2Babc?src=poster")).header("Accept", "application/json")
                .header("CloudFront-Viewer-Country", "CN").build(), HttpResponse.BodyHandlers.ofString());

        RecordingHttpHandler.Call call = SCAN.last();
        APIGatewayV2HTTPEvent e = call.event();
        assertEquals("ScanFunction", call.functionName());
        assertEquals("2.0", e.getVersion());
        assertEquals("$default", e.getRouteKey());
        assertEquals("$default", e.getRequestContext().getRouteKey());
        assertNull(e.getPathParameters(), "a function URL names no path parameters: the function reads rawPath");
        assertEquals("/S/TOKEN%2Babc", e.getRawPath());
        assertEquals("src=poster", e.getRawQueryString());
        assertEquals(Map.of("src", "poster"), e.getQueryStringParameters());
        String urlId = e.getRequestContext().getApiId();
        assertTrue(urlId.matches("[0-9a-f]{32}"), urlId);
        String host = urlId + ".lambda-url.us-east-1.on.aws";
        assertEquals(host, e.getRequestContext().getDomainName());
        assertEquals(urlId, e.getRequestContext().getDomainPrefix());
        assertEquals(host, e.getHeaders().get("host"), "CloudFront sends the origin's host, not the viewer's");
        assertEquals("CN", e.getHeaders().get("cloudfront-viewer-country"));
        assertEquals("GET", e.getRequestContext().getHttp().getMethod());
        assertEquals("127.0.0.1", e.getRequestContext().getHttp().getSourceIp());
        assertNull(e.getBody());
        assertTrue(CODES.calls.isEmpty());
    }

    @Test
    void aJoinWithItsBodysHashReachesTheFunction() throws Exception {
        HttpResponse<String> r = post("/s/TOKEN/join", JOIN, Sha256.hex(JOIN));

        assertEquals(200, r.statusCode(), r.body());
        APIGatewayV2HTTPEvent e = SCAN.last().event();
        assertEquals("$default", e.getRouteKey());
        assertEquals("/s/TOKEN/join", e.getRawPath());
        assertEquals(JOIN, e.getBody());
        assertFalse(e.getIsBase64Encoded());
        assertEquals(Sha256.hex(JOIN), e.getHeaders().get("x-amz-content-sha256"));
    }

    @Test
    void aJoinWithoutTheHashIsRefusedAsLambdaRefusesItAndNothingRuns() throws Exception {
        HttpResponse<String> r = post("/S/TOKEN/join", JOIN, null);

        assertInvalidSignature(r);
        assertTrue(SCAN.calls.isEmpty(), "the function is not invoked");
    }

    @Test
    void aHashOfOtherBytesOrInCapitalsIsRefused() throws Exception {
        assertInvalidSignature(post("/S/TOKEN/join", JOIN, Sha256.hex(JOIN + " ")));
        assertInvalidSignature(post("/S/TOKEN/join", JOIN, Sha256.hex(JOIN).toUpperCase(Locale.ROOT)));
        assertInvalidSignature(HTTP.send(HttpRequest.newBuilder(base.resolve("/S/TOKEN/join"))
                .PUT(HttpRequest.BodyPublishers.ofString(JOIN)).build(), HttpResponse.BodyHandlers.ofString()));
        assertTrue(SCAN.calls.isEmpty());
    }

    @Test
    void anEmptyPostNeedsTheHashOfNothing() throws Exception {
        assertInvalidSignature(post("/S/TOKEN/join", "", null));
        assertEquals(200, post("/S/TOKEN/join", "", Sha256.hex("")).statusCode());
    }

    @Test
    void everyPathUnderTheScanPatternsReachesTheScanFunction() throws Exception {
        HTTP.send(HttpRequest.newBuilder(base.resolve("/S/TOKEN/join")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("/S/TOKEN/join", SCAN.last().event().getRawPath(), "the function answers a GET of /join itself");
        assertTrue(CODES.calls.isEmpty());
    }

    @Test
    void theRestReachesTheHttpApiWithItsRouteKeysAndNeedsNoHash() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/groups"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"g\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("ANY /v1/{proxy+}", CODES.last().event().getRouteKey());
        assertEquals(Map.of("proxy", "groups"), CODES.last().event().getPathParameters());
        HTTP.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("GET /health", CODES.last().event().getRouteKey());
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(base.resolve("/S")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode(), "/S without a slash is not a scan path");
        assertTrue(SCAN.calls.isEmpty());
    }

    @Test
    void withTheCheckOffAJoinWithoutTheHashGetsThrough() throws Exception {
        CloudFormationTemplate template = CloudFormationTemplate.ofRepository();
        Routes routes = Routes.fromTemplate(template, Map.of("Edge", "true"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", new HttpApiBridge(routes, Map.of(
                LocalGroupGate.SCAN_FUNCTION, LocalFunction.of(template, LocalGroupGate.SCAN_FUNCTION, SCAN),
                LocalGroupGate.CODES_API_FUNCTION, LocalFunction.of(template, LocalGroupGate.CODES_API_FUNCTION, CODES),
                // Every function the template routes HTTP to needs a handler; this test never calls it.
                LocalGroupGate.AUDIT_FUNCTION, LocalFunction.of(template, LocalGroupGate.AUDIT_FUNCTION, CODES),
                LocalGroupGate.DESIGNS_FUNCTION, LocalFunction.of(template, LocalGroupGate.DESIGNS_FUNCTION, CODES)),
                false));
        server.start();
        try {
            URI off = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(off.resolve("/S/TOKEN/join"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JOIN)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(JOIN, SCAN.last().event().getBody());
        } finally {
            server.stop(0);
        }
    }

    private static void assertInvalidSignature(HttpResponse<String> r) {
        assertEquals(403, r.statusCode(), r.body());
        assertEquals("InvalidSignatureException", r.headers().firstValue("x-amzn-errortype").orElse(null));
        assertEquals(HttpApiBridge.INVALID_SIGNATURE, r.body());
        assertTrue(r.body().startsWith("{\"message\":\"" + HttpApiBridge.INVALID_SIGNATURE_MESSAGE + "\","),
                "Lambda's own words first: " + r.body());
        assertTrue(r.body().contains("x-amz-content-sha256"), "and a hint naming the header: " + r.body());
    }

    private static HttpResponse<String> post(String path, String body, String contentSha256) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentSha256 != null) {
            request.header("x-amz-content-sha256", contentSha256);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
