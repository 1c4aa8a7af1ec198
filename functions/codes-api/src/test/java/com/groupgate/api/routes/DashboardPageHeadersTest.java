package com.groupgate.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Router;
import com.groupgate.testkit.PageHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's page and files carry the same page headers as every HTML answer. */
class DashboardPageHeadersTest {
    private final Router router = new Router();
    private final DashboardRoutes dashboard = new DashboardRoutes();

    DashboardPageHeadersTest() {
        dashboard.register(router);
    }

    private ApiResponse get(String path) {
        return router.dispatch(new ApiRequest("GET", path, Map.of(), Map.of(), null, false, "198.51.100.7", Map.of()));
    }

    @Test
    void thePageRunsOnlyItsOwnFilesUnderAPolicyWithTheCommonFloor() {
        ApiResponse page = get("/dashboard");
        assertEquals(200, page.status());
        String csp = page.headers().get("content-security-policy");
        assertEquals(List.of("'self'"), PageHeaders.sources(csp, "script-src"), csp);
        assertEquals(List.of("'self'"), PageHeaders.sources(csp, "style-src"), csp);
        for (String directive : List.of("default-src", "frame-ancestors", "base-uri", "object-src")) {
            assertEquals(List.of("'none'"), PageHeaders.sources(csp, directive), directive + " in " + csp);
        }
        assertEquals(List.of("'self'"), PageHeaders.sources(csp, "form-action"), csp);
        assertFalse(csp.contains("unsafe-"), csp);
        assertEquals("nosniff", page.headers().get("x-content-type-options"));
        assertEquals("no-referrer", page.headers().get("referrer-policy"));
        assertEquals("no-store", page.headers().get("cache-control"));
        assertEquals(List.of(), PageHeaders.inlineBlocks(page.body(), "script"), "no inline script");
        assertEquals(List.of(), PageHeaders.inlineBlocks(page.body(), "style"), "no inline style");
        PageHeaders.assertNoInlineHandlersOrStyleAttributes(page.body());
    }

    @Test
    void itsFilesAreNeverSniffed() {
        for (String file : dashboard.fileNames()) {
            ApiResponse r = get("/dashboard/" + file);
            assertEquals(200, r.status(), file);
            assertEquals("nosniff", r.headers().get("x-content-type-options"), file);
            assertTrue(r.headers().get("content-type").startsWith("text/"), file);
        }
    }
}
