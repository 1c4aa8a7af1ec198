package com.groupgate.http;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Method and path templates ({@code /v1/codes/{codeId}}) to actions. Paths are matched
 * segment by segment; a known path with another method is 405, anything else 404.
 */
public final class Router {
    private record Route(String method, String template, String[] segments,
                         Function<ApiRequest, ApiResponse> action) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router on(String method, String template, Function<ApiRequest, ApiResponse> action) {
        routes.add(new Route(method, template, split(template), action));
        return this;
    }

    /**
     * Every route registered, as {@code "GET /v1/codes/{codeId}"}, in registration order:
     * what openapi.yaml must describe, no more and no less (the contract tests compare).
     */
    public List<String> routes() {
        return routes.stream().map(r -> r.method() + " " + r.template()).toList();
    }

    public ApiResponse dispatch(ApiRequest request) {
        String[] path = split(request.path());
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), path);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method())) {
                return route.action().apply(request.withPathParams(params));
            }
        }
        if (pathKnown) {
            throw new RefusalException(Refusal.METHOD_NOT_ALLOWED, "method not allowed");
        }
        throw RefusalException.notFound();
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.split("/", -1);
    }
}
