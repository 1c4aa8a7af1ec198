package com.groupgate.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * What the bootstrap creates is what template.yaml declares: each table's keys, attribute
 * definitions, indexes, stream and TTL; the bucket's lifecycle; the key behind its alias.
 * The expectations are read from the template, so a template change is checked too.
 */
class TemplateBootstrapIT {
    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.ofRepository();
    private static EmulatorClients clients;
    private static LocalResources resources;

    @BeforeAll
    static void bootstrap() {
        clients = EmulatorClients.of(LocalAws.get());
        resources = new TemplateBootstrap(TEMPLATE, clients).apply();
    }

    @Test
    void everyTableHasTheTemplatesKeysIndexesStreamAndTtl() {
        Map<String, Map<String, Object>> tables = TEMPLATE.resourcesOfType("AWS::DynamoDB::Table");
        assertFalse(tables.isEmpty());
        tables.forEach((id, resource) -> {
            Map<String, Object> props = TEMPLATE.properties(id);
            TableDescription table = clients.dynamo().describeTable(b -> b.tableName(resources.table(id))).table();

            assertEquals(keys(props.get("KeySchema")), table.keySchema().stream()
                    .map(k -> List.of(k.attributeName(), k.keyTypeAsString())).toList(), id + " key schema");
            assertEquals(set(props.get("AttributeDefinitions"), "AttributeName", "AttributeType"),
                    table.attributeDefinitions().stream()
                            .map(a -> List.of(a.attributeName(), a.attributeTypeAsString())).collect(Collectors.toSet()),
                    id + " attribute definitions");

            Map<String, Object> expectedIndexes = new HashMap<>();
            for (Map<String, Object> gsi : list(props.get("GlobalSecondaryIndexes"))) {
                Map<String, Object> projection = cast(gsi.get("Projection"));
                expectedIndexes.put((String) gsi.get("IndexName"),
                        List.of(keys(gsi.get("KeySchema")), projection.get("ProjectionType")));
            }
            Map<String, Object> actualIndexes = new HashMap<>();
            table.globalSecondaryIndexes().forEach(g -> actualIndexes.put(g.indexName(), List.of(
                    g.keySchema().stream().map(k -> List.of(k.attributeName(), k.keyTypeAsString())).toList(),
                    g.projection().projectionTypeAsString())));
            assertEquals(expectedIndexes, actualIndexes, id + " global secondary indexes");

            Map<String, Object> stream = cast(props.get("StreamSpecification"));
            if (stream == null) {
                assertTrue(table.streamSpecification() == null
                        || !Boolean.TRUE.equals(table.streamSpecification().streamEnabled()), id + " has no stream");
            } else {
                assertTrue(table.streamSpecification().streamEnabled(), id + " stream enabled");
                assertEquals(stream.get("StreamViewType"), table.streamSpecification().streamViewTypeAsString());
                assertEquals(table.latestStreamArn(), resources.attribute(id, "StreamArn"));
            }

            Map<String, Object> ttl = cast(props.get("TimeToLiveSpecification"));
            TimeToLiveDescription ttlDescription = clients.dynamo()
                    .describeTimeToLive(b -> b.tableName(resources.table(id))).timeToLiveDescription();
            if (ttl != null && Boolean.TRUE.equals(ttl.get("Enabled"))) {
                assertEquals("ENABLED", ttlDescription.timeToLiveStatusAsString(), id + " TTL");
                assertEquals(ttl.get("AttributeName"), ttlDescription.attributeName(), id + " TTL attribute");
            }
        });
    }

    @Test
    void bucketHasTheTemplatesExpiryRules() {
        TEMPLATE.resourcesOfType("AWS::S3::Bucket").forEach((id, resource) -> {
            String bucket = resources.ref(id);
            clients.s3().headBucket(b -> b.bucket(bucket));
            Map<String, Object> lifecycle = cast(TEMPLATE.properties(id).get("LifecycleConfiguration"));
            List<LifecycleRule> actual = clients.s3().getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
            for (Map<String, Object> rule : list(lifecycle.get("Rules"))) {
                if (rule.get("ExpirationInDays") == null) {
                    continue; // the emulator gets only expiry rules
                }
                LifecycleRule match = actual.stream().filter(r -> rule.get("Id").equals(r.id())).findFirst()
                        .orElseThrow(() -> new AssertionError("no lifecycle rule " + rule.get("Id")));
                assertEquals(rule.get("Status"), match.statusAsString());
                assertEquals(rule.get("Prefix"), match.filter().prefix());
                assertEquals(((Number) rule.get("ExpirationInDays")).intValue(), match.expiration().days());
            }
        });
    }

    @Test
    void bucketIsVersionedAndOldVersionsExpire() {
        String bucket = resources.ref("ImagesBucket");
        assertEquals("Enabled", clients.s3().getBucketVersioning(b -> b.bucket(bucket)).statusAsString());
        LifecycleRule old = clients.s3().getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().stream()
                .filter(r -> r.noncurrentVersionExpiration() != null).findFirst()
                .orElseThrow(() -> new AssertionError("no rule expires noncurrent versions"));
        assertEquals(7, old.noncurrentVersionExpiration().noncurrentDays());
    }

