package com.groupgate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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
 * What API Gateway does in front of the functions, for the JDK's HTTP server: each request
 * becomes an HTTP API payload v2 event (headers lowercased with repeats comma-joined,
 * cookies apart, query parameters decoded and comma-joined, path parameters of the matched
 * route, the connection's address as source IP, non-textual bodies base64-encoded), goes
 * to the function whose route matches, and its response is written back. Requests are
 * served concurrently, as Lambda serves them from many containers.
 */
public final class HttpApiBridge implements HttpHandler {
    /** HTTP APIs refuse larger payloads. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final String NOT_FOUND = "{\"error\":{\"code\":\"not_found\",\"message\":\"not found\"}}";
    private static final String GATEWAY_ERROR = "{\"message\":\"Internal Server Error\"}";

    private final List<HttpRoute> routes;
    private final Map<String, LocalFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions;

    /**
     * @param routes    the routes to serve, typically {@link HttpRoute#fromTemplate}
     * @param functions the function behind each route's logical id; every route needs one
     */
    public HttpApiBridge(List<HttpRoute> routes,
                         Map<String, LocalFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions) {
        for (HttpRoute route : routes) {
            if (!functions.containsKey(route.functionLogicalId())) {
                throw new IllegalArgumentException("functions: no handler for " + route.functionLogicalId()
                        + " (route " + route.routeKey() + ")");
            }
        }
        this.routes = List.copyOf(routes);
        this.functions = Map.copyOf(functions);
    }

    public List<HttpRoute> routes() {
        return routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            Optional<HttpRoute.Matched> matched = HttpRoute.resolve(routes, method, rawPath);
            if (matched.isEmpty()) {
                drain(exchange.getRequestBody());
                write(exchange, 404, Map.of("content-type", "application/json"), bytes(NOT_FOUND));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                write(exchange, 413, Map.of("content-type", "application/json"),
                        bytes("{\"message\":\"Request Entity Too Large\"}"));
                return;
            }
            HttpRoute route = matched.get().route();
            APIGatewayV2HTTPEvent event = toEvent(exchange, route, matched.get().pathParameters(), body);
            APIGatewayV2HTTPResponse response = invoke(route, event);
            int status = writeResponse(exchange, response);
            Log.info("http_request", Map.of("route", route.routeKey(), "status", status,
                    "millis", (System.nanoTime() - started) / 1_000_000));
        }
    }

    private APIGatewayV2HTTPResponse invoke(HttpRoute route, APIGatewayV2HTTPEvent event) {
        try {
            return functions.get(route.functionLogicalId()).invoke(event);
        } catch (RuntimeException | Error e) {
            // As in Lambda: the failure is the function's; API Gateway answers 500 without detail.
            Log.error("invocation_failed", Map.of("function", route.functionLogicalId(),
                    "exception", e.getClass().getName()));
            return null;
        }
    }

    static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters,
                                         byte[] body) {
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
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));
        Instant now = Instant.now();
        String host = headers.getOrDefault("host", "127.0.0.1");
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(route.routeKey());
        event.setRawPath(uri.getRawPath());
        event.setRawQueryString(rawQuery);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(queryParameters(rawQuery));
        event.setPathParameters(pathParameters.isEmpty() ? null : Map.copyOf(pathParameters));
        if (body.length > 0) {
            boolean textual = isTextual(headers.get("content-type"));
            event.setIsBase64Encoded(!textual);
            event.setBody(textual ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRouteKey(route.routeKey());
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

    /** The whole body, or null when it is larger than an HTTP API accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BODY_BYTES) {
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
