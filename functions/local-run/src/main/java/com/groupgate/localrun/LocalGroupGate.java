package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.groupgate.aggregate.AggregateHandler;
import com.groupgate.designs.DesignsHandler;
import com.groupgate.api.CodesApiHandler;
import com.groupgate.api.audit.AuditApiHandler;
import com.groupgate.api.audit.AuditScheduleHandler;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.EdgeBucketOrigin;
import com.groupgate.localaws.EmulatorClients;
import com.groupgate.localaws.LambdaEnvironment;
import com.groupgate.localaws.LocalAws;
import com.groupgate.localaws.LocalResources;
import com.groupgate.localaws.TemplateBootstrap;
import com.groupgate.jobs.QualificationHandler;
import com.groupgate.jobs.TenantDeletionHandler;
import com.groupgate.scan.ScanHandler;
import com.groupgate.telemetry.Log;
import com.groupgate.batches.BatchWorkerFunction;
import com.groupgate.webhooks.DispatchHandler;
import com.groupgate.webhooks.ReminderHandler;
import com.groupgate.exports.ExportWorkerFunction;
import com.groupgate.webhooks.SendHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * GroupGate on one machine, as {@code make run} serves it and as tests start it: creates
 * what template.yaml declares on the emulator, builds each function's {@link Wiring} from
 * the environment the template gives it, serves the edge and the HTTP API on 127.0.0.1 as the
 * template routes them ({@link Routes}) through the Lambda handler classes ({@link HttpApiBridge}),
 * feeds the main table's stream to the aggregate handler and the webhook dispatcher
 * ({@link StreamPoller}), the delivery queue to the webhook sender ({@link QueuePoller}),
 * and runs the reminder schedule. Any function's handler can be replaced (a
 * recording handler in a test, say) through the {@link Builder}.
 *
 * <pre>{@code
 * try (LocalGroupGate local = LocalGroupGate.builder().build()) {
 *     URI base = local.start(0);                 // a free port
 *     HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(), ofString());
 * }
 * }</pre>
 */
public final class LocalGroupGate implements AutoCloseable {
    public static final String CODES_API_FUNCTION = "CodesApiFunction";
    public static final String SCAN_FUNCTION = "ScanFunction";
    public static final String AGGREGATE_FUNCTION = "AggregateFunction";
    public static final String WEBHOOK_DISPATCH_FUNCTION = "WebhookDispatchFunction";
    public static final String WEBHOOK_SEND_FUNCTION = "WebhookSendFunction";
    public static final String BATCH_WORKER_FUNCTION = "BatchWorkerFunction";
    public static final String EXPORT_WORKER_FUNCTION = "ExportWorkerFunction";
    public static final String WEBHOOK_REMINDER_FUNCTION = "WebhookReminderFunction";
    public static final String TENANT_DELETION_FUNCTION = "TenantDeletionFunction";
    public static final String QUALIFICATION_FUNCTION = "QualificationFunction";
    public static final String AUDIT_FUNCTION = "AuditFunction";
    public static final String AUDIT_CHECKPOINT_FUNCTION = "AuditCheckpointFunction";
    public static final String DESIGNS_FUNCTION = "DesignsFunction";
    /** The functions that judge webhook URLs: where the local runner may allow loopback http. */
    private static final List<String> WEBHOOK_URL_FUNCTIONS = List.of(CODES_API_FUNCTION, WEBHOOK_SEND_FUNCTION);
    public static final String DEFAULT_ADMIN_KEY = "local-admin-key";
    public static final String DEFAULT_ORIGIN_SECRET = "local-origin-secret";

    private static final Map<String, Function<Wiring, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>>
            HTTP_FUNCTIONS = Map.of(CODES_API_FUNCTION, CodesApiHandler::new, SCAN_FUNCTION, ScanHandler::new,
                    AUDIT_FUNCTION, AuditApiHandler::new, DESIGNS_FUNCTION, DesignsHandler::new);

    private final Builder settings;
    private final CloudFormationTemplate template;
    private final Map<String, Wiring> wirings = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> templateEnvironments = new LinkedHashMap<>();
    private EmulatorClients clients;
    private LocalResources resources;
    private HttpServer server;
    private ExecutorService executor;
    private StreamPoller poller;
    private Routes routes;
    private StreamPoller dispatchPoller;
    private QueuePoller sendPoller;
    private QueuePoller batchPoller;
    private QueuePoller exportPoller;
    private LocalSchedules schedules;
    private URI baseUrl;
    private Optional<URI> consoleUrl = Optional.empty();
    private CloudFrontFunctions edgeFunctions;
    private boolean closed;

