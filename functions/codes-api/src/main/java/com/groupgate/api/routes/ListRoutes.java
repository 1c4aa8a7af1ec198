package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.api.edge.Paging;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Router;
import com.groupgate.storage.code.CodeTable;
import com.groupgate.storage.live.LiveCodeTable;
import com.groupgate.tenant.Tenant;

/**
 * Read-only lists of a tenant's group codes and live codes, newest first, each item as
 * the single GET shows it. Both lists read gsi1 of MainTable (one query per page).
 */
public final class ListRoutes {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final Authenticator auth;
    private final CodeTable codes;
    private final LiveCodeTable live;
    private final CodeRoutes codeViews;
    private final LiveCodeRoutes liveViews;

    public ListRoutes(Authenticator auth, CodeTable codes, LiveCodeTable live, CodeRoutes codeViews,
               LiveCodeRoutes liveViews) {
        this.auth = auth;
        this.codes = codes;
        this.live = live;
        this.codeViews = codeViews;
        this.liveViews = liveViews;
    }

    public void register(Router router) {
        router.on("GET", "/v1/codes", this::codes)
                .on("GET", "/v1/live-codes", this::liveCodes);
    }

    private ApiResponse codes(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        CodeTable.Page page = codes.list(tenant.tenantId(), limit(request), cursor(request));
        return Paging.page(page.items().stream().map(codeViews::storedView).toList(), page.nextCursor());
    }

    private ApiResponse liveCodes(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        LiveCodeTable.Page page = live.list(tenant.tenantId(), limit(request), cursor(request));
        return Paging.page(page.items().stream().map(liveViews::view).toList(), page.nextCursor());
    }

    private static int limit(ApiRequest request) {
        return Paging.intParam(request, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    }

    /** Both lists hand out cursors of the same shape (issue time and id, see CodeTable). */
    private static String cursor(ApiRequest request) {
        String cursor = request.queryParam("cursor");
        if (cursor != null && !CodeTable.isCursor(cursor)) {
            throw RefusalException.badField("cursor", "not a cursor this API returned");
        }
        return cursor;
    }
}
