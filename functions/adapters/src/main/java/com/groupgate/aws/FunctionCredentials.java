package com.groupgate.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Container credentials read from a given environment rather than the process's: the
 * local run hosts every function in one JVM, each with its own role, so each needs its own
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN},
 * where the SDK's ContainerCredentialsProvider reads only the process-wide ones. Same
 * protocol as Lambda's endpoint (GET with the token in {@code Authorization}; JSON with
 * {@code AccessKeyId}, {@code SecretAccessKey}, {@code Token}, {@code Expiration}); fetched
 * again 15 minutes before they expire, as the SDK does. Deployed functions never use this
 * class: {@link AwsClients#fromEnvironment()} gives them the SDK's default chain.
 */
final class FunctionCredentials implements AwsCredentialsProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(15);

    private final URI uri;
    private final String token;
    private volatile AwsSessionCredentials current;

    private FunctionCredentials(URI uri, String token) {
        this.uri = uri;
        this.token = token;
    }

    /** Credentials from {@code env}'s container URI and token; null when {@code env} names no URI. */
    static FunctionCredentials fromEnvironment(Map<String, String> env) {
        String uri = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (uri == null || uri.isBlank()) {
            return null;
        }
        return new FunctionCredentials(URI.create(uri), env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
    }

    @Override
    public AwsCredentials resolveCredentials() {
        AwsSessionCredentials c = current;
        if (c == null || c.expirationTime().map(e -> Instant.now().isAfter(e.minus(REFRESH_BEFORE_EXPIRY))).orElse(false)) {
            synchronized (this) {
                c = current;
                if (c == null || c.expirationTime().map(e -> Instant.now().isAfter(e.minus(REFRESH_BEFORE_EXPIRY)))
                        .orElse(false)) {
                    c = fetch();
                    current = c;
                }
            }
        }
        return c;
    }

    private AwsSessionCredentials fetch() {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            if (token != null) {
                connection.setRequestProperty("Authorization", token);
            }
            int status = connection.getResponseCode();
            if (status != 200) {
                throw SdkClientException.create("the container credentials endpoint answered " + status);
            }
            JsonNode body;
            try (InputStream in = connection.getInputStream()) {
                body = JSON.readTree(in);
            }
            return AwsSessionCredentials.builder()
                    .accessKeyId(body.path("AccessKeyId").asText())
                    .secretAccessKey(body.path("SecretAccessKey").asText())
                    .sessionToken(body.path("Token").asText())
                    .expirationTime(Instant.parse(body.path("Expiration").asText()))
                    .build();
        } catch (IOException | RuntimeException e) {
            if (e instanceof SdkClientException s) {
                throw s;
            }
            throw SdkClientException.create("cannot fetch credentials from the container endpoint", e);
        }
    }
}
