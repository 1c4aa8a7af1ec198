package com.groupgate.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * A function published with SnapStart finds no access keys in its environment: Lambda
 * serves its role's credentials at {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, to requests
 * carrying {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. Each local function's clients take
 * them from its own environment this way (the deployed path, the SDK's default chain in a
 * process whose environment holds them, is proven by SnapStartCredentialsIT).
 */
class LambdaCredentialsTest {
    private HttpServer endpoint;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serveCredentials() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/credentials", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = ("{\"AccessKeyId\":\"ASIAROLEKEY\",\"SecretAccessKey\":\"role-secret\","
                    + "\"Token\":\"role-session\",\"Expiration\":\""
                    + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
    }

    @Test
    void snapStartFunctionsTakeTheirRolesCredentialsFromTheContainerEndpoint() {
        Map<String, String> env = Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "lambda-issued-token",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials");
        assertFalse(env.containsKey("AWS_ACCESS_KEY_ID"));

        AwsClients clients = AwsClients.fromEnvironment(env);
        AwsCredentials credentials = clients.credentials().resolveCredentials();

        AwsSessionCredentials session = assertInstanceOf(AwsSessionCredentials.class, credentials);
        assertEquals("ASIAROLEKEY", session.accessKeyId());
        assertEquals("role-secret", session.secretAccessKey());
        assertEquals("role-session", session.sessionToken());
        assertEquals(List.of("lambda-issued-token"), authorizations);
        clients.credentials().resolveCredentials();
        assertEquals(1, authorizations.size(), "fetched once, then kept until 15 minutes before expiry");
        assertEquals("eu-west-1", clients.region().id());
    }

    @Test
    void sdkTimeoutsAreLambdasUnlessTheLocalRunRaisesThem() {
        assertEquals(SdkTimeouts.LAMBDA, AwsClients.fromEnvironment(Map.of()).timeouts());
        SdkTimeouts local = AwsClients.fromEnvironment(Map.of(SdkTimeouts.ATTEMPT_VARIABLE, "120000",
                SdkTimeouts.CALL_VARIABLE, "300000")).timeouts();
        assertEquals(120, local.attempt().toSeconds());
        assertEquals(300, local.call().toSeconds());
    }
}
