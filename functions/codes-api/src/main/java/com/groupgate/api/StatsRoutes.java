package com.groupgate.api;

import com.groupgate.analytics.StatsReader;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Router;
import com.groupgate.tenant.Tenant;

/** Stats of a code, group or live code; tenant-level rows; usage for billing. */
final class StatsRoutes {
    private final Authenticator auth;
    private final StatsReader stats;

    StatsRoutes(Authenticator auth, StatsReader stats) {
        this.auth = auth;
        this.stats = stats;
    }

    void register(Router router) {
        router.on("GET", "/v1/codes/{id}/stats", r -> subject(r, StatsReader.Subject.CODE))
                .on("GET", "/v1/groups/{id}/stats", r -> subject(r, StatsReader.Subject.GROUP))
                .on("GET", "/v1/live-codes/{id}/stats", r -> subject(r, StatsReader.Subject.LIVE_CODE))
                .on("GET", "/v1/stats", this::rows)
                .on("GET", "/v1/usage", this::usage);
    }

    private ApiResponse subject(ApiRequest request, StatsReader.Subject subject) {
        Tenant tenant = auth.tenant(request);
        return ApiResponse.json(200, stats.stats(tenant.tenantId(), tenant.timezone(), subject,
                Views.id(request.pathParam("id")), request.query()));
    }

    private ApiResponse rows(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        return ApiResponse.json(200, stats.rows(tenant.tenantId(), tenant.timezone(), request.query()));
    }

    private ApiResponse usage(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        return ApiResponse.json(200, stats.usage(tenant.tenantId(), request.queryParam("month")));
    }
}
