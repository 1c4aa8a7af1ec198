package com.groupgate.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.secret.RotatingSecret;
import com.groupgate.secret.SecretValues;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeGateTest {
    private static final String SECRET = "s3cret-of-the-edge";

    private static EdgeGate gate(boolean required, String secret, String... openRoutes) {
        return EdgeGate.of(required, secret == null ? null : RotatingSecret.fixed(secret), openRoutes);
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
        RefusalException e = refused(gate(true, SECRET), request("GET", "/S/TOKEN", null));
        assertEquals(Refusal.FORBIDDEN, e.refusal());
        assertEquals(403, e.refusal().httpStatus());
        assertEquals("forbidden", e.refusal().code());
        assertNull(e.field(), "whoever calls the origin directly is not told which header is missing");
    }

    @Test
    void withEnforcementAnythingButTheExactSecretIsForbidden() {
        EdgeGate gate = gate(true, SECRET);
        for (String wrong : new String[] {"", " ", SECRET.substring(1), SECRET + "x", SECRET.toUpperCase(),
                " " + SECRET, "local-origin-secret"}) {
            assertEquals(Refusal.FORBIDDEN, refused(gate, request("POST", "/v1/groups", wrong)).refusal(), wrong);
        }
        assertDoesNotThrow(() -> gate.admit(request("POST", "/v1/groups", SECRET)));
    }

    @Test
    void openRoutesPassWithoutTheHeaderAndOnlyWithTheirMethod() {
        EdgeGate gate = gate(true, SECRET, "GET /health");
        assertDoesNotThrow(() -> gate.admit(request("GET", "/health", null)));
        refused(gate, request("POST", "/health", null));
        refused(gate, request("GET", "/health/extra", null));
    }

    @Test
    void withoutEnforcementEverythingPassesAsBefore() {
        EdgeGate gate = gate(false, SECRET);
        assertDoesNotThrow(() -> gate.admit(request("GET", "/S/TOKEN", null)));
        assertDoesNotThrow(() -> gate.admit(request("GET", "/S/TOKEN", "wrong")));
        assertDoesNotThrow(() -> gate(false, null).admit(request("GET", "/v1/groups", null)));
    }

    @Test
    void enforcementWithoutASecretStopsTheFunctionAtStart() {
        assertThrows(IllegalStateException.class, () -> gate(true, null));
        Wiring withoutSecret = new Wiring(new Config(null, null, null, null, null, null, null, true, null, null, false,
                null, null, null), null, Clock.systemUTC());
        assertThrows(IllegalStateException.class, () -> EdgeGate.of(withoutSecret));
    }

    @Test
    void duringARotationTheCurrentAndThePreviousValuePassAndNothingElse() {
        EdgeGate gate = EdgeGate.of(true, () -> SecretValues.of("new-value", SECRET));
        assertDoesNotThrow(() -> gate.admit(request("GET", "/S/TOKEN", SECRET)));
        assertDoesNotThrow(() -> gate.admit(request("GET", "/S/TOKEN", "new-value")));
        refused(gate, request("GET", "/S/TOKEN", "older-value"));
        assertEquals(Refusal.FORBIDDEN, refused(EdgeGate.of(true, () -> SecretValues.NONE),
                request("GET", "/S/TOKEN", "")).refusal(), "a secret without values lets nothing through");
    }
}
