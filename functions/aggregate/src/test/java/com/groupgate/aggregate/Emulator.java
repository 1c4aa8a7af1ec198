package com.groupgate.aggregate;

import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.localaws.LocalResources;
import com.groupgate.testkit.TestDeployment;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The emulator, bootstrapped from template.yaml once per test JVM; the aggregate function
 * runs as its own role. Tests keep apart by tenant and stream ARN.
 */
final class Emulator {
    static final TestDeployment AWS = TestDeployment.get();
    static final LocalResources RESOURCES = AWS.resources();
    private static final String FUNCTION = "AggregateFunction";

    private Emulator() {
    }

    static Config aggregateConfig() {
        return AWS.config(FUNCTION);
    }

    static Wiring wiring(Clock clock) {
        return AWS.wiring(FUNCTION, clock);
    }

    /** The operator's queue client, to read what the function sent. */
    static SqsClient sqs() {
        return AWS.clients().sqs();
    }

    /** The function's own queue client: poison records are sent under its role. */
    static SqsClient functionSqs() {
        return wiring(Clock.systemUTC()).aws().build(SqsClient.builder());
    }

    /** The operator's DynamoDB client, to seed and clean up tables. */
    static DynamoDbClient operatorDynamo() {
        return AWS.clients().dynamo();
    }

    /** The codes API's DynamoDB client: the function that reads rollups for the stats routes. */
    static DynamoDbClient statsDynamo() {
        return AWS.wiring("CodesApiFunction", Clock.systemUTC()).aws().dynamo();
    }

    /** The function's DynamoDB client with {@code interceptors} of the test's, so it can watch or break its calls. */
    static DynamoDbClient dynamo(List<ExecutionInterceptor> interceptors) {
        Wiring w = wiring(Clock.systemUTC());
        return w.aws().withInterceptors(interceptors).dynamo();
    }
}
