package com.groupgate.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.emulator.EmulatorFaults;
import com.groupgate.id.TenantId;
import com.groupgate.testkit.FunctionFaults;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A record the dispatcher cannot get past (here: its reads of the tenant's endpoints are
 * throttled on every try) is retried as template.yaml says and then reported to the
 * stream's on-failure queue, as Lambda's mapping reports it, and the shard moves on.
 */
class WebhookDispatchFailureIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aRecordFailingEveryRetryIsReportedToTheFailureQueue() throws Exception {
        try (LocalGroupGate local = RecordedStack.builder().reminderInterval(Duration.ofHours(6)).build();
             FunctionFaults faults = FunctionFaults.of(LocalGroupGate.WEBHOOK_DISPATCH_FUNCTION)) {
            local.start(0);
            faults.inject(faults.on("dynamodb", "Query", EmulatorFaults.Kind.THROTTLING).times(-1));
            // A real tenant id: the dispatcher looks up the endpoints of a tenant only when the
            // event's tenant is one (TenantId), and that lookup is the Query the fault throttles.
            String tenant = TenantId.random().text();
            Map<String, AttributeValue> member = new HashMap<>(Map.of(
                    "pk", AttributeValue.fromS("T#" + tenant + "#G#g1"), "sk", AttributeValue.fromS("MEMBER#m1"),
                    "memberRef", AttributeValue.fromS("m1"),
                    "fact", AttributeValue.fromM(Map.of("id", AttributeValue.fromS("F-" + tenant),
                            "type", AttributeValue.fromS("JOIN"), "tenantId", AttributeValue.fromS(tenant),
                            "groupId", AttributeValue.fromS("g1"), "at", AttributeValue.fromN("1796194762870")))));
            local.clients().dynamo().putItem(p -> p.tableName(local.resources().ref("MainTable")).item(member));

            String queue = local.resources().ref("StreamFailureQueue");
            AtomicReference<JsonNode> report = new AtomicReference<>();
            Eventually.await(Duration.ofSeconds(90), "the dispatcher's report on the failure queue", () -> {
                for (var m : local.clients().sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                        .visibilityTimeout(0)).messages()) {
                    JsonNode body = read(m.body());
                    if (body.path("requestContext").path("functionArn").asText().endsWith("WebhookDispatchFunction")) {
                        report.set(body);
                        local.clients().sqs().deleteMessage(d -> d.queueUrl(queue).receiptHandle(m.receiptHandle()));
                        return true;
                    }
                }
                return false;
            });
            assertTrue(report.get().path("requestContext").path("approximateInvokeCount").asInt() >= 4,
                    "the first try and three retries: " + report.get());
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
