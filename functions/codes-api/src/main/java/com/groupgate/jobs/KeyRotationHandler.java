package com.groupgate.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.groupgate.config.Wiring;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.telemetry.Log;
import java.time.Duration;
import java.util.Map;

/**
 * The scheduled rotation: adds a signing key version; older active versions keep working.
 * Lambda retries a failed scheduled invocation, so a run finds the version an earlier try
 * of the same schedule stored (within {@link #SAME_SCHEDULE}) instead of adding another.
 */
public final class KeyRotationHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Rotations this close together are one schedule's tries (the schedule is every 30 days). */
    static final Duration SAME_SCHEDULE = Duration.ofDays(1);

    private final SigningKeyTable keys;

    public KeyRotationHandler() {
        this(Wiring.fromEnvironment());
    }

    public KeyRotationHandler(Wiring wiring) {
        this.keys = new SigningKeyTable(wiring.aws().dynamo(), wiring.aws().kms(), wiring.config().mainTable(),
                wiring.config().keyId(), wiring.clock(), SigningKeyTable.REFRESH);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        int version = keys.rotateUnlessRotatedWithin(SAME_SCHEDULE);
        Log.info("signing_key_rotated", Map.of("keyVersion", version));
        return Map.of("keyVersion", version);
    }
}
