package com.groupgate.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Where the SDK clients point: AWS itself in Lambda (region and credentials from the
 * environment), or an emulator endpoint. The same adapters run against both; only this
 * record differs. Clients are built once per container and shared.
 *
 * <p>{@code interceptors} are added to the DynamoDB and KMS clients; Lambda has none. Tests
 * use them to observe calls (e.g. that KMS Decrypt runs once per key version, not per code).
 */
public record AwsClients(Region region, AwsCredentialsProvider credentials, URI endpoint,
                         List<ExecutionInterceptor> interceptors) {

    public AwsClients {
        interceptors = interceptors == null ? List.of() : List.copyOf(interceptors);
    }

    public AwsClients(Region region, AwsCredentialsProvider credentials, URI endpoint) {
        this(region, credentials, endpoint, List.of());
    }

    /** These clients with {@code more} interceptors after the existing ones. */
    public AwsClients withInterceptors(List<ExecutionInterceptor> more) {
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        all.addAll(more);
        return new AwsClients(region, credentials, endpoint, all);
    }

    /** In Lambda: region and credentials from the runtime's environment; AWS_ENDPOINT_URL if set. */
    public static AwsClients fromEnvironment() {
        String region = System.getenv("AWS_REGION");
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        return new AwsClients(Region.of(region == null ? "us-east-1" : region),
                EnvironmentVariableCredentialsProvider.create(),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint));
    }

    /** An emulator at {@code endpoint} with dummy credentials. */
    public static AwsClients forEndpoint(URI endpoint, String region) {
        return new AwsClients(Region.of(region),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), endpoint);
    }

    /**
     * One HTTP client per container: the URLConnection client starts fastest. An emulator
     * serves one request at a time, so under a burst its answers may wait in line well
     * past the SDK's default socket timeout; against an endpoint override we wait longer.
     */
    public SdkHttpClient httpClient() {
        var builder = UrlConnectionHttpClient.builder();
        if (endpoint != null) {
            builder.socketTimeout(java.time.Duration.ofMinutes(2));
        }
        return builder.build();
    }

    public DynamoDbClient dynamo() {
        var builder = DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(httpClient()).overrideConfiguration(overrides());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public KmsClient kms() {
        var builder = KmsClient.builder().region(region).credentialsProvider(credentials).httpClient(httpClient())
                .overrideConfiguration(overrides());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private ClientOverrideConfiguration overrides() {
        var builder = ClientOverrideConfiguration.builder();
        interceptors.forEach(builder::addExecutionInterceptor);
        return builder.build();
    }
}
