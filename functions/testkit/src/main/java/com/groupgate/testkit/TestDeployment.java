package com.groupgate.testkit;

import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.EmulatorClients;
import com.groupgate.localaws.LambdaEnvironment;
import com.groupgate.localaws.LocalAws;
import com.groupgate.localaws.LocalResources;
import com.groupgate.localaws.TemplateBootstrap;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The emulated AWS of a test JVM, bootstrapped once from template.yaml, and each
 * function's wiring built from the environment Lambda would give it: template.yaml's
 * variables, Lambda's own, and its execution role's credentials (IAM is enforced, so a
 * handler can do only what its role allows). Every function's calls are recorded
 * ({@link ActionRecorder}) for the check that each role grants exactly what is used.
 *
 * <p>One setting differs from the deployment, as in {@code make run}: with no CloudFront
 * in front, the handlers do not require {@code X-Origin-Verify} ({@link #WITHOUT_EDGE});
 * a test of that check turns it back on with {@link #AS_DEPLOYED_BEHIND_THE_EDGE}.
 */
public final class TestDeployment {
    public static final String ADMIN_KEY = "test-admin-key";
    public static final String ORIGIN_SECRET = "test-origin-secret";
    public static final String SCAN_BASE = "HTTP://127.0.0.1:3000/S/";
    /** The template parameters a test deployment is given. */
    public static final Map<String, String> PARAMETERS = Map.of("ScanBaseUrl", SCAN_BASE);
    /** The values each stack's secrets start with (the admin key itself, not its hash). */
    public static final Map<String, String> SECRETS = Map.of("AdminKeySecret", ADMIN_KEY, "OriginSecret", ORIGIN_SECRET);

    /** The local default: requests need not come through CloudFront. */
    public static final Map<String, String> WITHOUT_EDGE = Map.of(Config.REQUIRE_ORIGIN_VERIFY, "false");
    /** Overrides that restore the template's own setting: only requests with X-Origin-Verify pass. */
    public static final Map<String, String> AS_DEPLOYED_BEHIND_THE_EDGE = Map.of(Config.REQUIRE_ORIGIN_VERIFY, "true");

    private static TestDeployment instance;

    private final LocalAws aws;
    private final LocalResources resources;
    private final EmulatorClients clients;

    private TestDeployment(LocalAws aws, LocalResources resources, EmulatorClients clients) {
        this.aws = aws;
        this.resources = resources;
        this.clients = clients;
    }

    public static synchronized TestDeployment get() {
        if (instance == null) {
            LocalAws aws = LocalAws.get();
            EmulatorClients clients = EmulatorClients.of(aws);
            LocalResources resources = new TemplateBootstrap(CloudFormationTemplate.ofRepository(), clients,
                    TemplateBootstrap.DEFAULT_STACK, SECRETS).apply();
            instance = new TestDeployment(aws, resources, clients);
        }
        return instance;
    }

    /**
     * Another stack on the same emulator, from {@code template} (a changed copy, say): its
     * own roles, named after {@code stackName}; tables, bucket and key are shared by name.
     */
    public static TestDeployment stack(CloudFormationTemplate template, String stackName) {
        TestDeployment base = get();
        return new TestDeployment(base.aws, new TemplateBootstrap(template, base.clients, stackName, SECRETS).apply(),
                base.clients);
    }

    public LocalAws localAws() {
        return aws;
    }

    public LocalResources resources() {
        return resources;
    }

    /** The operator's clients: for seeding and reading tables, never for a function's work. */
    public EmulatorClients clients() {
        return clients;
    }

    /** What {@code functionLogicalId} finds in its environment in Lambda, on this emulator. */
    public Map<String, String> environment(String functionLogicalId) {
        return LambdaEnvironment.of(resources, aws, functionLogicalId, PARAMETERS);
    }

    /** The settings {@code functionLogicalId} gets in Lambda, resolved against the emulator. */
    public Config config(String functionLogicalId) {
        return Config.fromEnvironment(environment(functionLogicalId));
    }

    /**
     * A handler's wiring as Lambda would build it, under the function's own role, without
     * the edge ({@link #WITHOUT_EDGE}); its calls are recorded.
     */
    public Wiring wiring(String functionLogicalId, Clock clock) {
        return wiring(functionLogicalId, clock, Map.of());
    }

    /** As {@link #wiring(String, Clock)}, with some variables of the environment replaced (shorter SDK timeouts, say). */
    public Wiring wiring(String functionLogicalId, Clock clock, Map<String, String> overrides) {
        Map<String, String> env = new java.util.HashMap<>(environment(functionLogicalId));
        if (env.containsKey(Config.REQUIRE_ORIGIN_VERIFY)) {
            env.putAll(WITHOUT_EDGE);
        }
        env.putAll(overrides);
        Wiring w = Wiring.fromEnvironment(env, clock);
        return w.withAws(w.aws().withInterceptors(List.of(ActionRecorder.forFunction(functionLogicalId, resources))));
    }

    public String mainTable() {
        return resources.ref("MainTable");
    }

    public String analyticsTable() {
        return resources.ref("AnalyticsTable");
    }
}
