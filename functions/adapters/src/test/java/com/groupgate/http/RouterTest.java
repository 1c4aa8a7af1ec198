package com.groupgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    @Test
    void routesAreListedAsRegisteredWithTheirPathTemplates() {
        Router router = new Router()
                .on("GET", "/v1/codes/{codeId}", r -> ApiResponse.json(200, Map.of()))
                .on("POST", "/v1/codes/{codeId}/revoke", r -> ApiResponse.json(200, Map.of()))
                .on("GET", "/health", r -> ApiResponse.json(200, Map.of()));
        assertEquals(List.of("GET /v1/codes/{codeId}", "POST /v1/codes/{codeId}/revoke", "GET /health"),
                router.routes());
    }
}
