package com.groupgate.testkit;

import com.groupgate.aws.AwsClients;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.emulator.CloudFormationTemplate;
import com.groupgate.emulator.EmulatorClients;
import com.groupgate.emulator.LocalAws;
import com.groupgate.emulator.LocalResources;
import com.groupgate.emulator.TemplateBootstrap;
import com.groupgate.tenant.ApiKeys;
import java.time.Clock;
import java.util.Map;

/**
 * The emulated AWS of a test JVM, bootstrapped once from template.yaml, and handler
 * wiring computed from the template's function environments exactly as Lambda gets it.
 */
public final class EmulatedAws {
    public static final String ADMIN_KEY = "test-admin-key";
    public static final String ORIGIN_SECRET = "test-origin-secret";
    public static final String SCAN_BASE = "HTTP://127.0.0.1:3000/S/";

    private static EmulatedAws instance;

    private final LocalAws aws;
    private final LocalResources resources;
    private final EmulatorClients clients;

    private EmulatedAws(LocalAws aws, LocalResources resources, EmulatorClients clients) {
        this.aws = aws;
        this.resources = resources;
        this.clients = clients;
    }

    public static synchronized EmulatedAws get() {
        if (instance == null) {
            LocalAws aws = LocalAws.get();
            EmulatorClients clients = EmulatorClients.of(aws.endpoint());
            LocalResources resources = new TemplateBootstrap(CloudFormationTemplate.ofRepository(), clients).apply();
            instance = new EmulatedAws(aws, resources, clients);
        }
        return instance;
    }

    public LocalResources resources() {
        return resources;
    }

    public EmulatorClients clients() {
        return clients;
    }

    public AwsClients awsClients() {
        return AwsClients.forEndpoint(aws.endpoint(), LocalAws.REGION);
    }

    /** The settings {@code functionLogicalId} gets in Lambda, resolved against the emulator. */
    public Config config(String functionLogicalId) {
        return Config.fromEnvironment(resources.functionEnvironment(functionLogicalId, Map.of(
                "AdminKeySha256", ApiKeys.sha256Hex(ADMIN_KEY),
                "OriginVerifySecret", ORIGIN_SECRET,
                "ScanBaseUrl", SCAN_BASE)));
    }

    public Wiring wiring(String functionLogicalId, Clock clock) {
        return new Wiring(config(functionLogicalId), awsClients(), clock);
    }

    public String mainTable() {
        return resources.ref("MainTable");
    }

    public String analyticsTable() {
        return resources.ref("AnalyticsTable");
    }
}
