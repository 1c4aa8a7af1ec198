package com.groupgate.aggregate;

import com.groupgate.aws.AwsClients;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.emulator.CloudFormationTemplate;
import com.groupgate.emulator.EmulatorClients;
import com.groupgate.emulator.LocalAws;
import com.groupgate.emulator.LocalResources;
import com.groupgate.emulator.TemplateBootstrap;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The emulator, bootstrapped from template.yaml once per test JVM. Tests keep apart by tenant and stream ARN. */
final class Emulator {
    static final LocalAws AWS = LocalAws.get();
    static final LocalResources RESOURCES =
            new TemplateBootstrap(CloudFormationTemplate.ofRepository(), EmulatorClients.of(AWS.endpoint())).apply();

    private Emulator() {
    }

    static Config aggregateConfig() {
        return Config.fromEnvironment(RESOURCES.functionEnvironment("AggregateFunction", Map.of()));
    }

    static Wiring wiring(Clock clock) {
        return new Wiring(aggregateConfig(), AwsClients.forEndpoint(AWS.endpoint(), LocalAws.REGION), clock);
    }

    static SqsClient sqs() {
        return EmulatorClients.of(AWS.endpoint()).sqs();
    }

    /** A client of our own, so a test can watch or break its calls. */
    static DynamoDbClient dynamo(List<ExecutionInterceptor> interceptors) {
        return DynamoDbClient.builder().endpointOverride(AWS.endpoint()).region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> interceptors.forEach(c::addExecutionInterceptor)).build();
    }
}
