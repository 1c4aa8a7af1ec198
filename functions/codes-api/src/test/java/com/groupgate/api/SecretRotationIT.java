package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.api.audit.AuditApiHandler;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.secretsmanager.SecretsManagerSecret;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotating the admin key and the origin secret refuses nobody: putting a new value in each
 * secret (what docs/operations.md tells the operator to do) leaves the old one working, at
 * once and after the functions read the secrets again; both values pass until the next
 * rotation, after which the oldest is refused. The codes API and the audit function run as
 * deployed behind the edge (X-Origin-Verify required), on a stack of their own so the
 * rotations touch no other test's secrets.
 */
class SecretRotationIT {
    private static final Duration PAST_THE_CACHE = SecretsManagerSecret.MAX_AGE.plusSeconds(1);
    /** An admin-only route that changes nothing: the admin gets 404 (no key version 0), anyone else 401. */
    private static final String ADMIN_PROBE = "/v1/admin/keys/0/retire";

    private final TestDeployment stack = TestDeployment.stack(CloudFormationTemplate.ofRepository(), "rotation");
    private final ApiTestbed.MutableClock clock = new ApiTestbed.MutableClock(Instant.now());
    private final HttpCalls api = new HttpCalls(new CodesApiHandler(
            stack.wiring("CodesApiFunction", clock, TestDeployment.AS_DEPLOYED_BEHIND_THE_EDGE)));
    private final HttpCalls audit = new HttpCalls(new AuditApiHandler(
            stack.wiring("AuditFunction", clock, TestDeployment.AS_DEPLOYED_BEHIND_THE_EDGE)));

    private static Map<String, String> headers(String adminKey, String origin) {
        Map<String, String> h = new HashMap<>(bearer(adminKey));
        h.put("x-origin-verify", origin);
        return h;
    }

    /** 404: through the edge check and recognised as the operator; 401: not the admin; 403: not through the edge. */
    private int admin(String adminKey, String origin) {
        HttpCalls.Response r = api.post(ADMIN_PROBE, null, headers(adminKey, origin));
        return r.status();
    }

    /** The audit function's edge check: 401 (past it, no tenant key) or 403 (refused at it). */
    private int auditEdge(String origin) {
        return audit.get("/v1/audit", Map.of("x-origin-verify", origin)).status();
    }

    private void rotate(String adminKey, String origin) {
        var secrets = stack.clients().secrets();
        secrets.putSecretValue(b -> b.secretId(stack.resources().ref("AdminKeySecret")).secretString(adminKey));
        secrets.putSecretValue(b -> b.secretId(stack.resources().ref("OriginSecret")).secretString(origin));
    }

    @Test
    void bothValuesAreAcceptedDuringARotationAndTheOldestIsRefusedAfterTheNext() {
        String admin1 = TestDeployment.ADMIN_KEY;
        String origin1 = TestDeployment.ORIGIN_SECRET;
        assertEquals(404, admin(admin1, origin1));
        assertEquals(401, auditEdge(origin1));
        assertEquals(403, admin(admin1, "not-the-origin-secret"));
        assertEquals(401, admin("not-the-admin-key", origin1));

        rotate("admin-key-2", "origin-secret-2");
        assertEquals(404, admin(admin1, origin1), "at once: the values read before still pass");
        clock.advance(PAST_THE_CACHE);
        assertEquals(404, admin(admin1, origin1), "read again: the previous values pass");
        assertEquals(404, admin("admin-key-2", "origin-secret-2"), "and the new ones");
        assertEquals(404, admin(admin1, "origin-secret-2"), "the admin key and CloudFront change on their own time");
        assertEquals(401, auditEdge(origin1));
        assertEquals(401, auditEdge("origin-secret-2"));

        rotate("admin-key-3", "origin-secret-3");
        assertEquals(404, admin(admin1, origin1), "at once: still the values read before");
        clock.advance(PAST_THE_CACHE);
        assertEquals(404, admin("admin-key-3", "origin-secret-3"));
        assertEquals(404, admin("admin-key-2", "origin-secret-2"), "the previous values still pass");
        assertEquals(401, admin(admin1, "origin-secret-3"), "the first admin key no longer does");
        assertEquals(403, admin("admin-key-3", origin1), "nor the first origin secret");
        assertEquals(403, auditEdge(origin1));
        assertEquals(401, auditEdge("origin-secret-2"));
        assertEquals(401, auditEdge("origin-secret-3"));
    }
}
