package com.groupgate.api;

import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Router;
import java.util.Map;

/**
 * The retired data board's addresses ({@code /dashboard} and anything under it, e.g. an old
 * bookmark of one of its files) lead to the console's analytics page, which shows what the
 * board showed. A 301 with the fragment in {@code Location} (RFC 9110 section 10.2.2 keeps
 * it; the browser opens the page there). Like every API answer it is sent {@code no-store},
 * so browsers do not keep the redirect if the address is ever given another meaning.
 */
final class DashboardRedirect {
    static final String CONSOLE_ANALYTICS = "/console#/analytics";

    void register(Router router) {
        router.on("GET", "/dashboard", DashboardRedirect::toConsole)
                .on("GET", "/dashboard/{file}", DashboardRedirect::toConsole);
    }

    private static ApiResponse toConsole(ApiRequest request) {
        return new ApiResponse(301, Map.of("location", CONSOLE_ANALYTICS), null, false);
    }
}
