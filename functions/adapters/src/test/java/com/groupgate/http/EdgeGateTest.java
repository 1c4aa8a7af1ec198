package com.groupgate.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.config.Config;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeGateTest {
    private static final String SECRET = "s3cret-of-the-edge";

    private static Config config(boolean required, String secret) {
        return new Config(null, null, null, null, null, null, secret, required, null, null, false, null, null);
    }

    private static ApiRequest request(String method, String path, String originVerify) {
        Map<String, String> headers = new HashMap<>();
        if (originVerify != null) {
            headers.put("x-origin-verify", originVerify);
        }
        return new ApiRequest(method, path, Map.copyOf(headers), Map.of(), null, false, "198.51.100.7", Map.of());
    }

    private static RefusalException refused(EdgeGate gate, ApiRequest request) {
        return assertThrows(RefusalException.class, () -> gate.admit(request));
    }

    @Test
    void withEnforcementARequestWithoutTheHeaderIsForbiddenWithoutNamingIt() {
        RefusalException e = refused(EdgeGate.of(config(true, SECRET)), request("GET", "/S/TOKEN", null));
        assertEquals(Refusal.FORBIDDEN, e.refusal());
        assertEquals(403, e.refusal().httpStatus());
        assertEquals("forbidden", e.refusal().code());
        assertNull(e.field(), "whoever calls the origin directly is not told which header is missing");
    }

    @Test
    void withEnforcementAnythingButTheExactSecretIsForbidden() {
        EdgeGate gate = EdgeGate.of(config(true, SECRET));
        for (String wrong : new String[] {"", " ", SECRET.substring(1), SECRET + "x", SECRET.toUpperCase(),
                " " + SECRET, "local-origin-secret"}) {
            assertEquals(Refusal.FORBIDDEN, refused(gate, request("POST", "/v1/groups", wrong)).refusal(), wrong);
        }
        assertDoesNotThrow(() -> gate.admit(request("POST", "/v1/groups", SECRET)));
    }

    @Test
    void openRoutesPassWithoutTheHeaderAndOnlyWithTheirMethod() {
        EdgeGate gate = EdgeGate.of(config(true, SECRET), "GET /health");
        assertDoesNotThrow(() -> gate.admit(request("GET", "/health", null)));
        refused(gate, request("POST", "/health", null));
        refused(gate, request("GET", "/health/extra", null));
    }

    @Test
    void withoutEnforcementEverythingPassesAsBefore() {
        EdgeGate gate = EdgeGate.of(config(false, SECRET));
        assertDoesNotThrow(() -> gate.admit(request("GET", "/S/TOKEN", null)));
        assertDoesNotThrow(() -> gate.admit(request("GET", "/S/TOKEN", "wrong")));
        assertDoesNotThrow(() -> EdgeGate.of(config(false, null)).admit(request("GET", "/v1/groups", null)));
    }

    @Test
    void enforcementWithoutASecretStopsTheFunctionAtStart() {
        assertThrows(IllegalStateException.class, () -> EdgeGate.of(config(true, null)));
        assertThrows(IllegalStateException.class, () -> EdgeGate.of(config(true, "")));
    }
}