    @Test
    void eachKeyIsReachableByItsAliasAndTheSigningKeyMakesDataKeys() {
        TEMPLATE.resourcesOfType("AWS::KMS::Alias").forEach((id, resource) -> {
            String alias = resources.ref(id);
            assertEquals("alias/groupgate/" + TemplateBootstrap.DEFAULT_STACK + "/"
                    + ("SigningKey".equals(((Map<?, ?>) TEMPLATE.properties(id).get("TargetKeyId")).get("Ref"))
                    ? "signing" : "audit"), alias, "the alias derives from the stack's name");
            String target = (String) ((java.util.Map<?, ?>) TEMPLATE.properties(id).get("TargetKeyId")).get("Ref");
            var key = clients.kms().describeKey(b -> b.keyId(alias)).keyMetadata();
            assertEquals(resources.attribute(target, "Arn"), key.arn(), alias);
            if (!"SigningKey".equals(target)) {
                return; // the audit key signs (AuditCheckpointsIT); only the signing key makes data keys
            }
            var dataKey = clients.kms().generateDataKey(b -> b.keyId(alias).keySpec(DataKeySpec.AES_256));
            assertEquals(32, dataKey.plaintext().asByteArray().length);
            assertFalse(dataKey.ciphertextBlob().asByteArray().length == 0);
            var unwrapped = clients.kms().decrypt(b -> b.ciphertextBlob(dataKey.ciphertextBlob()));
            assertEquals(dataKey.plaintext(), unwrapped.plaintext());
        });
    }

    @Test
    void deliveryQueueHasTheTemplatesVisibilityRetentionAndDeadLetterQueue() {
        var attributes = clients.sqs().getQueueAttributes(b -> b.queueUrl(resources.ref("WebhookDeliveryQueue"))
                .attributeNamesWithStrings("All")).attributesAsStrings();
        assertEquals("360", attributes.get("VisibilityTimeout"));
        assertEquals("345600", attributes.get("MessageRetentionPeriod"));
        assertTrue(attributes.get("RedrivePolicy").contains(resources.attribute("WebhookDeliveryDeadLetterQueue", "Arn")),
                attributes.get("RedrivePolicy"));
        assertTrue(attributes.get("RedrivePolicy").contains("30"), attributes.get("RedrivePolicy"));
    }

    /** Every queue the template declares exists (the schedules' and the archiver's dead-letter queues too), with its redrive. */
    @Test
    void everyQueueOfTheTemplateExistsWithItsRedrive() {
        TEMPLATE.resourcesOfType("AWS::SQS::Queue").forEach((id, resource) -> {
            var attributes = clients.sqs().getQueueAttributes(b -> b.queueUrl(resources.ref(id))
                    .attributeNamesWithStrings("All")).attributesAsStrings();
            assertEquals(resources.attribute(id, "Arn"), attributes.get("QueueArn"), id);
            Map<String, Object> redrive = cast(TEMPLATE.properties(id).get("RedrivePolicy"));
            if (redrive != null) {
                String target = (String) ((List<?>) ((Map<?, ?>) redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
                assertTrue(attributes.get("RedrivePolicy").contains(resources.attribute(target, "Arn")), id);
            }
        });
        assertTrue(TEMPLATE.resourcesOfType("AWS::SQS::Queue").containsKey("ScheduleDeadLetterQueue"));
    }

    @Test
    void failureQueueExists() {
        String url = resources.ref("StreamFailureQueue");
        assertTrue(resources.attribute("StreamFailureQueue", "Arn").endsWith(":StreamFailureQueue"));
        clients.sqs().getQueueAttributes(b -> b.queueUrl(url));
    }

    @Test
    void bootstrappingTwiceKeepsTheSameResources() {
        LocalResources again = new TemplateBootstrap(TEMPLATE, clients).apply();
        for (String id : List.of("MainTable", "AnalyticsTable", "ImagesBucket", "SigningKey", "StreamFailureQueue")) {
            assertEquals(resources.ref(id), again.ref(id), id);
        }
        assertEquals(resources.attribute("MainTable", "StreamArn"), again.attribute("MainTable", "StreamArn"));
        assertEquals(resources.attribute("SigningKey", "Arn"), again.attribute("SigningKey", "Arn"));
        assertEquals(1, clients.kms().listAliases().aliases().stream()
                .filter(a -> resources.ref("SigningKeyAlias").equals(a.aliasName())).count());
    }

    @Test
    void functionEnvironmentResolvesRefsAttributesAndParameters() {
        Map<String, String> env = resources.functionEnvironment("CodesApiFunction",
                Map.of("ScanBaseUrl", "HTTP://127.0.0.1:3000/S/"));
        assertEquals(resources.ref("MainTable"), env.get("GROUPGATE_MAIN_TABLE"));
        assertEquals(resources.attribute("SigningKey", "Arn"), env.get("GROUPGATE_KEY_ID"));
        assertEquals(resources.ref("AdminKeySecret"), env.get("GROUPGATE_ADMIN_KEY_SECRET_ARN"));
        assertTrue(env.get("GROUPGATE_ADMIN_KEY_SECRET_ARN").startsWith(
                "arn:aws:secretsmanager:us-east-1:" + resources.accountId() + ":secret:groupgate-AdminKeySecret-"));
        assertEquals("HTTP://127.0.0.1:3000/S/", env.get("GROUPGATE_SCAN_BASE_URL"));
        assertEquals(TEMPLATE.parameterDefaults().get("ScanBaseUrl"),
                resources.functionEnvironment("ScanFunction", Map.of()).get("GROUPGATE_SCAN_BASE_URL"));
    }

    private static List<List<String>> keys(Object keySchema) {
        return list(keySchema).stream().map(k -> List.of((String) k.get("AttributeName"), (String) k.get("KeyType")))
                .toList();
    }

    private static Set<List<String>> set(Object raw, String a, String b) {
        return list(raw).stream().map(m -> List.of((String) m.get(a), (String) m.get(b))).collect(Collectors.toSet());
    }

    private static List<Map<String, Object>> list(Object raw) {
        return raw == null ? List.of() : cast(raw);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
