package com.groupgate.storage;

import com.groupgate.aws.AwsClients;
import com.groupgate.aws.SdkTimeouts;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.EmulatorClients;
import com.groupgate.localaws.LocalAws;
import com.groupgate.localaws.LocalResources;
import com.groupgate.localaws.TemplateBootstrap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The tables template.yaml declares, created once per test JVM on the emulator
 * ({@link LocalAws}), for the adapters' own table tests: each {@code *Table} is exercised as
 * production runs it, with the real DynamoDB API, as the emulator's operator (the
 * functions' roles are checked by the permissions test, not here). Tests keep apart by
 * using fresh ids, never by clearing a table (SigningKeyTableIT empties the one
 * service-wide partition it tests).
 *
 * <p>testkit's TestDeployment cannot be used here: testkit depends on adapters. The
 * adapters' test scope already has local-aws (moto process, template bootstrap), which
 * is all these tests need.
 */
public final class EmulatedTables {
    /**
     * A stack of its own, so its tables ({@code adapters-MainTable}…) are never the local
     * run's or the functions' tests' even on a shared emulator ({@code AWS_ENDPOINT_URL}):
     * a few tests here reset service-wide items (the signing keys) of their tables.
     */
    static final String STACK = "adapters";
    private static EmulatedTables instance;

    private final EmulatorClients clients;
    private final LocalResources resources;

    private EmulatedTables(EmulatorClients clients, LocalResources resources) {
        this.clients = clients;
        this.resources = resources;
    }

    public static synchronized EmulatedTables get() {
        if (instance == null) {
            EmulatorClients clients = EmulatorClients.of(LocalAws.get());
            LocalResources resources = TemplateBootstrap.sideBySide(CloudFormationTemplate.ofRepository(), clients, STACK)
                    .apply();
            instance = new EmulatedTables(clients, resources);
        }
        return instance;
    }

    public DynamoDbClient dynamo() {
        return clients.dynamo();
    }

    /** The operator's KMS client, for adapters that wrap or unwrap with the stack's keys. */
    public KmsClient kms() {
        return clients.kms();
    }

    /** The ARN of a KMS key the template declares (what the functions are given as {@code GROUPGATE_KEY_ID}). */
    public String keyArn(String logicalId) {
        return resources.attribute(logicalId, "Arn");
    }

    /** Clients built by the production {@link AwsClients}, as the operator, for adapters that take them (S3). */
    public AwsClients awsClients() {
        return new AwsClients(Region.of(LocalAws.REGION), LocalAws.get().operatorCredentials(), LocalAws.get().endpoint(),
                List.of(), SdkTimeouts.LAMBDA);
    }

    /** The physical name of a resource the template declares (a bucket, say). */
    public String ref(String logicalId) {
        return resources.ref(logicalId);
    }

    public String main() {
        return resources.table("MainTable");
    }

    public String analytics() {
        return resources.table("AnalyticsTable");
    }

    public String audit() {
        return resources.table("AuditTable");
    }

    /** The item stored under {@code key} in {@code table}, read consistently; empty map when none. */
    public Map<String, AttributeValue> item(String table, Map<String, AttributeValue> key) {
        return dynamo().getItem(g -> g.tableName(table).key(key).consistentRead(true)).item();
    }
}
