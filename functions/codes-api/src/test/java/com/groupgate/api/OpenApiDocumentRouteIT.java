package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.testkit.ApiContract;
import com.groupgate.testkit.HttpCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /openapi.yaml} serves the repository's openapi.yaml itself, to anyone. */
class OpenApiDocumentRouteIT {
    private final HttpCalls api = ApiTestbed.api(Clock.systemUTC());

    @Test
    void theDocumentIsServedAsItIsInTheRepositoryWithoutAKey() throws IOException {
        HttpCalls.Response r = api.get("/openapi.yaml", Map.of());
        assertEquals(200, r.status(), r.body());
        assertEquals("application/yaml", r.headers().get("content-type"));
        assertEquals("nosniff", r.headers().get("x-content-type-options"));
        assertEquals(Files.readString(ApiContract.document()), r.body(), "one source: the build copies the file");
    }

    @Test
    void aReadKeyGetsItToo() {
        ApiTestbed.TestTenant tenant = ApiTestbed.newTenant(api, "Reader");
        HttpCalls.Response key = api.post("/v1/keys", "{\"name\":\"r\",\"scope\":\"read\"}", tenant.auth());
        assertEquals(201, key.status(), key.body());
        assertEquals(200, api.get("/openapi.yaml", HttpCalls.bearer(key.text("apiKey"))).status());
    }
}
