package com.groupgate.secretsmanager;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.groupgate.aws.AwsClients;
import com.groupgate.aws.DirectCallListener;
import com.groupgate.secret.RotatingSecret;
import com.groupgate.secret.SecretValues;
import com.groupgate.telemetry.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
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
 * AWSCURRENT} and its {@code AWSPREVIOUS} value are accepted (each stage cached on its own), so putting a new value
 * (PutSecretValue, which moves AWSPREVIOUS to the value it replaces) refuses nobody, and the
 * old value keeps working until the next rotation.
 *
 * <p>Read on first use, never while the handler is built: a SnapStart snapshot taken after
 * init holds no value, and a value read before it would be restored however old. Kept at
 * most {@link #MAX_AGE} (by the wall clock, so a restored copy older than that reads again);
 * when a read fails, the values already read stay in use and the next try is
 * {@link #RETRY_AFTER_FAILURE} later; with nothing read yet the failure is the caller's: a
 * throttled, failing or unreachable Secrets Manager as the SDK reports it (so the request is
 * answered 503 busy), a refusal (access denied, no such secret) as itself.
 *
 * <p>Each stage is one GetSecretValue call, a SigV4-signed JSON POST made with the SDK's
 * signer and HTTP client alone: no Secrets Manager client joins the function's jar or its
 * cold start. The previous value is read only when a presented value is not the current
 * one. Values are never logged.
 */
public final class SecretsManagerSecret implements RotatingSecret {
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    /** Streaming only: Jackson's object mapping would load ~150 classes into the scan's first invoke. */
    private static final JsonFactory JSON = new JsonFactory();

    private final AwsClients aws;
    private final String secretArn;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private SdkHttpClient http;
    private final Stage current = new Stage("AWSCURRENT");
    private final Stage previous = new Stage("AWSPREVIOUS");

    /**
     * A stage's value (null: no version has that stage), the same as accepted values (their
     * digests made once per read, not per request), and until when it is used without asking again.
     */
    private record Read(String value, SecretValues accepted, Instant until) {
        static Read of(String value, Instant until) {
            return new Read(value, SecretValues.of(value), until);
        }
    }

    /** An answer of Secrets Manager other than a value: its HTTP status and error type. */
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

    /** Both values: the current one, and the previous one when the secret has been rotated. */
    @Override
    public SecretValues accepted() {
        String before = previous.read().value();
        return before == null ? current.read().accepted() : SecretValues.of(current.read().value(), before);
    }

    /**
     * The current value first; the previous one is read only when that does not match (during
     * a rotation, or a wrong guess: at most one read per {@link #MAX_AGE} either way). A cold
     * start behind an up-to-date CloudFront makes one call.
     */
    @Override
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        if (current.read().accepted().accepts(presented)) {
            return true;
        }
        return previous.read().accepted().accepts(presented);
    }

    /** One version stage's value, cached. */
    private final class Stage {
        private final String name;
        private volatile Read read;

        Stage(String name) {
            this.name = name;
        }

        Read read() {
            Read r = read;
            if (r != null && clock.instant().isBefore(r.until())) {
                return r;
            }
            return refresh();
        }

        void forget() {
            read = null;
        }

        private synchronized Read refresh() {
            Instant now = clock.instant();
            Read r = read;
            if (r != null && now.isBefore(r.until())) {
                return r;
            }
            try {
                // A secret always has a current value; a never rotated one has no previous.
                read = Read.of(this == previous ? valueIfAny(name) : SecretsManagerSecret.this.value(name),
                        now.plus(MAX_AGE));
                if (this == current && r != null && !java.util.Objects.equals(r.value(), read.value())) {
                    // A rotation moved the stages: the previous value read before is not the previous one now.
                    previous.forget();
                }
            } catch (RuntimeException e) {
                if (r == null) {
                    throw e;
                }
                Log.error("secret_read_failed", Map.of("secret", secretArn, "stage", name,
                        "error", String.valueOf(e.getMessage()), "kept", "the value read before"));
                read = new Read(r.value(), r.accepted(), now.plus(RETRY_AFTER_FAILURE));
            }
            return read;
        }
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
        byte[] body = ("{\"SecretId\":" + quoted(secretArn) + ",\"VersionStage\":" + quoted(stage) + "}")
                .getBytes(StandardCharsets.UTF_8);
        DirectCallListener.tell(aws, "secretsmanager", "GetSecretValue", secretArn);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= AwsClients.MAX_ATTEMPTS; attempt++) {
            try {
                return call(body).get("SecretString");
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
        // As the SDK reports what passes (ErrorResponses answers both 503 busy with Retry-After).
        if (last instanceof SecretsManagerError e) {
            throw SdkServiceException.builder().statusCode(e.status >= 500 ? e.status : 503)
                    .message(e.getMessage()).cause(e).build();
        }
        throw SdkClientException.create(last.getMessage(), last);
    }

    /** The answer's top-level string fields; a SecretsManagerError for anything but 200. */
    private Map<String, String> call(byte[] body) {
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
            Map<String, String> answer;
            try (InputStream in = response.responseBody().orElse(null)) {
                answer = in == null ? Map.of() : stringFields(in.readAllBytes());
            }
            int status = response.httpResponse().statusCode();
            if (status != 200) {
                String type = answer.getOrDefault("__type", "");
                throw new SecretsManagerError(status, type.substring(type.indexOf('#') + 1),
                        answer.getOrDefault("message", answer.getOrDefault("Message", "")));
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("Secrets Manager GetSecretValue " + secretArn, e);
        }
    }

    /** The top-level string fields of a JSON object (nested values skipped). */
    static Map<String, String> stringFields(byte[] json) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    out.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return out;
    }

    /** {@code s} as a JSON string. */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
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
