package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.RepositoryRoot;
import com.groupgate.testkit.TestDeployment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Only the two audit functions can sign checkpoints, whatever IAM grants: AuditSigningKey's
 * policy names their roles and denies kms:Sign to every other principal. A copy of the
 * template whose codes API role IAM allows kms:Sign on the key gives a role the key refuses;
 * the operator (allowed everything by IAM) is refused too, while both audit roles sign.
 * The signers' clients here are built from each function's own Lambda credentials, not
 * its wiring, so the forger's attempt is not recorded as something the codes API does.
 */
class OnlyAuditFunctionsSignIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODES_API_KEYS = "            - Sid: SigningKeys\n";
    private static final String FORGED_GRANT = "            - Sid: ForgedCheckpointSigning\n"
            + "              Effect: Allow\n"
            + "              Action: kms:Sign\n"
            + "              Resource: !GetAtt AuditSigningKey.Arn\n";

    @Test
    void onlyTheAuditRolesSignEvenWhenIamAllowsAnotherRoleOrTheOperator(@TempDir Path dir) throws Exception {
        TestDeployment aws = TestDeployment.get();
        String keyArn = aws.resources().attribute("AuditSigningKey", "Arn");
        for (String signer : new String[] {"AuditFunction", "AuditCheckpointFunction"}) {
            try (KmsClient kms = kmsAs(aws, signer)) {
                assertTrue(sign(kms, keyArn).signature().asByteArray().length > 0, signer + " signs");
            }
        }

        String template = Files.readString(RepositoryRoot.find().resolve("template.yaml"), StandardCharsets.UTF_8);
        int codesApi = template.indexOf("  CodesApiFunction:\n");
        int statement = template.indexOf(CODES_API_KEYS, codesApi);
        assertTrue(codesApi > 0 && statement > codesApi && statement < template.indexOf("  CodesApiLogGroup:"),
                "CodesApiFunction's policy has its SigningKeys statement");
        Path copy = dir.resolve("template.yaml");
        Files.writeString(copy, template.substring(0, statement) + FORGED_GRANT + template.substring(statement));
        TestDeployment forger = TestDeployment.stack(CloudFormationTemplate.read(copy), "forger");

        KmsException refused;
        try (KmsClient kms = kmsAs(forger, "CodesApiFunction")) {
            refused = assertThrows(KmsException.class, () -> sign(kms, keyArn));
        }
        assertEquals("AccessDeniedException", refused.awsErrorDetails().errorCode());
        assertTrue(refused.awsErrorDetails().errorMessage().contains("forger-CodesApiFunctionRole"),
                refused.awsErrorDetails().errorMessage());
        assertTrue(refused.awsErrorDetails().errorMessage()
                .contains("kms:Sign on resource: " + keyArn + " with an explicit deny in a resource-based policy"),
                refused.awsErrorDetails().errorMessage());

        KmsException operator = assertThrows(KmsException.class, () -> sign(aws.clients().kms(), keyArn));
        assertTrue(operator.awsErrorDetails().errorMessage().contains("explicit deny in a resource-based policy"),
                operator.awsErrorDetails().errorMessage());
        assertTrue(aws.clients().kms().getPublicKey(b -> b.keyId(keyArn)).publicKey().asByteArray().length > 0,
                "the operator still reads the public key, to verify checkpoints");
    }

    private static software.amazon.awssdk.services.kms.model.SignResponse sign(KmsClient kms, String keyArn) {
        return kms.sign(b -> b.keyId(keyArn).message(SdkBytes.fromUtf8String("checkpoint"))
                .messageType(MessageType.RAW).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
    }

    /** A KMS client with the credentials Lambda hands the function (its role's session). */
    private static KmsClient kmsAs(TestDeployment stack, String function) throws Exception {
        Map<String, String> env = stack.environment(function);
        HttpRequest request = HttpRequest.newBuilder(URI.create(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")))
                .header("Authorization", env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")).build();
        JsonNode credentials = JSON.readTree(HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString()).body());
        return KmsClient.builder().endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.path("AccessKeyId").asText(), credentials.path("SecretAccessKey").asText(),
                        credentials.path("Token").asText())))
                .build();
    }
}
