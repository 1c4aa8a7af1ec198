package com.groupgate.localrun;

import com.groupgate.localaws.CloudFormationTemplate;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP API route as template.yaml declares it ({@code Method: GET}, {@code Path:
 * /S/{token}}) and the function behind it. Matching follows API Gateway HTTP APIs:
 * {@code ANY} matches every method, {@code {name}} one non-empty segment,
 * {@code {name+}} (last segment only) one or more; when several routes match, the most
 * specific wins (no greedy variable, then more literal segments, then an explicit method).
 */
public record HttpRoute(String method, String path, String functionLogicalId) {

    public HttpRoute {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method: required");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path: must start with /, was " + path);
        }
        if (functionLogicalId == null || functionLogicalId.isBlank()) {
            throw new IllegalArgumentException("functionLogicalId: required");
        }
        method = method.toUpperCase(Locale.ROOT);
        String[] segments = segments(path);
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].endsWith("+}")) {
                throw new IllegalArgumentException("path: a greedy variable must be last, in " + path);
            }
        }
    }

    /** Every {@code Type: HttpApi} event of every function in the template, in template order. */
    public static List<HttpRoute> fromTemplate(CloudFormationTemplate template) {
        List<HttpRoute> routes = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((functionId, resource) -> {
            Object events = template.properties(functionId).get("Events");
            if (!(events instanceof Map<?, ?> byName)) {
                return;
            }
            for (Object event : byName.values()) {
                if (event instanceof Map<?, ?> e && "HttpApi".equals(e.get("Type"))
                        && e.get("Properties") instanceof Map<?, ?> p
                        && p.get("Method") instanceof String method && p.get("Path") instanceof String path) {
                    routes.add(new HttpRoute(method, path, functionId));
                }
            }
        });
        return List.copyOf(routes);
    }

    /** API Gateway's route key, e.g. {@code GET /S/{token}} or {@code ANY /v1/{proxy+}}. */
    public String routeKey() {
        return method + " " + path;
    }

    /**
     * The path parameters (percent-decoded, as API Gateway passes them) when this route
     * takes {@code method} and {@code rawPath}; empty when it does not match.
     */
    public Optional<Map<String, String>> match(String requestMethod, String rawPath) {
        if (!method.equals("ANY") && !method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        String[] template = segments(path);
        String[] actual = segments(rawPath);
        boolean greedy = isGreedy();
        if (greedy ? actual.length < template.length : actual.length != template.length) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (greedy && i == template.length - 1) {
                String rest = String.join("/", java.util.Arrays.copyOfRange(actual, i, actual.length));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                params.put(t.substring(1, t.length() - 2), decode(rest));
            } else if (t.startsWith("{") && t.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(t.substring(1, t.length() - 1), decode(actual[i]));
            } else if (!t.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** The most specific of {@code routes} taking this request, if any. */
    public static Optional<Matched> resolve(List<HttpRoute> routes, String requestMethod, String rawPath) {
        return routes.stream()
                .flatMap(r -> r.match(requestMethod, rawPath).map(p -> new Matched(r, p)).stream())
                .max(Comparator.comparingInt((Matched m) -> m.route().isGreedy() ? 0 : 1)
                        .thenComparingInt(m -> m.route().literalSegments())
                        .thenComparingInt(m -> m.route().method().equals("ANY") ? 0 : 1));
    }

    /** A route that matched, with its path parameters. */
    public record Matched(HttpRoute route, Map<String, String> pathParameters) {
    }

    private boolean isGreedy() {
        return path.endsWith("+}");
    }

    private int literalSegments() {
        int n = 0;
        for (String s : segments(path)) {
            if (!s.startsWith("{")) {
                n++;
            }
        }
        return n;
    }

    private static String[] segments(String p) {
        return (p.startsWith("/") ? p.substring(1) : p).split("/", -1);
    }

    private static String decode(String raw) {
        // Path segments keep '+' literally; only percent-escapes are decoded.
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
