package com.groupgate.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the stats tests share: the stack as {@code make run} starts it (scans and joins travel
 * the MainTable stream through the poller into the real aggregate), started once per test
 * class as a {@code @RegisterExtension static} field, and the calls they make of it as a
 * tenant, a scanner and the landing page would ({@link LocalApi}).
 */
final class StatsStack implements BeforeAllCallback, AfterAllCallback {
    static final String ADMIN_KEY = "test-admin-key";

    private LocalGroupGate local;
    private LocalApi api;

    @Override
    public void beforeAll(ExtensionContext context) {
        local = RecordedStack.builder().adminKey(ADMIN_KEY).originSecret("test-origin-secret").build();
        api = new LocalApi(local.start(0));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        local.close();
    }

    /** The response's JSON with its status as {@code _status}; {@code key} null for an anonymous call. */
    JsonNode call(String method, String path, String body, String key) {
        return api.call(method, path, body, key);
    }

    /** A new tenant's API key. */
    String tenant(String name) {
        return api.tenant(ADMIN_KEY, name);
    }

    /** A scan of {@code code}, as a phone's browser opens its URL. */
    JsonNode scan(JsonNode code) {
        return call("GET", LocalApi.scanPath(code), null, null);
    }

    /** A join through {@code code} with the ticket {@code scan} gave; {@code memberRef} null for none. */
    JsonNode join(JsonNode code, JsonNode scan, String memberRef) {
        return call("POST", LocalApi.scanPath(code) + "/join", "{\"joinTicket\":\"" + scan.path("joinTicket").asText()
                + "\"" + (memberRef == null ? "" : ",\"memberRef\":\"" + memberRef + "\"") + "}", null);
    }

    /** Once the stream poller has handed over everything: nothing more reaches the stats after. */
    void awaitStreamQuiet() {
        Eventually.await(Duration.ofSeconds(30), "the stream poller quiet", () -> local.streamIdleFor(Duration.ofSeconds(1)));
    }
}
