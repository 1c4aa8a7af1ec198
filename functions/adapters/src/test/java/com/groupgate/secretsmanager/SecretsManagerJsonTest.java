package com.groupgate.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request written and the answer read by hand (streaming), as Secrets Manager's JSON protocol has them. */
class SecretsManagerJsonTest {
    @Test
    void aSecretIdIsWrittenAsAJsonStringWhateverItHolds() {
        assertEquals("\"arn:aws:secretsmanager:us-east-1:123456789012:secret:a-AbCdEf\"",
                SecretsManagerSecret.quoted("arn:aws:secretsmanager:us-east-1:123456789012:secret:a-AbCdEf"));
        assertEquals("\"a\\\"b\\\\c\\u000a\"", SecretsManagerSecret.quoted("a\"b\\c\n"));
    }

    @Test
    void theAnswersStringFieldsAreReadAndNestedValuesSkipped() throws Exception {
        String answer = "{\"ARN\":\"arn:x\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9,"
                + "\"Nested\":{\"SecretString\":\"no\"},\"SecretString\":\"s3cr\\\"et\"}";
        Map<String, String> fields = SecretsManagerSecret.stringFields(answer.getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("ARN", "arn:x", "SecretString", "s3cr\"et"), fields);
        assertEquals(Map.of("__type", "ResourceNotFoundException", "message", "no"), SecretsManagerSecret.stringFields(
                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
