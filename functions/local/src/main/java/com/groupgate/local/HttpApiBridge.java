package com.groupgate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.emulator.EdgeBucketOrigin;
import com.groupgate.emulator.LocalAws;
import com.groupgate.hash.Sha256;
import com.groupgate.telemetry.Log;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the edge and API Gateway do in front of the functions, for the JDK's HTTP server. Each
 * request is routed as template.yaml routes it ({@link Routes}): through the distribution's
 * cache behaviors when the stack creates the edge, then to a function URL or the HTTP API. Either
 * way the function gets a payload v2 event (headers lowercased with repeats comma-joined, cookies
 * apart, query parameters decoded and comma-joined, the connection's address as source IP,
 * non-textual bodies base64-encoded): an HTTP API event carries its route key and path
 * parameters; a function URL event carries route key {@code $default}, no path parameters and
 * the URL's own host, as Lambda builds it behind CloudFront. The response is written back.
 * Requests are served concurrently, as Lambda serves them from many containers.
 *
 * <p>Like CloudFront signing for a function URL with origin access control, a POST or PUT to a
 * function URL origin must carry {@code x-amz-content-sha256}, the lowercase hex SHA-256 of its
 * body: Lambda does not accept unsigned payloads, and CloudFront signs with the hash the viewer
 * declares. Without it, or with a hash of other bytes, Lambda answers 403
 * {@code InvalidSignatureException} and the function is not invoked. The check can be turned off
 * ({@link LocalGroupGate.Builder#requireContentSha256}) for clients that do not send it yet.
 *
 * <p>A behavior whose origin is a bucket ({@code /i/*}, code images) is answered from the bucket as
 * CloudFront reads it with origin access control ({@link EdgeBucketOrigin}): the object with its
 * caching headers, or S3's 403 for a key the distribution may not read or that is not there.
 * Nothing is cached locally.
 *
 * <p>Not emulated: the origin request policy's header allow-list (every viewer header reaches the
 * function; tests play CloudFront by sending {@code X-Origin-Verify} and the viewer headers
 * themselves), the WAF web ACL, and CloudFront's own headers ({@code via}, {@code x-amz-cf-id}).
 */
public final class HttpApiBridge implements HttpHandler {
    /** HTTP APIs refuse larger payloads. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** A function URL invokes synchronously: Lambda's 6 MB request payload quota. */
    static final int MAX_FUNCTION_URL_BODY_BYTES = 6 * 1024 * 1024;
    /**
     * Lambda's answer when the signed payload hash is missing or wrong. AWS documents only that
     * Lambda refuses unsigned payloads through OAC; this status, error type and body are what
     * users report CloudFront returning for such a POST (github.com/minorun365/html-share/issues/4).
     */
    static final String INVALID_SIGNATURE_MESSAGE = "The request signature we calculated does not match the "
            + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
            + "documentation for details.";
    /**
     * What the bridge answers then: Lambda's message word for word, so a client sees locally what
     * it will see deployed, plus a {@code hint} (not in AWS's answer) that says what the message
     * means for a GroupGate client: no key is involved, the body's hash is.
     */
    static final String INVALID_SIGNATURE = "{\"message\":\"" + INVALID_SIGNATURE_MESSAGE + "\",\"hint\":\""
            + "GroupGate: this is Lambda refusing the payload hash, not a key. A POST or PUT to a scan path must carry "
            + "x-amz-content-sha256: the lowercase hex SHA-256 of the exact body bytes (printf %s \\\"$BODY\\\" | "
            + "sha256sum); it was missing or hashes other bytes. (make run adds this hint; AWS does not.)\"}";
    static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final String NOT_FOUND = "{\"error\":{\"code\":\"not_found\",\"message\":\"not found\"}}";
    private static final String GATEWAY_ERROR = "{\"message\":\"Internal Server Error\"}";

    private final Routes routes;
    private final Map<String, LocalFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions;
    private final boolean requireContentSha256;
    private final Map<String, EdgeBucketOrigin> buckets;
    private final CloudFrontFunctions edgeFunctions;
    private final ResponseHeadersPolicies headerPolicies;

    /**
     * @param routes               what serves each request, typically {@link Routes#fromTemplate}
     * @param functions            the function behind each of {@code routes}' functions
     * @param requireContentSha256 whether a POST or PUT to a function URL needs its body's hash
     */
    public HttpApiBridge(Routes routes,
                         Map<String, LocalFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions,
                         boolean requireContentSha256) {
        this(routes, functions, requireContentSha256, null);
    }

    /**
     * @param buckets the bucket behind each of {@code routes}' bucket origins, as the distribution
     *                reads it; null for a bridge that serves functions only (a bucket path then
     *                answers 502, as CloudFront does when it cannot reach an origin)
     */
    public HttpApiBridge(Routes routes,
                         Map<String, LocalFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions,
                         boolean requireContentSha256, Map<String, EdgeBucketOrigin> buckets) {
        this(routes, functions, requireContentSha256, buckets, null, null);
    }

    /**
     * @param edgeFunctions  the template's CloudFront Functions, for behaviors that run one on viewer
     *                       requests (null: such a request answers 502)
     * @param headerPolicies the template's response headers policies, added to bucket answers as the
     *                       behavior names them (null: none added)
     */
    public HttpApiBridge(Routes routes,
                         Map<String, LocalFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions,
                         boolean requireContentSha256, Map<String, EdgeBucketOrigin> buckets,
                         CloudFrontFunctions edgeFunctions, ResponseHeadersPolicies headerPolicies) {
        this.edgeFunctions = edgeFunctions;
        this.headerPolicies = headerPolicies;
        for (String function : routes.functions()) {
            if (!functions.containsKey(function)) {
                throw new IllegalArgumentException("functions: no handler for " + function);
            }
        }
        for (String bucket : buckets == null ? java.util.Set.<String>of() : routes.buckets()) {
            if (!buckets.containsKey(bucket)) {
                throw new IllegalArgumentException("buckets: no origin for " + bucket);
            }
        }
        this.routes = routes;
        this.functions = Map.copyOf(functions);
        this.requireContentSha256 = requireContentSha256;
        this.buckets = buckets == null ? Map.of() : Map.copyOf(buckets);
    }

    public Routes routes() {
        return routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            Optional<Routes.Target> target = routes.resolve(method, rawPath);
            if (target.isEmpty()) {
                drain(exchange.getRequestBody());
                write(exchange, 404, Map.of("content-type", "application/json"), bytes(NOT_FOUND));
                return;
            }
            if (target.get() instanceof Routes.EdgeRefusal refusal) {
                drain(exchange.getRequestBody());
                write(exchange, refusal.status(), Map.of("content-type", "text/plain"), bytes(refusal.message()));
                return;
            }
            if (target.get() instanceof Routes.BucketObject object) {
                drain(exchange.getRequestBody());
                EdgeBucketOrigin origin = buckets.get(object.bucketLogicalId());
                if (origin == null) {
                    write(exchange, 502, Map.of("content-type", "text/plain"), bytes("no origin for "
                            + object.bucketLogicalId() + " in this bridge"));
                    return;
                }
                String key = object.key();
                Routes.Behavior behavior = object.behavior();
                if (behavior != null && behavior.viewerRequestFunction() != null) {
                    CloudFrontFunctions.Result decided;
                    try {
                        decided = edgeFunctions == null ? null : edgeFunctions.viewerRequest(
                                behavior.viewerRequestFunction(), method, rawPath, exchange.getRequestURI().getRawQuery(),
                                firstValues(exchange.getRequestHeaders()), exchange.getRemoteAddress().getAddress().getHostAddress());
                    } catch (IllegalStateException e) {
                        // CloudFront answers 503 when a function fails.
                        Log.error("cloudfront_function_failed", Map.of("function", behavior.viewerRequestFunction(),
                                "error", String.valueOf(e.getMessage())));
                        write(exchange, 503, Map.of("content-type", "text/plain"), bytes("the CloudFront Function failed"));
                        return;
                    }
                    if (decided == null) {
                        write(exchange, 502, Map.of("content-type", "text/plain"), bytes("no CloudFront Functions in this bridge"));
                        return;
                    }
                    if (decided instanceof CloudFrontFunctions.Respond r) {
                        write(exchange, r.status(), policyHeaders(behavior, r.headers()), bytes(r.body()));
                        return;
                    }
                    key = Routes.keyOf(((CloudFrontFunctions.Forward) decided).uri());
                }
                EdgeBucketOrigin.Answer answer = origin.get(key);
                write(exchange, answer.status(), policyHeaders(behavior, answer.headers()), answer.body());
                Log.info("http_request", Map.of("route", object.pathPattern() + " -> " + object.bucketLogicalId(),
                        "status", answer.status(), "millis", (System.nanoTime() - started) / 1_000_000));
                return;
            }
            boolean functionUrl = target.get() instanceof Routes.FunctionUrl;
            byte[] body = readBody(exchange.getRequestBody(), functionUrl ? MAX_FUNCTION_URL_BODY_BYTES : MAX_BODY_BYTES);
            if (body == null) {
                write(exchange, 413, Map.of("content-type", "application/json"),
                        bytes("{\"message\":\"Request Entity Too Large\"}"));
                return;
            }
            String function;
            String routeKey;
            APIGatewayV2HTTPEvent event;
            if (target.get() instanceof Routes.FunctionUrl url) {
                function = url.functionLogicalId();
                routeKey = url.pathPattern() + " -> " + function + " URL";
                if (requireContentSha256 && (method.equals("POST") || method.equals("PUT"))
                        && !payloadHashMatches(exchange.getRequestHeaders().getFirst(CONTENT_SHA256), body)) {
                    write(exchange, 403, Map.of("content-type", "application/json",
                            "x-amzn-errortype", "InvalidSignatureException"), bytes(INVALID_SIGNATURE));
                    Log.info("http_request", Map.of("route", routeKey, "status", 403, "refused", "payload_hash"));
                    return;
                }
                event = toFunctionUrlEvent(exchange, function, body);
            } else {
                HttpRoute.Matched matched = ((Routes.HttpApi) target.get()).matched();
                function = matched.route().functionLogicalId();
                routeKey = matched.route().routeKey();
                event = toEvent(exchange, matched.route(), matched.pathParameters(), body);
            }
            APIGatewayV2HTTPResponse response = invoke(function, event);
            int status = writeResponse(exchange, response);
            Log.info("http_request", Map.of("route", routeKey, "status", status,
                    "millis", (System.nanoTime() - started) / 1_000_000));
        }
    }

    /** The response headers policy of {@code behavior} applied to {@code headers}, as CloudFront adds them. */
    private Map<String, String> policyHeaders(Routes.Behavior behavior, Map<String, String> headers) {
        return headerPolicies == null || behavior == null ? headers
                : headerPolicies.apply(behavior.responseHeadersPolicy(), headers);
    }

    private static Map<String, String> firstValues(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(name, String.join(",", values)));
        return out;
    }

    /** Whether {@code declared} is the lowercase hex SHA-256 of {@code body}, as SigV4 writes a payload hash. */
    static boolean payloadHashMatches(String declared, byte[] body) {
        if (declared == null) {
            return false;
        }
        return MessageDigest.isEqual(bytes(Sha256.hex(body)), bytes(declared.trim()));
    }

    private APIGatewayV2HTTPResponse invoke(String function, APIGatewayV2HTTPEvent event) {
        try {
            return functions.get(function).invoke(event);
        } catch (RuntimeException | Error e) {
            // As in Lambda: the failure is the function's; API Gateway answers 500 without detail.
            Log.error("invocation_failed", Map.of("function", function, "exception", e.getClass().getName()));
            return null;
        }
    }

    /**
     * The event a function URL hands its function: payload v2 with route key {@code $default},
     * no path parameters (the function reads its path itself), and the URL's host, which
     * CloudFront sends in place of the viewer's.
     */
    static APIGatewayV2HTTPEvent toFunctionUrlEvent(HttpExchange exchange, String functionLogicalId, byte[] body) {
        String urlId = functionUrlId(functionLogicalId);
        String host = urlId + ".lambda-url." + LocalAws.REGION + ".on.aws";
        APIGatewayV2HTTPEvent event = event(exchange, "$default", Map.of(), body, host);
        event.getRequestContext().setApiId(urlId);
        return event;
    }

    /** A stable 32-character id per function, shaped like a function URL's. */
    static String functionUrlId(String functionLogicalId) {
        return Sha256.hexPrefix(bytes(functionLogicalId), 16);
    }

    static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters,
                                         byte[] body) {
        return event(exchange, route.routeKey(), pathParameters, body, null);
    }

    /** The payload v2 event; {@code host}, when given, replaces the viewer's Host header. */
    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String routeKey, Map<String, String> pathParameters,
                                               byte[] body, String originHost) {
        URI uri = exchange.getRequestURI();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        if (originHost != null) {
            headers.put("host", originHost);
        }
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));
        Instant now = Instant.now();
        String host = headers.getOrDefault("host", "127.0.0.1");
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(routeKey);
        event.setRawPath(uri.getRawPath());
        event.setRawQueryString(rawQuery);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(queryParameters(rawQuery));
        event.setPathParameters(pathParameters.isEmpty() ? null : Map.copyOf(pathParameters));
        if (body.length > 0) {
            // A body that is not UTF-8 goes base64-encoded whatever its type says, so the function
            // sees the bytes as sent and can refuse them, instead of text already garbled by U+FFFD.
            boolean textual = isTextual(headers.get("content-type")) && isUtf8(body);
            event.setIsBase64Encoded(!textual);
            event.setBody(textual ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setAccountId("000000000000");
        context.setApiId("local");
        context.setStage("$default");
        context.setDomainName(host);
        context.setDomainPrefix(host.split("[.:]", 2)[0]);
        context.setRequestId(UUID.randomUUID().toString());
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.setPath(uri.getRawPath());
        http.setProtocol(exchange.getProtocol());
        http.setSourceIp(sourceIp);
        http.setUserAgent(headers.getOrDefault("user-agent", ""));
        context.setHttp(http);
        event.setRequestContext(context);
        return event;
    }

    /** Decoded query parameters, repeats comma-joined; null when there are none (as API Gateway omits them). */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params.isEmpty() ? null : params;
    }

    /** Whether {@code body} is well-formed UTF-8. */
    static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** Bodies API Gateway passes as text; anything else (or no content type) goes base64-encoded. */
    static boolean isTextual(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/javascript");
    }

    private static int writeResponse(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response == null) {
            write(exchange, 500, Map.of("content-type", "application/json"), bytes(GATEWAY_ERROR));
            return 500;
        }
        Headers out = exchange.getResponseHeaders();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(v -> out.add(name, v)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> out.add("set-cookie", c));
        }
        byte[] body;
        String raw = response.getBody();
        if (raw == null) {
            body = new byte[0];
        } else if (response.getIsBase64Encoded()) {
            body = Base64.getDecoder().decode(raw);
        } else {
            body = bytes(raw);
        }
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        write(exchange, status, headers, body);
        return status;
    }

    private static void write(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")
                || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** The whole body, or null when it is larger than {@code limit}. */
    private static byte[] readBody(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                drain(in);
                return null;
            }
        }
        return out.toByteArray();
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
