package com.groupgate.localaws;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS endpoint for tests and {@code make run}, chosen once per JVM:
 * {@code AWS_ENDPOINT_URL} when set; else LocalStack through Testcontainers when a Docker
 * engine answers; else the serialized moto process. No AWS account is needed.
 *
 * <p>On the moto process IAM is enforced: every request must be signed by a known
 * identity and is authorized by its policies. Tools, bootstrap and tests act as the
 * emulator's operator (an IAM user allowed everything); functions act as their own roles,
 * whose credentials the emulator hands out as Lambda does ({@link #lambdaCredentials}).
 * Other emulators get dummy credentials and no credentials endpoint.
 */
public final class LocalAws {
    public static final String REGION = "us-east-1";
    private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4";

    private static LocalAws instance;

    private final URI endpoint;
    private final String kind;
    private final AutoCloseable owned;
    private final AwsBasicCredentials operator;
    private final String lambdaCredentialsToken;

    private LocalAws(URI endpoint, String kind, AutoCloseable owned, AwsBasicCredentials operator,
                     String lambdaCredentialsToken) {
        this.endpoint = endpoint;
        this.kind = kind;
        this.owned = owned;
        this.operator = operator;
        this.lambdaCredentialsToken = lambdaCredentialsToken;
    }

    public static synchronized LocalAws get() {
        if (instance == null) {
            instance = choose();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "local-aws-stop"));
        }
        return instance;
    }

    /**
     * A moto process of its own (not the JVM's shared one) with {@code environment} added to
     * its process's, e.g. {@code GROUPGATE_LAMBDA_CREDENTIALS_SECONDS=20} for a test that
     * watches functions' credentials expire. The caller closes it.
     */
    public static LocalAws ownMoto(Map<String, String> environment) {
        return moto(MotoProcess.start(RepositoryRoot.find(), environment));
    }

    private static LocalAws moto(MotoProcess moto) {
        return new LocalAws(moto.endpoint(), "moto (serialized, IAM enforced)", moto,
                AwsBasicCredentials.create(moto.announced("GROUPGATE_OPERATOR_ACCESS_KEY_ID"),
                        moto.announced("GROUPGATE_OPERATOR_SECRET_ACCESS_KEY")),
                moto.announced("GROUPGATE_LAMBDA_CREDENTIALS_TOKEN"));
    }

    private static LocalAws choose() {
        AwsBasicCredentials dummy = AwsBasicCredentials.create("test", "test");
        String configured = System.getenv("AWS_ENDPOINT_URL");
        if (configured != null && !configured.isBlank()) {
            return new LocalAws(URI.create(configured), "AWS_ENDPOINT_URL", null, dummy, null);
        }
        if (dockerAnswers()) {
            LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                    .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.S3,
                            LocalStackContainer.Service.KMS, LocalStackContainer.Service.SQS);
            localStack.start();
            return new LocalAws(localStack.getEndpoint(), "LocalStack (Testcontainers)", localStack, dummy, null);
        }
        return moto(MotoProcess.start(RepositoryRoot.find()));
    }

    private static boolean dockerAnswers() {
        if ("false".equals(System.getenv("GROUPGATE_TRY_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Which emulator answers, for logs and test reports. */
    public String kind() {
        return kind;
    }

    /** The operator's credentials: bootstrap, tools and tests that seed or read tables. */
    public AwsCredentialsProvider operatorCredentials() {
        return StaticCredentialsProvider.create(operator);
    }

    /** Whether this emulator checks every request against IAM policies. */
    public boolean enforcesIam() {
        return lambdaCredentialsToken != null;
    }

    /**
     * Where a function running as {@code roleName} gets its credentials, as Lambda hands
     * them to SnapStart functions ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}); empty when
     * this emulator serves none.
     */
    public Optional<URI> lambdaCredentials(String roleName, String functionName) {
        if (lambdaCredentialsToken == null) {
            return Optional.empty();
        }
        return Optional.of(endpoint.resolve("/_groupgate/lambda-credentials/" + roleName + "?session="
                + URLEncoder.encode(functionName, StandardCharsets.UTF_8)));
    }

    /** The token sent with every fetch of {@link #lambdaCredentials} ({@code AWS_CONTAINER_AUTHORIZATION_TOKEN}). */
    public Optional<String> lambdaCredentialsToken() {
        return Optional.ofNullable(lambdaCredentialsToken);
    }

    /** The emulator's fault injection (moto process only). */
    public EmulatorFaults faults() {
        if (lambdaCredentialsToken == null) {
            throw new IllegalStateException(kind + " cannot inject faults; only the moto process can");
        }
        return new EmulatorFaults(endpoint);
    }

    /** Stops the emulator this instance started; only for one made with {@link #ownMoto}. */
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                // Stopping at JVM exit: nothing left to tell.
            }
        }
    }
}
