package com.groupgate.batches;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.batch.DesignRenderer;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.designs.BatchDesigns;
import com.groupgate.id.BatchId;
import com.groupgate.id.TenantId;
import com.groupgate.image.ImageBucket;
import com.groupgate.keys.CodeTokens;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.batch.BatchFiles;
import com.groupgate.storage.batch.BatchTable;
import com.groupgate.storage.tenant.ApiKeyTable;
import com.groupgate.storage.tenant.TenantTable;
import com.groupgate.telemetry.Log;
import com.groupgate.tenant.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batch worker: each message of the batch queue names one uploaded batch
 * ({@code {"tenantId","batchId"}}), which {@link BatchRun} issues, draws and zips.
 *
 * <p>A run that throws (AWS unreachable, the function killed) leaves its message on the
 * queue; it comes back after the queue's visibility timeout and the next run carries on,
 * issuing no row twice. A run that sees its invocation about to end stops between
 * chunks the same way. On the last receive the queue allows ({@link #MAX_RECEIVES}, as
 * template.yaml's redrive policy says) a failing batch is marked {@code failed} before
 * its message goes to the dead-letter queue, so the tenant is not left waiting.
 */
public final class BatchWorkerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The batch queue's maxReceiveCount (template.yaml). */
    static final int MAX_RECEIVES = 5;
    /** A run stops between chunks when less than this is left of its invocation. */
    static final long STOP_BEFORE_END_MS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantTable tenants;
    private final BatchTable batches;
    private final BatchRun run;

    public BatchWorkerFunction() {
        this(Wiring.fromEnvironment());
    }

    public BatchWorkerFunction(Wiring wiring) {
        this(wiring, new BatchDesigns());
    }

    /** With another {@link DesignRenderer} than the designs module's (PNG, SVG and PDF). */
    public BatchWorkerFunction(Wiring wiring, DesignRenderer renderer) {
        Config config = wiring.config();
        var dynamo = wiring.aws().dynamo();
        String table = config.mainTable();
        this.tenants = new TenantTable(dynamo, table, new ApiKeyTable(dynamo, table), wiring.clock());
        this.batches = new BatchTable(dynamo, table);
        SigningKeyTable keys = new SigningKeyTable(dynamo, wiring.aws().kms(), table, config.keyId(), wiring.clock(),
                SigningKeyTable.REFRESH);
        this.run = new BatchRun(dynamo, table, new BatchFiles(wiring.aws(), config.imagesBucket()),
                new ImageBucket(wiring.aws(), config.imagesBucket()), new CodeTokens(keys, config.scanBaseUrl()),
                renderer, wiring.clock());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> again = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            if (!handle(m, context)) {
                again.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
        }
        return new SQSBatchResponse(again);
    }

    /** True when the message is done with; false when it must come back. */
    private boolean handle(SQSEvent.SQSMessage m, Context context) {
        TenantId tenantId;
        BatchId batchId;
        try {
            JsonNode body = JSON.readTree(m.getBody());
            tenantId = TenantId.parse(body.path("tenantId").asText()).orElseThrow();
            batchId = BatchId.parse(body.path("batchId").asText()).orElseThrow();
        } catch (Exception unreadable) {
            Log.error("batch.unreadable_message", Map.of("messageId", m.getMessageId()));
            return true;
        }
        try {
            Optional<Tenant> tenant = tenants.find(tenantId);
            if (tenant.isEmpty()) {
                Log.info("batch.tenant_gone", Map.of("batchId", batchId.toString()));
                return true;
            }
            return run.run(tenant.get(), batchId, () -> context == null
                    || context.getRemainingTimeInMillis() > STOP_BEFORE_END_MS) == BatchRun.Outcome.FINISHED;
        } catch (Exception e) {
            Log.error("batch.run_failed", Map.of("batchId", batchId.toString(), "receive", receiveCount(m),
                    "exception", e.getClass().getSimpleName()));
            if (receiveCount(m) >= MAX_RECEIVES) {
                try {
                    batches.fail(tenantId, batchId, "the batch could not be finished; ask the operator (its message"
                            + " is in the batch dead-letter queue)");
                } catch (RuntimeException alsoFailing) {
                    Log.error("batch.fail_not_recorded", Map.of("batchId", batchId.toString()));
                }
            }
            return false;
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage m) {
        String count = m.getAttributes() == null ? null : m.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
