package com.groupgate.emulator;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The AWS endpoint for tests and {@code make run}, chosen once per JVM:
 * {@code AWS_ENDPOINT_URL} when set; else LocalStack through Testcontainers when a Docker
 * engine answers; else the serialized moto process. Credentials are dummies; no AWS
 * account is needed.
 */
public final class LocalAws {
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";
    private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4";

    private static LocalAws instance;

    private final URI endpoint;
    private final String kind;
    private final AutoCloseable owned;

    private LocalAws(URI endpoint, String kind, AutoCloseable owned) {
        this.endpoint = endpoint;
        this.kind = kind;
        this.owned = owned;
    }

    public static synchronized LocalAws get() {
        if (instance == null) {
            instance = choose();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "local-aws-stop"));
        }
        return instance;
    }

    private static LocalAws choose() {
        String configured = System.getenv("AWS_ENDPOINT_URL");
        if (configured != null && !configured.isBlank()) {
            return new LocalAws(URI.create(configured), "AWS_ENDPOINT_URL", null);
        }
        if (dockerAnswers()) {
            LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                    .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.S3,
                            LocalStackContainer.Service.KMS, LocalStackContainer.Service.SQS);
            localStack.start();
            return new LocalAws(localStack.getEndpoint(), "LocalStack (Testcontainers)", localStack);
        }
        MotoProcess moto = MotoProcess.start(RepositoryRoot.find());
        return new LocalAws(moto.endpoint(), "moto (serialized)", moto);
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

    private void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                // Stopping at JVM exit: nothing left to tell.
            }
        }
    }
}
