package com.groupgate.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.kms.model.DataKeySpec;

/**
 * Two stacks of template.yaml in one account and region (staging beside production), as
 * CloudFormation would make them: every table, queue, bucket, key, alias and role is its
 * stack's own, and each stack's functions work against their own resources only.
 */
class TwoStacksSideBySideIT {
    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.ofRepository();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static LocalAws aws;
    private static EmulatorClients operator;
    private static LocalResources staging;
    private static LocalResources production;

    @BeforeAll
    static void bootstrapBoth() {
        aws = LocalAws.get();
        operator = EmulatorClients.of(aws);
        staging = TemplateBootstrap.sideBySide(TEMPLATE, operator, "staging-" + SUFFIX).apply();
        production = TemplateBootstrap.sideBySide(TEMPLATE, operator, "prod-" + SUFFIX).apply();
    }

    @Test
    void everyNamedResourceIsEachStacksOwn() {
        for (String type : List.of("AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::S3::Bucket", "AWS::KMS::Alias",
                "AWS::KMS::Key")) {
            TEMPLATE.resourcesOfType(type).keySet().forEach(id ->
                    assertNotEquals(staging.ref(id), production.ref(id), type + " " + id));
        }
        TEMPLATE.resourcesOfType("AWS::Serverless::Function").keySet().forEach(id ->
                assertNotEquals(staging.functionRole(id).arn(), production.functionRole(id).arn(), id + "'s role"));
        assertTrue(staging.ref("MainTable").startsWith("staging-" + SUFFIX + "-"), staging.ref("MainTable"));
        assertEquals("alias/groupgate/prod-" + SUFFIX + "/signing", production.ref("SigningKeyAlias"));
        // Each alias leads to its own stack's key.
        for (LocalResources stack : List.of(staging, production)) {
            assertEquals(stack.attribute("SigningKey", "Arn"), operator.kms()
                    .describeKey(b -> b.keyId(stack.ref("SigningKeyAlias"))).keyMetadata().arn());
        }
    }

    @Test
    void eachStacksFunctionsAreConfiguredWithTheirOwnTablesAndKey() {
        Map<String, String> a = staging.functionEnvironment("CodesApiFunction", Map.of());
        Map<String, String> b = production.functionEnvironment("CodesApiFunction", Map.of());
        assertEquals(staging.ref("MainTable"), a.get("GROUPGATE_MAIN_TABLE"));
        assertEquals(production.ref("MainTable"), b.get("GROUPGATE_MAIN_TABLE"));
        assertEquals(production.attribute("SigningKey", "Arn"), b.get("GROUPGATE_KEY_ID"));
        assertEquals(production.ref("ImagesBucket"), b.get("GROUPGATE_IMAGES_BUCKET"));
    }

    /** Under its own role each stack's API makes a data key and writes its table; the other stack's is refused. */
    @Test
    void eachStacksRoleWorksOnItsOwnResourcesAndIsRefusedTheOthers() throws Exception {
        for (LocalResources stack : List.of(staging, production)) {
            LocalResources other = stack == staging ? production : staging;
            EmulatorClients api = asFunction(stack, "CodesApiFunction");
            try {
                var dataKey = api.kms().generateDataKey(b -> b.keyId(stack.attribute("SigningKey", "Arn"))
                        .keySpec(DataKeySpec.AES_256));
                assertEquals(32, dataKey.plaintext().asByteArray().length);
                String pk = "TWO-STACKS#" + stack.stackName();
                api.dynamo().putItem(b -> b.tableName(stack.table("MainTable")).item(Map.of(
                        "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("ITEM"))));
                assertTrue(operator.dynamo().getItem(b -> b.tableName(stack.table("MainTable")).key(Map.of(
                        "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("ITEM")))).hasItem());
                assertFalse(operator.dynamo().getItem(b -> b.tableName(other.table("MainTable")).key(Map.of(
                        "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("ITEM")))).hasItem(),
                        "the other stack's table holds nothing of this one");
                if (aws.enforcesIam()) {
                    DynamoDbException refused = assertThrows(DynamoDbException.class, () -> api.dynamo()
                            .putItem(b -> b.tableName(other.table("MainTable")).item(Map.of(
                                    "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("ITEM")))));
                    assertEquals(400, refused.statusCode(), refused.getMessage());
                    assertTrue(refused.awsErrorDetails().errorCode().contains("AccessDenied"),
                            refused.awsErrorDetails().errorCode());
                }
            } finally {
                api.close();
            }
        }
    }

    /** Clients acting as {@code functionId}'s role, with the credentials Lambda would hand it. */
    private static EmulatorClients asFunction(LocalResources stack, String functionId)
            throws IOException, InterruptedException {
        if (!aws.enforcesIam()) {
            return EmulatorClients.of(aws);
        }
        URI uri = aws.lambdaCredentials(stack.functionRole(functionId).name(),
                LambdaEnvironment.functionName(stack, functionId)).orElseThrow();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Authorization", aws.lambdaCredentialsToken().orElseThrow()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode keys = JSON.readTree(answer.body());
        return EmulatorClients.of(aws.endpoint(), StaticCredentialsProvider.create(AwsSessionCredentials.create(
                keys.path("AccessKeyId").asText(), keys.path("SecretAccessKey").asText(), keys.path("Token").asText())));
    }
}
