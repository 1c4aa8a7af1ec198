package com.groupgate.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.kms.model.DecryptRequest;

/**
 * What GroupGate sends the X-Ray daemon for one AWS call, checked against X-Ray's segment
 * document format: the daemon's header line, then a subsegment attached to the trace and
 * parent of Lambda's header, in namespace {@code aws}, with the operation and resource,
 * times in epoch seconds, error flags by status, and nothing of the request's content.
 */
class SubsegmentDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TraceHeader TRACE = new TraceHeader("1-5759e988-bd862e3fe1be46a994272793",
            "53995c3f42cd8ad8", true);

    private static JsonNode body(AwsCallSegment segment) throws Exception {
        String datagram = segment.datagram();
        int newline = datagram.indexOf('\n');
        JsonNode header = JSON.readTree(datagram.substring(0, newline));
        assertEquals("json", header.path("format").asText());
        assertEquals(1, header.path("version").asInt());
        return JSON.readTree(datagram.substring(newline + 1));
    }

    @Test
    void aDynamoDbCallIsASubsegmentOfTheFunctionsSegment() throws Exception {
        JsonNode doc = body(new AwsCallSegment("0123456789abcdef", TRACE, "DynamoDB", "GetItem", "eu-west-1",
                1_700_000_000_000_001L, 1_700_000_000_004_250L, 200, "REQ1", 1,
                Map.of("table_name", "gg-main"), null));
        assertEquals("subsegment", doc.path("type").asText());
        assertEquals("0123456789abcdef", doc.path("id").asText());
        assertEquals(TRACE.root(), doc.path("trace_id").asText());
        assertEquals(TRACE.parent(), doc.path("parent_id").asText());
        assertEquals("DynamoDB", doc.path("name").asText());
        assertEquals("aws", doc.path("namespace").asText());
        assertEquals(1_700_000_000.000001, doc.path("start_time").asDouble(), 1e-7);
        assertEquals(1_700_000_000.004250, doc.path("end_time").asDouble(), 1e-7);
        assertEquals("GetItem", doc.path("aws").path("operation").asText());
        assertEquals("eu-west-1", doc.path("aws").path("region").asText());
        assertEquals("REQ1", doc.path("aws").path("request_id").asText());
        assertEquals(1, doc.path("aws").path("retries").asInt());
        assertEquals("gg-main", doc.path("aws").path("table_name").asText());
        assertEquals(200, doc.path("http").path("response").path("status").asInt());
        assertFalse(doc.has("error") || doc.has("fault") || doc.has("throttle") || doc.has("cause"));
    }

    @Test
    void timesKeepTheirMicrosecondsWithLeadingZeros() {
        assertEquals("1700000000.000001", AwsCallSegment.seconds(1_700_000_000_000_001L));
        assertEquals("1700000000.100000", AwsCallSegment.seconds(1_700_000_000_100_000L));
    }

    @Test
    void aRefusedCallIsAnErrorAThrottledOneAThrottleAndAServerFailureAFault() throws Exception {
        JsonNode refused = body(new AwsCallSegment("0000000000000001", TRACE, "DynamoDB", "PutItem", "us-east-1",
                1, 2, 400, "R", 0, Map.of(), "ConditionalCheckFailedException"));
        assertTrue(refused.path("error").asBoolean());
        assertFalse(refused.has("fault") || refused.has("throttle"));
        assertEquals("ConditionalCheckFailedException",
                refused.path("cause").path("exceptions").get(0).path("type").asText());
        assertTrue(refused.path("cause").path("exceptions").get(0).path("remote").asBoolean());

        JsonNode throttled = body(new AwsCallSegment("0000000000000002", TRACE, "DynamoDB", "UpdateItem", "us-east-1",
                1, 2, 400, null, 2, Map.of(), "ProvisionedThroughputExceededException"));
        assertTrue(throttled.path("error").asBoolean() && throttled.path("throttle").asBoolean());
        assertFalse(throttled.path("aws").has("request_id"));

        JsonNode fault = body(new AwsCallSegment("0000000000000003", TRACE, "KMS", "Decrypt", "us-east-1",
                1, 2, 503, null, 2, Map.of(), "KmsInternalException"));
        assertTrue(fault.path("fault").asBoolean());
        assertFalse(fault.has("error"));

        JsonNode noAnswer = body(new AwsCallSegment("0000000000000004", TRACE, "S3", "GetObject", "us-east-1",
                1, 2, 0, null, 2, Map.of(), "ApiCallTimeoutException"));
        assertTrue(noAnswer.path("error").asBoolean());
        assertFalse(noAnswer.has("http"));
        assertFalse(noAnswer.path("cause").path("exceptions").get(0).path("remote").asBoolean());
    }

    @Test
    void theResourcesAreNamedAndNothingOfTheRequestsContent() {
        var get = GetItemRequest.builder().tableName("gg-main")
                .key(Map.of("pk", AttributeValue.fromS("CODE#secret-code"))).build();
        assertEquals(Map.of("table_name", "gg-main"), AwsCallTracing.resources(get));

        var batch = BatchGetItemRequest.builder().requestItems(Map.of(
                "gg-main", KeysAndAttributes.builder().keys(List.of(Map.of("pk", AttributeValue.fromS("a")))).build(),
                "gg-analytics", KeysAndAttributes.builder().keys(List.of(Map.of("pk", AttributeValue.fromS("b")))).build()))
                .build();
        assertEquals(Map.of("table_names", List.of("gg-analytics", "gg-main")), AwsCallTracing.resources(batch));

        var transaction = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName("gg-main").item(Map.of()).build()).build(),
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName("gg-main")
                        .key(Map.of()).conditionExpression("attribute_exists(pk)").build()).build()).build();
        assertEquals(Map.of("table_names", List.of("gg-main")), AwsCallTracing.resources(transaction));

        assertEquals(Map.of(), AwsCallTracing.resources(DecryptRequest.builder().keyId("alias/gg").build()));
    }

    @Test
    void textIsEscapedSoADocumentStaysOneJsonObject() throws Exception {
        JsonNode doc = body(new AwsCallSegment("0000000000000005", TRACE, "S3", "PutObject", "us-east-1",
                1, 2, 200, "a\"b\\c\n", 0, Map.of("bucket_name", "x\"y"), null));
        assertEquals("a\"b\\c\n", doc.path("aws").path("request_id").asText());
        assertEquals("x\"y", doc.path("aws").path("bucket_name").asText());
    }

    @Test
    void lambdasHeaderGivesTheTraceTheParentAndTheDecision() {
        TraceHeader sampled = TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;"
                + "Sampled=1;Lineage=a87bd80c:0");
        assertEquals(TRACE, sampled);
        assertFalse(TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0")
                .sampled());
        assertFalse(TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8").sampled());
        assertNull(TraceHeader.parse(null));
        assertNull(TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"), "no parent");
        assertNull(TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=\"}{;Sampled=1"));
    }

    @Test
    void theDaemonsUdpAddressIsReadInBothOfItsForms() {
        assertEquals(InetSocketAddress.createUnresolved("169.254.79.129", 2000),
                DaemonAddress.udp("169.254.79.129:2000"));
        assertEquals(InetSocketAddress.createUnresolved("127.0.0.2", 2001),
                DaemonAddress.udp("tcp:127.0.0.1:2000 udp:127.0.0.2:2001"));
        assertEquals(InetSocketAddress.createUnresolved("127.0.0.2", 2001),
                DaemonAddress.udp("udp:127.0.0.2:2001 tcp:127.0.0.1:2000"));
        assertNull(DaemonAddress.udp(null));
        assertNull(DaemonAddress.udp(""));
        assertNull(DaemonAddress.udp("localhost"));
        assertNull(DaemonAddress.udp("localhost:notaport"));
    }

    @Test
    void withoutADaemonAddressNoClientIsTraced() {
        assertTrue(AwsCallTracing.fromEnvironment(Map.of()).isEmpty());
        assertEquals(InetSocketAddress.createUnresolved("127.0.0.1", 2000),
                AwsCallTracing.fromEnvironment(Map.of(DaemonAddress.VARIABLE, "127.0.0.1:2000")).orElseThrow().daemon());
    }

    @Test
    void subsegmentIdsAreSixteenHexDigits() {
        for (int i = 0; i < 200; i++) {
            assertTrue(AwsCallTracing.newId().matches("[0-9a-f]{16}"));
        }
    }
}
