package com.groupgate.local.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.aws.AwsClients;
import com.groupgate.scan.ScanHandler;
import com.groupgate.telemetry.Log;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One cold start, in a fresh JVM whose class path is the deployable jar: {@code scan}
 * builds the ScanHandler from the environment (as Lambda does) and handles one scan;
 * {@code baseline} builds a DynamoDB client with the same SDK, HTTP client and credentials
 * provider and makes one UpdateItem. Reports milliseconds from JVM start to the answer.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        String outcome;
        if ("scan".equals(mode)) {
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRawPath("/S/" + args[1])
                    // As CloudFront forwards it: with the origin secret the function is configured with.
                    .withHeaders(Map.of("accept", "application/json", "user-agent", "Mozilla/5.0 (iPhone)",
                            "x-origin-verify", String.valueOf(System.getenv("GROUPGATE_ORIGIN_SECRET"))))
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                    .withPath("/S/" + args[1]).withSourceIp("198.51.100.9").build()).build())
                    .build();
            APIGatewayV2HTTPResponse response = new ScanHandler().handleRequest(event, null);
            outcome = Integer.toString(response.getStatusCode());
        } else {
            DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .region(Region.of(System.getenv("AWS_REGION")))
                    .credentialsProvider(AwsClients.fromEnvironment().credentials())
                    .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL"))).build();
            dynamo.updateItem(u -> u.tableName(System.getenv("GROUPGATE_MAIN_TABLE"))
                    .key(Map.of("pk", AttributeValue.fromS("COLDSTART"), "sk", AttributeValue.fromS("BASELINE")))
                    .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            outcome = "200";
        }
        long elapsed = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Log.info("coldstart", Map.of("mode", mode, "status", outcome, "elapsedMs", elapsed));
    }
}
