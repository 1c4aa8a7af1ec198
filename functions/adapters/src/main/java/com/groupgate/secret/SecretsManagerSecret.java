package com.groupgate.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.aws.AwsClients;
import com.groupgate.aws.DirectCallListener;
import com.groupgate.telemetry.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * A secret kept in Secrets Manager, read as the function needs it: both its {@code
 * AWSCURRENT} and its {@code AWSPREVIOUS} value are accepted, so putting a new value
 * (PutSecretValue, which moves AWSPREVIOUS to the value it replaces) refuses nobody, and the
 * old value keeps working until the next rotation.
 *
 * <p>Read on first use, never while the handler is built: a SnapStart snapshot taken after
 * init holds no value, and a value read before it would be restored however old. Kept at
 * most {@link #MAX_AGE} (by the wall clock, so a restored copy older than that reads again);
 * when a read fails, the values already read stay in use and the next try is
 * {@link #RETRY_AFTER_FAILURE} later; with nothing read yet the failure is the caller's.
 *
 * <p>Two GetSecretValue calls, each a SigV4-signed JSON POST made with the SDK's signer and
 * HTTP client alone: no Secrets Manager client joins the function's jar or its cold start.
 * Values are never logged.
 */
public final class SecretsManagerSecret implements RotatingSecret {
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients aws;
    private final String secretArn;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private SdkHttpClient http;
    private volatile Read read;

    private record Read(SecretValues values, Instant until) {
    }

    /** Signals an answer of Secrets Manager other than a value (its error type and message). */
    static final class SecretsManagerError extends RuntimeException {
        final String type;
        final int status;

        SecretsManagerError(int status, String type, String message) {
            super(status + " " + type + ": " + message);
            this.type = type;
            this.status = status;
        }
    }

    public SecretsManagerSecret(AwsClients aws, String secretArn, Clock clock) {
        this.aws = aws;
        this.secretArn = secretArn;
        this.clock = clock;
    }

    @Override
    public SecretValues accepted() {
        Read r = read;
        if (r != null && clock.instant().isBefore(r.until())) {
            return r.values();
        }
        return refresh();
    }

    private synchronized SecretValues refresh() {
        Instant now = clock.instant();
        Read r = read;
        if (r != null && now.isBefore(r.until())) {
            return r.values();
        }
        try {
            List<String> values = new ArrayList<>(2);
            values.add(value("AWSCURRENT"));
            String previous = valueIfAny("AWSPREVIOUS");
            if (previous != null) {
                values.add(previous);
            }
            read = new Read(new SecretValues(values), now.plus(MAX_AGE));
        } catch (RuntimeException e) {
            if (r == null) {
                throw e;
            }
            Log.error("secret_read_failed", Map.of("secret", secretArn, "error", String.valueOf(e.getMessage()),
                    "kept", "the values read before"));
            read = new Read(r.values(), now.plus(RETRY_AFTER_FAILURE));
        }
        return read.values();
    }

    /** The stage's value, or null when no version has it (a secret never rotated has no AWSPREVIOUS). */
    private String valueIfAny(String stage) {
        try {
            return value(stage);
        } catch (SecretsManagerError e) {
            if ("ResourceNotFoundException".equals(e.type)) {
                return null;
            }
            throw e;
        }
    }

    private String value(String stage) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("SecretId", secretArn, "VersionStage", stage));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DirectCallListener.tell(aws, "secretsmanager", "GetSecretValue", secretArn);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= AwsClients.MAX_ATTEMPTS; attempt++) {
            try {
                return call(body).path("SecretString").asText(null);
            } catch (SecretsManagerError e) {
                boolean retryable = e.status >= 500 || "ThrottlingException".equals(e.type);
                if (!retryable) {
                    throw e;
                }
                last = e;
            } catch (UncheckedIOException e) {
                last = e;
            }
        }
        throw last;
    }

    private JsonNode call(byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue")
                .putHeader("Content-Length", Integer.toString(body.length)).build();
        SignedRequest signed = signer.sign(r -> r.identity(aws.credentials().resolveCredentials()).request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, aws.region().id()));
        try {
            HttpExecuteResponse response = client().prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
            JsonNode answer;
            try (InputStream in = response.responseBody().orElse(null)) {
                answer = in == null ? JSON.createObjectNode() : JSON.readTree(in.readAllBytes());
            }
            int status = response.httpResponse().statusCode();
            if (status != 200) {
                String type = answer.path("__type").asText("");
                throw new SecretsManagerError(status, type.substring(type.indexOf('#') + 1),
                        answer.path("message").asText(answer.path("Message").asText("")));
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("Secrets Manager GetSecretValue " + secretArn, e);
        }
    }

    private synchronized SdkHttpClient client() {
        if (http == null) {
            http = aws.httpClient();
        }
        return http;
    }

    /** The emulator's endpoint, or the region's Secrets Manager endpoint (its partition's domain). */
    private URI endpoint() {
        if (aws.endpoint() != null) {
            return aws.endpoint();
        }
        var metadata = aws.region().metadata();
        return URI.create("https://secretsmanager." + aws.region().id() + "."
                + (metadata == null ? "amazonaws.com" : metadata.domain()));
    }

    /** For logs and errors: which secret, never its value. */
    @Override
    public String toString() {
        return "SecretsManagerSecret[" + secretArn + "]";
    }
}