    private LocalGroupGate(Builder settings) {
        this.settings = settings;
        this.template = settings.template != null ? settings.template : CloudFormationTemplate.ofRepository();
    }

    /** Everything by default: the {@link LocalAws} emulator, the real handlers, the stream poller. */
    public LocalGroupGate() {
        this(new Builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Bootstraps the emulator from template.yaml, starts serving on 127.0.0.1:{@code port}
     * (0 picks a free port) and starts the stream poller.
     *
     * @return the API's base URL, e.g. {@code http://127.0.0.1:3000}
     */
    public synchronized URI start(int port) {
        if (server != null || closed) {
            throw new IllegalStateException("start: already started or closed");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: 0 to 65535, was " + port);
        }
        LocalAws aws = settings.localAws != null ? settings.localAws : LocalAws.get();
        clients = EmulatorClients.of(aws);
        resources = new TemplateBootstrap(template, clients, TemplateBootstrap.DEFAULT_STACK, Map.of(
                "AdminKeySecret", settings.adminKey, "OriginSecret", settings.originSecret)).apply();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        int actualPort = server.getAddress().getPort();
        baseUrl = URI.create("http://127.0.0.1:" + actualPort);
        Map<String, String> parameters = Map.of(
                // Uppercase so scan URLs fit QR alphanumeric mode, as deployed.
                "ScanBaseUrl", "HTTP://127.0.0.1:" + actualPort + "/S/");
        for (String functionId : template.resourcesOfType("AWS::Serverless::Function").keySet()) {
            // Each function as Lambda runs it: its environment, its role's credentials.
            Map<String, String> environment = new LinkedHashMap<>(
                    LambdaEnvironment.of(resources, aws, functionId, parameters));
            // The local run's own setting, after the template's: no CloudFront adds the
            // origin header here, so the edge check is the runner's choice.
            if (environment.containsKey(Config.REQUIRE_ORIGIN_VERIFY)) {
                environment.put(Config.REQUIRE_ORIGIN_VERIFY, Boolean.toString(settings.requireOriginVerify));
            }
            // Only the local runner, and only when asked (make run asks), lets webhooks be
            // plain http to 127.0.0.1 so that a receiver on this machine can be used.
            if (settings.allowLoopbackWebhooks && WEBHOOK_URL_FUNCTIONS.contains(functionId)) {
                environment.put(Config.ALLOW_LOOPBACK_WEBHOOKS, "true");
            }
            environments.put(functionId, Map.copyOf(environment));
            Map<String, String> declared = new LinkedHashMap<>();
            resources.functionEnvironment(functionId, parameters).keySet()
                    .forEach(name -> declared.put(name, environment.get(name)));
            templateEnvironments.put(functionId, declared);
            Wiring wiring = Wiring.fromEnvironment(environment, settings.clock);
            wirings.put(functionId, wiring.withAws(wiring.aws().withInterceptors(
                    settings.interceptors.apply(functionId, resources))));
        }

        routes = Routes.fromTemplate(template, Map.of("Edge", Boolean.toString(edge())));
        Map<String, LocalFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions = new HashMap<>();
        for (String functionId : routes.functions()) {
            var factory = settings.httpHandlers.getOrDefault(functionId, HTTP_FUNCTIONS.get(functionId));
            if (factory == null) {
                throw new IllegalStateException(functionId + " serves HTTP routes but the local runner has no handler"
                        + " for it: add it to LocalGroupGate or pass Builder.httpHandler");
            }
            functions.put(functionId, LocalFunction.of(template, functionId, factory.apply(wiring(functionId))));
        }
        AtomicInteger threadCount = new AtomicInteger();
        executor = Executors.newFixedThreadPool(settings.httpThreads, r -> {
            Thread t = new Thread(r, "http-api-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        Map<String, EdgeBucketOrigin> buckets = new HashMap<>();
        for (String bucket : routes.buckets()) {
            // The distribution reads code images with its own identity, as the bucket policy lets it.
            buckets.put(bucket, EdgeBucketOrigin.of(resources, clients, aws.endpoint(), bucket,
                    Map.of("Edge", Boolean.toString(edge()))));
        }
        consoleUrl = publishConsole();
        edgeFunctions = CloudFrontFunctions.fromTemplate(template);
        server.createContext("/", new HttpApiBridge(routes, functions, settings.requireContentSha256, buckets,
                edgeFunctions, ResponseHeadersPolicies.fromTemplate(template)));
        server.start();

        if (settings.streamPolling) {
            var handler = settings.streamHandler != null ? settings.streamHandler
                    : (Function<Wiring, RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse>>) AggregateHandler::new;
            // Lambda's event source mapping reads the stream, and reports to the on-failure
            // queue, with the function's execution role.
            poller = StreamPoller.forFunction(template, resources, wiring(AGGREGATE_FUNCTION).aws(), AGGREGATE_FUNCTION,
                    handler.apply(wiring(AGGREGATE_FUNCTION)), settings.pollInterval).start();
        }
        schedules = new LocalSchedules(template);
        if (settings.batches) {
            // The batch queue to the batch worker, polled with the worker's role as its mapping does.
            Wiring batchWiring = wiring(BATCH_WORKER_FUNCTION);
            batchPoller = QueuePoller.forFunction(template, resources, batchWiring.aws(), BATCH_WORKER_FUNCTION,
                    new BatchWorkerFunction(batchWiring), settings.pollInterval).start();
        }
        if (settings.webhooks && settings.streamPolling) {
            startWebhooks();
        }
        // The export queue to the export worker, as its SQS event source mapping does.
        exportPoller = QueuePoller.forFunction(template, resources, wiring(EXPORT_WORKER_FUNCTION).aws(),
                EXPORT_WORKER_FUNCTION, new ExportWorkerFunction(wiring(EXPORT_WORKER_FUNCTION)),
                settings.pollInterval).start();
        schedules.every(settings.tenantDeletionInterval, TENANT_DELETION_FUNCTION,
                settings.tenantDeletion.apply(wiring(TENANT_DELETION_FUNCTION)));
        // Referral credits qualify on the schedule, as deployed: a demo qualifies without reads.
        schedules.every(settings.qualificationInterval, QUALIFICATION_FUNCTION,
                new QualificationHandler(wiring(QUALIFICATION_FUNCTION)));
        schedules.every(settings.auditCheckpointInterval, AUDIT_CHECKPOINT_FUNCTION,
                new AuditScheduleHandler(wiring(AUDIT_CHECKPOINT_FUNCTION)));
        Log.info("local_started", Map.of("port", actualPort, "edge", routes.edge(),
                "httpApiRoutes", routes.httpApiRoutes().size(), "edgeBehaviors", routes.behaviors().size(),
                "requireContentSha256", settings.requireContentSha256, "streamPolling", settings.streamPolling,
                "webhooks", settings.webhooks));
        return baseUrl;
    }

    /**
     * With the edge: the built console (make console) put into the bucket the distribution serves
     * /console from, as make console-publish does deployed; its URL. Empty without the edge, or
     * when the console has not been built.
     */
    private Optional<URI> publishConsole() {
        if (!routes.edge() || !(routes.resolve("GET", "/console/index.html").orElse(null)
                instanceof Routes.BucketObject object)) {
            return Optional.empty();
        }
        Optional<java.nio.file.Path> dist = ConsoleFiles.built();
        if (dist.isEmpty()) {
            Log.info("console_not_built", Map.of("hint", "make console builds console/dist"));
            return Optional.empty();
        }
        int files = ConsoleFiles.publish(clients.s3(), resources.ref(object.bucketLogicalId()), dist.get());
        Log.info("console_published", Map.of("files", files, "bucket", object.bucketLogicalId()));
        return Optional.of(baseUrl.resolve("/console"));
    }

    /** Where the console is served ({@code /console}), when the edge serves a built one. */
    public Optional<URI> consoleUrl() {
        return consoleUrl;
    }

    /**
     * The webhook functions as Lambda runs them: the dispatcher on the stream (its mapping
     * starts at LATEST, so this waits until it reads before returning), the sender on the
     * delivery queue, and the reminder run on its schedule.
     */
    private void startWebhooks() {
        Wiring dispatchWiring = wiring(WEBHOOK_DISPATCH_FUNCTION);
        RequestHandler<DynamodbEvent, StreamsEventResponse> dispatcher = settings.webhookDispatcher.apply(dispatchWiring);
        dispatchPoller = StreamPoller.forFunction(template, resources, dispatchWiring.aws(), WEBHOOK_DISPATCH_FUNCTION,
                (event, context) -> windowless(dispatcher.handleRequest(event, context)), settings.pollInterval).start();
        if (!dispatchPoller.awaitReading(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the webhook dispatcher could not start reading the stream");
        }
        Wiring sendWiring = wiring(WEBHOOK_SEND_FUNCTION);
        sendPoller = QueuePoller.forFunction(template, resources, sendWiring.aws(), WEBHOOK_SEND_FUNCTION,
                settings.webhookSender.apply(sendWiring), settings.pollInterval).start();
        schedules.every(settings.reminderInterval, WEBHOOK_REMINDER_FUNCTION,
                new ReminderHandler(wiring(WEBHOOK_REMINDER_FUNCTION)));
    }

    /** A plain stream response as the poller reads responses (no window, so no state). */
    private static TimeWindowEventResponse windowless(StreamsEventResponse response) {
        List<TimeWindowEventResponse.BatchItemFailure> failures = new ArrayList<>();
        if (response != null && response.getBatchItemFailures() != null) {
            response.getBatchItemFailures().forEach(f ->
                    failures.add(new TimeWindowEventResponse.BatchItemFailure(f.getItemIdentifier())));
        }
        return new TimeWindowEventResponse(Map.of(), failures);
    }

    /**
     * Whether the stream poller has handled everything written so far and been idle for
     * {@code quiet} (true when there is no poller): the moment rollups stop moving.
     */
    public boolean streamIdleFor(Duration quiet) {
        return poller == null || poller.idleFor(quiet);
    }

    /**
     * Whether the webhook pipeline has been quiet for {@code quiet}: the dispatcher has read
     * the stream up to date and sent nothing, and the sender has received nothing, for that
     * long. What was emitted before has been delivered (or waits for a retry's back-off).
     */
    public boolean webhooksIdleFor(Duration quiet) {
        return (dispatchPoller == null || dispatchPoller.idleFor(quiet))
                && (sendPoller == null || sendPoller.idleFor(quiet));
    }

    /** The base URL {@link #start} returned. */
    public URI baseUrl() {
        requireStarted();
        return baseUrl;
    }

    /** What the bootstrap created (table names, queue URL, key ARN, stream ARN). */
    public LocalResources resources() {
        requireStarted();
        return resources;
    }

    /** The operator's SDK clients on the emulator, for tests that look at or seed the tables. */
    public EmulatorClients clients() {
        requireStarted();
        return clients;
    }

    /**
     * Everything a function's handler sees in its environment here, as Lambda would set it (its
     * role's credentials URI and token included): what {@link #wiring} was built from, and what
     * {@code make invoke} builds the same wiring from in another JVM.
     */
    public Map<String, String> lambdaEnvironment(String functionLogicalId) {
        requireStarted();
        return requireFunction(environments, functionLogicalId);
    }

    /**
     * Only the variables template.yaml declares for the function (Globals, then its own), resolved
     * to this stack's names: what {@code sam local invoke --env-vars} may override.
     */
    public Map<String, String> templateEnvironment(String functionLogicalId) {
        requireStarted();
        return requireFunction(templateEnvironments, functionLogicalId);
    }

    /** The template's functions, in template order, each with its environment and wiring. */
    public java.util.Set<String> functionLogicalIds() {
        requireStarted();
        return java.util.Collections.unmodifiableSet(environments.keySet());
    }

    private static <T> T requireFunction(Map<String, T> byFunction, String functionLogicalId) {
        T value = byFunction.get(functionLogicalId);
        if (value == null) {
            throw new IllegalArgumentException("functionLogicalId: no function " + functionLogicalId);
        }
        return value;
    }

    /** The wiring a function's handler was (or would be) built from, as template.yaml configures it. */
    public Wiring wiring(String functionLogicalId) {
        requireStarted();
        Wiring w = wirings.get(functionLogicalId);
        if (w == null) {
            throw new IllegalArgumentException("functionLogicalId: no function " + functionLogicalId);
        }
        return w;
    }

    /**
     * Whether requests pass the template's edge (CloudFront with the scan function's URL) before
     * the HTTP API: the {@code Edge} parameter this local stack stands for.
     */
    public boolean edge() {
        return settings.edge != null ? settings.edge
                : Boolean.parseBoolean(template.parameterDefaults().getOrDefault("Edge", "false"));
    }

    /** What serves each request, as the template routes it for {@link #edge()}. */
    public Routes routes() {
        requireStarted();
        return routes;
    }

    /** Whether a POST or PUT to a function URL must carry its body's {@code x-amz-content-sha256}. */
    public boolean requiresContentSha256() {
        return settings.requireContentSha256;
    }

    /** The admin key (its SHA-256 is what the codes API is configured with). */
    public String adminKey() {
        return settings.adminKey;
    }

    /** The secret CloudFront would add as X-Origin-Verify; viewer headers are trusted only with it. */
    public String originSecret() {
        return settings.originSecret;
    }

    /** Whether the HTTP functions refuse requests without X-Origin-Verify, as deployed. */
    public boolean requiresOriginVerify() {
        return settings.requireOriginVerify;
    }

    /** Stops the poller and the server. The emulator stays up for the JVM ({@link LocalAws} owns it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (poller != null) {
            poller.close();
        }
        if (dispatchPoller != null) {
            dispatchPoller.close();
        }
        if (sendPoller != null) {
            sendPoller.close();
        }
        if (batchPoller != null) {
            batchPoller.close();
        }
        if (exportPoller != null) {
            exportPoller.close();
        }
        if (schedules != null) {
            schedules.close();
        }
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (edgeFunctions != null) {
            edgeFunctions.close();
        }
        if (clients != null) {
            clients.close();
        }
    }

    private void requireStarted() {
        if (baseUrl == null) {
            throw new IllegalStateException("not started: call start(port) first");
        }
    }

    /** Options; every one has a default that {@code make run} uses. */
    public static final class Builder {
        private LocalAws localAws;
        private CloudFormationTemplate template;
        private BiFunction<String, LocalResources, List<ExecutionInterceptor>> interceptors = (f, r) -> List.of();
        private String adminKey = envOr("GROUPGATE_ADMIN_KEY", DEFAULT_ADMIN_KEY);
        private String originSecret = envOr("GROUPGATE_ORIGIN_SECRET", DEFAULT_ORIGIN_SECRET);
        private boolean requireOriginVerify = Config.flag(
                System.getenv(Config.REQUIRE_ORIGIN_VERIFY), Config.REQUIRE_ORIGIN_VERIFY);
        private Clock clock = Clock.systemUTC();
        private final Map<String, Function<Wiring, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>>
                httpHandlers = new HashMap<>();
        private Function<Wiring, RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse>> streamHandler;
        private boolean streamPolling = true;
        private Boolean edge;
        private boolean requireContentSha256 = true;
        private Duration pollInterval = Duration.ofMillis(200);
        private int httpThreads = 64;
        private boolean webhooks = true;
        private boolean batches = true;
        private boolean allowLoopbackWebhooks;
        private Function<Wiring, RequestHandler<SQSEvent, SQSBatchResponse>> webhookSender = SendHandler::new;
        private Function<Wiring, RequestHandler<DynamodbEvent, StreamsEventResponse>> webhookDispatcher =
                DispatchHandler::new;
        private Duration reminderInterval = Duration.ofMinutes(5);
        private Function<Wiring, RequestHandler<Map<String, Object>, Map<String, Object>>> tenantDeletion =
                TenantDeletionHandler::new;
        private Duration tenantDeletionInterval = Duration.ofMinutes(1);
        private Duration qualificationInterval = Duration.ofMinutes(1);
        private Duration auditCheckpointInterval = Duration.ofHours(1);

        private Builder() {
        }

        /** The emulator to use; default {@link LocalAws#get()}. */
        public Builder localAws(LocalAws value) {
            this.localAws = value;
            return this;
        }

        /** Interceptors on every client of a function (tests record or break its calls). */
        public Builder interceptors(BiFunction<String, LocalResources, List<ExecutionInterceptor>> perFunction) {
            this.interceptors = perFunction;
            return this;
        }

        public Builder template(CloudFormationTemplate value) {
            this.template = value;
            return this;
        }

        public Builder adminKey(String value) {
            this.adminKey = requireText(value, "adminKey");
            return this;
        }

        public Builder originSecret(String value) {
            this.originSecret = requireText(value, "originSecret");
            return this;
        }

        /**
         * Whether the HTTP functions refuse every request without {@code X-Origin-Verify:
         * <originSecret>} but {@code GET /health}, as deployed behind CloudFront. Default:
         * {@code GROUPGATE_REQUIRE_ORIGIN_VERIFY} of this process, off when unset, so that
         * curl works as the README shows.
         */
        public Builder requireOriginVerify(boolean value) {
            this.requireOriginVerify = value;
            return this;
        }

        /** The clock every function's wiring gets; default the system clock (UTC). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Replaces the handler of an HTTP function ({@code CodesApiFunction}, {@code ScanFunction}). */
        public Builder httpHandler(String functionLogicalId,
                                   RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            return httpHandler(functionLogicalId, wiring -> handler);
        }

        /** Replaces an HTTP function's handler with one built from its wiring. */
        public Builder httpHandler(String functionLogicalId,
                                   Function<Wiring, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> factory) {
            httpHandlers.put(requireText(functionLogicalId, "functionLogicalId"), factory);
            return this;
        }

        /** Replaces the aggregate handler the stream is fed to. */
        public Builder streamHandler(RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> handler) {
            this.streamHandler = wiring -> handler;
            return this;
        }

        /**
         * Which stack to stand for: with the edge (the template's CloudFront distribution sends
         * /S/* and /s/* to the scan function's URL) or without (the HTTP API serves every route).
         * Default: the template's {@code Edge} parameter default.
         */
        public Builder edge(boolean value) {
            this.edge = value;
            return this;
        }

        /**
         * On (the default): a POST or PUT to a function URL origin without the body's
         * {@code x-amz-content-sha256} is refused 403, as CloudFront's origin access control and
         * Lambda refuse it. Off for clients that do not send it yet (the landing page's join).
         */
        public Builder requireContentSha256(boolean value) {
            this.requireContentSha256 = value;
            return this;
        }

        /** Off: no stream poller (tests that only need HTTP). Default on. */
        public Builder streamPolling(boolean value) {
            this.streamPolling = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        /**
         * Off: no webhook dispatcher, sender or reminder run. Default on (with stream
         * polling: without it there is nothing to dispatch from).
         */
        public Builder webhooks(boolean value) {
            this.webhooks = value;
            return this;
        }

        /** Off: nothing takes uploaded batches from the batch queue. Default on. */
        public Builder batches(boolean value) {
            this.batches = value;
            return this;
        }

        /**
         * Whether webhooks may be plain {@code http} to a loopback address, so that a receiver
         * on this machine can be used: {@code make run} says yes; deployed, never. Default off.
         */
        public Builder allowLoopbackWebhooks(boolean value) {
            this.allowLoopbackWebhooks = value;
            return this;
        }

        /** Replaces the webhook sender the delivery queue is fed to (tests shorten its back-off). */
        public Builder webhookSender(Function<Wiring, RequestHandler<SQSEvent, SQSBatchResponse>> factory) {
            this.webhookSender = factory;
            return this;
        }

        /** Replaces the dispatcher the stream is fed to (tests hand it batches twice). */
        public Builder webhookDispatcher(Function<Wiring, RequestHandler<DynamodbEvent, StreamsEventResponse>> factory) {
            this.webhookDispatcher = factory;
            return this;
        }

        /** How often the reminder run is invoked; template.yaml's schedule is every 5 minutes. */
        public Builder reminderInterval(Duration value) {
            this.reminderInterval = value;
            return this;
        }

        /** Replaces the tenant deletion run (tests shorten its wait and its pages). */
        public Builder tenantDeletion(Function<Wiring, RequestHandler<Map<String, Object>, Map<String, Object>>> factory) {
            this.tenantDeletion = factory;
            return this;
        }

        /** How often the audit checkpoint run is invoked; template.yaml's schedule is every hour. */
        public Builder auditCheckpointInterval(Duration value) {
            this.auditCheckpointInterval = value;
            return this;
        }

        /** How often the referral qualification run is invoked; template.yaml's schedule is every minute. */
        public Builder qualificationInterval(Duration value) {
            this.qualificationInterval = value;
            return this;
        }

        /** How often the tenant deletion run is invoked; template.yaml's schedule is every minute. */
        public Builder tenantDeletionInterval(Duration value) {
            this.tenantDeletionInterval = value;
            return this;
        }

        public Builder httpThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("httpThreads: at least 1, was " + value);
            }
            this.httpThreads = value;
            return this;
        }

        public LocalGroupGate build() {
            return new LocalGroupGate(this);
        }

        private static String envOr(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + ": required");
            }
            return value;
        }
    }
}
