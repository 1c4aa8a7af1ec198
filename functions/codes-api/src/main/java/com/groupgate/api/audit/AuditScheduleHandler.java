package com.groupgate.api.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.groupgate.auditlog.AuditLogTable;
import com.groupgate.auditlog.CheckpointEvents;
import com.groupgate.auditlog.CheckpointSigner;
import com.groupgate.auditlog.CheckpointTable;
import com.groupgate.auditlog.KmsNoteSigner;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.storage.webhook.WebhookTable;
import com.groupgate.telemetry.Log;
import java.util.Map;

/**
 * The hourly run (EventBridge Scheduler): signs a checkpoint of every log that grew since
 * its last one, so every log is checkpointed at least hourly while it grows. Safe to repeat:
 * a size already signed is not signed again.
 */
public final class AuditScheduleHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final CheckpointSigner signer;

    public AuditScheduleHandler() {
        this(Wiring.fromEnvironment());
    }

    public AuditScheduleHandler(Wiring wiring) {
        Config config = wiring.config();
        var dynamo = wiring.aws().dynamo();
        this.signer = new CheckpointSigner(new AuditLogTable(dynamo, config.auditTable()),
                new CheckpointTable(dynamo, config.auditTable()),
                new KmsNoteSigner(wiring.aws().kms(), config.auditKeyId()), CheckpointSigner.host(config.scanBaseUrl()),
                wiring.clock(), new CheckpointEvents(new WebhookTable(dynamo, config.mainTable()),
                        new Outbox(dynamo, config.mainTable()), wiring.clock()));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        int signed = signer.signGrown();
        Log.info("audit_checkpoints_signed", Map.of("logs", signed));
        return Map.of("signed", signed);
    }
}
