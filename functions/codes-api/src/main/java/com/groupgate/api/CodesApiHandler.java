package com.groupgate.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.api.edge.ApiPipeline;
import com.groupgate.api.edge.Authenticator;
import com.groupgate.api.routes.AdminRoutes;
import com.groupgate.api.routes.Audit;
import com.groupgate.api.routes.BatchQueue;
import com.groupgate.api.routes.BatchRoutes;
import com.groupgate.api.routes.BlockRoutes;
import com.groupgate.api.routes.CampaignPosterRoutes;
import com.groupgate.api.routes.CampaignRoutes;
import com.groupgate.api.routes.CodeRoutes;
import com.groupgate.api.routes.ContentFilter;
import com.groupgate.api.routes.ErasureRoutes;
import com.groupgate.api.routes.ExportQueue;
import com.groupgate.api.routes.ExportRoutes;
import com.groupgate.api.routes.GroupEditRoutes;
import com.groupgate.api.routes.GroupRoutes;
import com.groupgate.api.routes.JoinRequestRoutes;
import com.groupgate.api.routes.KeyRoutes;
import com.groupgate.api.routes.ListRoutes;
import com.groupgate.api.routes.LiveCodeRoutes;
import com.groupgate.api.routes.MemberRoutes;
import com.groupgate.api.routes.OpenApiRoutes;
import com.groupgate.api.routes.PasscodeSecrets;
import com.groupgate.api.routes.SignedImages;
import com.groupgate.api.routes.StatsRoutes;
import com.groupgate.api.routes.TenantDeletionRoutes;
import com.groupgate.api.routes.TenantRoutes;
import com.groupgate.api.routes.WebhookRoutes;
import com.groupgate.api.routes.WordListRoutes;
import com.groupgate.auditlog.AuditLogTable;
import com.groupgate.auditlog.AuditTrail;
import com.groupgate.auditlog.AuditedDynamoDb;
import com.groupgate.batch.PrintFormat;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.EdgeGate;
import com.groupgate.http.Router;
import com.groupgate.image.EntryImages;
import com.groupgate.image.ImageBucket;
import com.groupgate.image.S3GetSigner;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.analytics.StatsReader;
import com.groupgate.storage.batch.BatchFiles;
import com.groupgate.storage.batch.BatchTable;
import com.groupgate.storage.batch.BatchTargets;
import com.groupgate.storage.block.BlockTable;
import com.groupgate.storage.campaign.ApprovalCredits;
import com.groupgate.storage.campaign.CampaignErasure;
import com.groupgate.storage.campaign.CampaignPosters;
import com.groupgate.storage.campaign.CampaignTable;
import com.groupgate.storage.campaign.CreditTable;
import com.groupgate.storage.campaign.InviteTable;
import com.groupgate.storage.campaign.PosterErasure;
import com.groupgate.storage.code.CodeTable;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.group.PoolGroups;
import com.groupgate.storage.join.JoinRequestTable;
import com.groupgate.storage.join.MemberErasure;
import com.groupgate.storage.join.MemberTable;
import com.groupgate.storage.live.LiveCodeTable;
import com.groupgate.storage.tenant.ApiKeyCache;
import com.groupgate.storage.tenant.ApiKeyTable;
import com.groupgate.storage.tenant.TenantDeletionTable;
import com.groupgate.storage.tenant.TenantTable;
import com.groupgate.storage.webhook.AddressResolver;
import com.groupgate.storage.webhook.DeliveryTable;
import com.groupgate.storage.webhook.ErasedEvents;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.storage.webhook.WebhookSecrets;
import com.groupgate.storage.webhook.WebhookTable;
import com.groupgate.usage.UsageTable;
import com.groupgate.wordlist.WordListStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The tenant-facing API: translates HTTP API events to calls and results to responses.
 * Everything heavy (clients, tables, the router) is built once per container.
 */
