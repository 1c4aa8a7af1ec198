package com.groupgate.api.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.api.edge.ApiPipeline;
import com.groupgate.api.edge.Authenticator;
import com.groupgate.auditlog.AuditLogTable;
import com.groupgate.auditlog.AuditTrail;
import com.groupgate.auditlog.CheckpointEvents;
import com.groupgate.auditlog.CheckpointSigner;
import com.groupgate.auditlog.CheckpointTable;
import com.groupgate.auditlog.KmsNoteSigner;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.http.EdgeGate;
import com.groupgate.http.Router;
import com.groupgate.storage.tenant.ApiKeyCache;
import com.groupgate.storage.tenant.ApiKeyTable;
import com.groupgate.storage.tenant.TenantTable;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.storage.webhook.WebhookTable;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The audit function's HTTP side: {@code /v1/audit} and {@code /v1/audit/*} (entries,
 * proofs, checkpoints, public key, export). A function of its own so that only it (and its
 * hourly schedule, {@link AuditScheduleHandler}) may use the audit key's {@code kms:Sign};
 * the codes API appends to the log but never signs.
 */
public final class AuditApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Router router = new Router();
    private final EdgeGate edge;
    private final Authenticator auth;
    private final AuditTrail trail = new AuditTrail();
    private final ApiPipeline pipeline;

    public AuditApiHandler() {
        this(Wiring.fromEnvironment());
    }

    public AuditApiHandler(Wiring wiring) {
        Config config = wiring.config();
        this.edge = EdgeGate.of(wiring);
        DynamoDbClient dynamo = wiring.aws().dynamo();
        ApiKeyTable apiKeys = new ApiKeyTable(dynamo, config.mainTable());
        TenantTable tenants = new TenantTable(dynamo, config.mainTable(), apiKeys, wiring.clock());
        this.auth = new Authenticator(new ApiKeyCache(apiKeys, tenants, wiring.clock()), wiring.adminKey(), trail);
        AuditLogTable log = new AuditLogTable(dynamo, config.auditTable());
        CheckpointSigner signer = new CheckpointSigner(log, new CheckpointTable(dynamo, config.auditTable()),
                new KmsNoteSigner(wiring.aws().kms(), config.auditKeyId()), CheckpointSigner.host(config.scanBaseUrl()),
                wiring.clock(), new CheckpointEvents(new WebhookTable(dynamo, config.mainTable()),
                        new Outbox(dynamo, config.mainTable()), wiring.clock()));
        new AuditRoutes(auth, log, new CheckpointTable(dynamo, config.auditTable()), signer).register(router);
        this.pipeline = new ApiPipeline(edge, auth, trail, router);
    }

    /** Every route this function answers: what openapi.yaml describes for it. */
    public List<String> routes() {
        return router.routes();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return pipeline.handle(event);
    }
}
