package com.groupgate.aws;

import com.groupgate.tracing.AwsCallTracing;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Where the SDK clients point and how they behave: region, credentials, endpoint (AWS
 * itself, or an emulator), retries and timeouts. The same adapters run against AWS and the
 * local emulator; only this record differs. Clients are built once per container.
 *
 * <p>Every client retries the same bounded way ({@link #MAX_ATTEMPTS} attempts, full-jitter
 * back-off) and gives up within {@link SdkTimeouts#call()}, well inside the functions'
 * 10-second Lambda timeout, so a caller gets GroupGate's 503 rather than Lambda's timeout.
 *
 * <p>{@code interceptors} are added to every client. Lambda's one is {@link AwsCallTracing}
 * when active tracing gives the function an X-Ray daemon ({@code AWS_XRAY_DAEMON_ADDRESS}):
 * each call of a sampled invocation becomes a subsegment of its trace. Tests add more to
 * observe calls (e.g. that KMS Decrypt runs once per key version, not per code).
 */
public record AwsClients(Region region, AwsCredentialsProvider credentials, URI endpoint,
                         List<ExecutionInterceptor> interceptors, SdkTimeouts timeouts) {
    /** Attempts per call, the first included. */
    public static final int MAX_ATTEMPTS = 3;

    public AwsClients {
        interceptors = interceptors == null ? List.of() : List.copyOf(interceptors);
        timeouts = timeouts == null ? SdkTimeouts.LAMBDA : timeouts;
    }

    /** These clients with {@code more} interceptors after the existing ones. */
    public AwsClients withInterceptors(List<ExecutionInterceptor> more) {
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        all.addAll(more);
        return new AwsClients(region, credentials, endpoint, all, timeouts);
    }

    /**
     * In Lambda: the process environment, with the SDK's default credentials chain.
     * Functions published with SnapStart find no access keys there: Lambda serves their
     * role's credentials at {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, which the chain's
     * container provider reads (sending {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}, and
     * fetching again before they expire).
     */
    public static AwsClients fromEnvironment() {
        return of(System.getenv(), DefaultCredentialsProvider.builder().build());
    }

    /**
     * Clients as one function's environment describes them, for the local run, which
     * hosts every function in one JVM: {@code AWS_REGION}, the credentials at the
     * environment's own container URI ({@link FunctionCredentials}; the SDK's default chain
     * when it names none), {@code AWS_ENDPOINT_URL} and the SDK timeouts of
     * {@link SdkTimeouts#fromEnvironment}.
     */
    public static AwsClients fromEnvironment(Map<String, String> env) {
        FunctionCredentials own = FunctionCredentials.fromEnvironment(env);
        return of(env, own != null ? own : DefaultCredentialsProvider.builder().build());
    }

    private static AwsClients of(Map<String, String> env, AwsCredentialsProvider credentials) {
        String region = env.get("AWS_REGION");
        String endpoint = env.get("AWS_ENDPOINT_URL");
        return new AwsClients(Region.of(region == null || region.isBlank() ? "us-east-1" : region),
                credentials, endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                AwsCallTracing.fromEnvironment(env).<List<ExecutionInterceptor>>map(List::of).orElse(List.of()),
                SdkTimeouts.fromEnvironment(env));
    }

    /** One HTTP client per SDK client: the URLConnection client starts fastest. */
    public SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().socketTimeout(timeouts.attempt()).build();
    }

    public DynamoDbClient dynamo() {
        return build(DynamoDbClient.builder());
    }

    public KmsClient kms() {
        return build(KmsClient.builder());
    }

    /** Any service's client, configured as every GroupGate client is. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        builder.region(region).credentialsProvider(credentials).httpClient(httpClient())
                .overrideConfiguration(overrides());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** The retries every client uses: standard AWS retry conditions, bounded attempts and back-off. */
    public static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofMillis(500)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build();
    }

    public ClientOverrideConfiguration overrides() {
        var builder = ClientOverrideConfiguration.builder().retryStrategy(retryStrategy())
                .apiCallAttemptTimeout(timeouts.attempt()).apiCallTimeout(timeouts.call());
        interceptors.forEach(builder::addExecutionInterceptor);
        return builder.build();
    }
}