public final class CodesApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Answered without X-Origin-Verify: probes of the origin's health need no secret. */
    static final String HEALTH = "GET /health";

    private final Router router = new Router();
    private final EdgeGate edge;
    private final Authenticator auth;
    private final AuditTrail trail = new AuditTrail();
    private final ApiPipeline pipeline;

    public CodesApiHandler() {
        this(Wiring.fromEnvironment());
    }

    public CodesApiHandler(Wiring wiring) {
        Config config = wiring.config();
        this.edge = EdgeGate.of(wiring, HEALTH);
        // Every change a route names goes into the tenant's audit log with its own write.
        AuditLogTable auditLog = new AuditLogTable(wiring.aws().dynamo(), config.auditTable());
        AuditedDynamoDb audited = new AuditedDynamoDb(wiring.aws().dynamo(), auditLog, trail, wiring.clock());
        DynamoDbClient dynamo = audited;
        Audit audit = new Audit(trail, audited);
        ApiKeyTable apiKeys = new ApiKeyTable(dynamo, config.mainTable());
        TenantTable tenants = new TenantTable(dynamo, config.mainTable(), apiKeys, wiring.clock());
        SigningKeyTable keys = new SigningKeyTable(dynamo, wiring.aws().kms(), config.mainTable(), config.keyId(),
                wiring.clock(), SigningKeyTable.REFRESH);
        ApiKeyCache keyCache = new ApiKeyCache(apiKeys, tenants, wiring.clock());
        this.auth = new Authenticator(keyCache, wiring.adminKey(), trail);
        GroupTable groups = new GroupTable(dynamo, config.mainTable());
        ImageBucket images = new ImageBucket(wiring.aws(), config.imagesBucket());
        WordListStore wordLists = new WordListStore(dynamo, config.mainTable(), images);
        ContentFilter filter = new ContentFilter(wordLists, wiring.clock());
        router.on("GET", "/health", r -> ApiResponse.json(200, Map.of("status", "ok")));
        new AdminRoutes(auth, tenants, keys, audit).register(router);
        new BlockRoutes(auth, new BlockTable(dynamo, config.mainTable()), groups, tenants, keyCache, wiring.clock(),
                audit).register(router);
        new WordListRoutes(auth, wordLists, filter, wiring.clock(), audit).register(router);
        new TenantDeletionRoutes(auth, tenants, new TenantDeletionTable(dynamo, config.mainTable()), wiring.clock(),
                audit).register(router);
        new KeyRoutes(auth, apiKeys, keyCache, wiring.clock(), audit).register(router);
        new TenantRoutes(auth, tenants, audit).register(router);
        PasscodeSecrets passcodes = new PasscodeSecrets(keys);
        new GroupRoutes(auth, groups, passcodes, filter, wiring.clock(), audit).register(router);
        new GroupEditRoutes(auth, groups, new EntryImages(images), passcodes, filter, wiring.clock(),
                audit).register(router);
        SignedImages signed = new SignedImages(keys, images, config.scanBaseUrl());
        CodeTable codes = new CodeTable(dynamo, config.mainTable());
        CodeRoutes codeRoutes = new CodeRoutes(auth, groups, codes, new UsageTable(config.mainTable()), signed,
                filter, wiring.clock(), audit);
        codeRoutes.register(router);
        LiveCodeTable liveCodes = new LiveCodeTable(dynamo, config.mainTable());
        LiveCodeRoutes liveRoutes = new LiveCodeRoutes(auth, liveCodes, new PoolGroups(dynamo, config.mainTable()),
                new UsageTable(config.mainTable()), signed, filter, wiring.clock(), audit);
        liveRoutes.register(router);
        new JoinRequestRoutes(auth, groups, new JoinRequestTable(dynamo, config.mainTable()),
                new ApprovalCredits(dynamo, config.mainTable()), wiring.clock(), audit)
                .register(router);
        MemberTable members = new MemberTable(dynamo, config.mainTable());
        new MemberRoutes(auth, groups, members, wiring.clock(), audit).register(router);
        CampaignTable campaigns = new CampaignTable(dynamo, config.mainTable());
        new ErasureRoutes(auth, groups, new MemberErasure(dynamo, config.mainTable(), members,
                new ErasedEvents(dynamo, config.mainTable())), new CampaignErasure(dynamo, config.mainTable(), campaigns),
                new PosterErasure(campaigns, new InviteTable(dynamo, config.mainTable()), images),
                keys, wiring.clock(), audit).register(router);
        new StatsRoutes(auth, new StatsReader(dynamo, config.mainTable(), config.analyticsTable())).register(router);
        new ListRoutes(auth, codes, liveCodes, codeRoutes, liveRoutes).register(router);
        new CampaignRoutes(auth, campaigns, new CreditTable(dynamo, config.mainTable()), filter, wiring.clock(), audit,
                keys, new InviteTable(dynamo, config.mainTable())).register(router);
        new CampaignPosterRoutes(auth, campaigns, new CampaignPosters(dynamo, config.mainTable()), images,
                wiring.clock(), audit).register(router);
        new WebhookRoutes(auth, new WebhookTable(dynamo, config.mainTable()), new WebhookSecrets(keys),
                new Outbox(dynamo, config.mainTable()), new DeliveryTable(dynamo, config.mainTable()),
                new AddressResolver(), config.allowLoopbackWebhooks(), wiring.clock(), audit).register(router);
        // Every format: the batch worker draws SVG and PDF with the designs module (not in this jar).
        new BatchRoutes(auth, new BatchTable(dynamo, config.mainTable()), new BatchTargets(dynamo, config.mainTable()),
                new BatchFiles(wiring.aws(), config.imagesBucket()),
                new BatchQueue(wiring.aws().build(SqsClient.builder()), config.batchQueueUrl()), keys, filter,
                new S3GetSigner(wiring.aws(), config.imagesBucket(), wiring.clock()), EnumSet.allOf(PrintFormat.class),
                wiring.clock(), audit).register(router);
        new ExportRoutes(auth, groups, new com.groupgate.storage.export.ExportTable(dynamo, config.mainTable()), new ExportQueue(
                wiring.aws().build(SqsClient.builder()), config.exportQueueUrl()),
                new S3GetSigner(wiring.aws(), config.imagesBucket(), wiring.clock()), wiring.clock(),
                audit).register(router);
        new DashboardRedirect().register(router);
        new OpenApiRoutes().register(router);
        this.pipeline = new ApiPipeline(edge, auth, trail, router);
    }

    /** Every route this function answers, as {@code "GET /v1/codes/{codeId}"}: what openapi.yaml describes. */
    public List<String> routes() {
        return router.routes();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return pipeline.handle(event);
    }
}
