package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.tracing.DaemonAddress;
import com.groupgate.tracing.TraceHeader;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hot path in the trace: a sampled scan's one UpdateItem reaches the X-Ray daemon (a
 * UDP socket the test opens) as a DynamoDB subsegment of the scan's trace, naming the table.
 */
class ScanInTheTraceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "1-6750b1c2-5ca45ca45ca45ca45ca45ca4";
    private static final String PARENT = "5ca45ca45ca45ca4";

    private static List<JsonNode> receive(DatagramSocket daemon, long n) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        byte[] buffer = new byte[65_535];
        while (out.size() < n) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            daemon.receive(packet);
            String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            out.add(JSON.readTree(datagram.substring(datagram.indexOf('\n') + 1)));
        }
        return out;
    }

    @Test
    void aSampledScansUpdateItemIsADynamoDbSubsegmentOfItsTrace() throws IOException {
        try (DatagramSocket daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            daemon.setSoTimeout(10_000);
            ScanWorld world = new ScanWorld(Instant.now().truncatedTo(ChronoUnit.SECONDS), Map.of(
                    DaemonAddress.VARIABLE, "127.0.0.1:" + daemon.getLocalPort(),
                    TraceHeader.VARIABLE, "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1"));
            ScanWorld.Tenant tenant = world.tenant("Traced scans", null);
            String path = ScanWorld.path(world.openCode(tenant, "{\"dailyScanLimit\":1000000}"));
            world.calls.reset();
            assertEquals(200, world.scanJson(path).status());
            // The new container's first scan also reads the keys and the code.
            receive(daemon, world.calls.snapshot().values().stream().mapToLong(Long::longValue).sum());

            world.calls.reset();
            assertEquals(200, world.scanJson(path).status());
            assertEquals(Map.of("DynamoDb.UpdateItem", 1L), world.calls.snapshot());
            JsonNode update = receive(daemon, 1).get(0);
            assertEquals("DynamoDB", update.path("name").asText(), update.toString());
            assertEquals("aws", update.path("namespace").asText());
            assertEquals("UpdateItem", update.path("aws").path("operation").asText());
            assertEquals(TestDeployment.get().mainTable(), update.path("aws").path("table_name").asText());
            assertEquals(ROOT, update.path("trace_id").asText());
            assertEquals(PARENT, update.path("parent_id").asText());
            assertEquals(200, update.path("http").path("response").path("status").asInt());
        }
    }
}
