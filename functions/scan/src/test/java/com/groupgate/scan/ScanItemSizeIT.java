package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.telemetry.Log;
import com.groupgate.testkit.DynamoItemSize;
import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One write unit per accepted scan, whatever the code's settings: DynamoDB bills an update
 * by the larger of the item's sizes before and after, per started kilobyte, so the item a
 * scan writes must stay under 1 KB. Measured here by the documented item-size rules
 * ({@link DynamoItemSize}) on the item as stored, for the largest settings the API allows
 * (600 geo entries, a 100-character name and a 1,000-character welcome message in Chinese,
 * a 64-character channel, a 40-character label in Chinese, which every fact copies) and the
 * largest fact a scan records (a 100-character city, every
 * breakdown set), over scans on three days in a row so the counter holds old days too.
 */
class ScanItemSizeIT {
    private static final int ONE_KB = 1024;

    @Test
    void aScanOfTheLargestCodeWritesAnItemUnderOneKilobyte() {
        ScanWorld world = new ScanWorld(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ScanWorld.Tenant tenant = world.tenant("大".repeat(100), "Asia/Shanghai");
        String groupId = world.group(tenant, "{\"name\":\"" + "群".repeat(100) + "\",\"capacity\":3000,"
                + "\"welcomeMessage\":\"" + "欢".repeat(1000) + "\"}").path("groupId").asText();
        JsonNode code = world.code(tenant, groupId, largestSettings());
        String path = ScanWorld.path(code);
        Map<String, String> headers = new HashMap<>(Map.of("accept", "application/json",
                "x-origin-verify", TestDeployment.ORIGIN_SECRET, "cloudfront-viewer-country", "CN",
                "cloudfront-viewer-country-region", "GD", "cloudfront-viewer-city", "C".repeat(300),
                "cloudfront-viewer-address", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff:50123",
                "user-agent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 MicroMessenger/8.0.47"));
        long largest = 0;
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 3; i++) {
                var scan = world.scan(path, headers, "203.0.113.9");
                assertEquals(200, scan.status(), scan.body());
                largest = Math.max(largest, DynamoItemSize.of(counter(tenant, code)));
            }
            world.clock.advance(Duration.ofDays(1));
        }
        Log.info("scan_item_size", Map.of("largestCodeCounterBytes", largest));
        assertTrue(largest < ONE_KB, "the counter a scan writes is " + largest + " bytes");
        assertEquals(1, DynamoItemSize.writeUnits(largest));
        Map<String, AttributeValue> daily = counter(tenant, code).get("daily").m();
        assertTrue(daily.size() <= 3, "days before yesterday are pruned: " + daily.keySet());
    }

    @Test
    void aScanOfAMinimalCodeWritesAnItemUnderOneKilobyte() {
        ScanWorld world = new ScanWorld();
        ScanWorld.Tenant tenant = world.tenant("Small", null);
        JsonNode code = world.openCode(tenant, "{}");
        assertEquals(200, world.scanJson(ScanWorld.path(code)).status());
        long size = DynamoItemSize.of(counter(tenant, code));
        Log.info("scan_item_size", Map.of("minimalCodeCounterBytes", size));
        assertTrue(size < ONE_KB, size + " bytes");
    }

    @Test
    void aScanOfALiveCodeWritesAShardUnderOneKilobyte() {
        ScanWorld world = new ScanWorld();
        ScanWorld.Tenant tenant = world.tenant("Live", null);
        String groupId = world.group(tenant, "{\"name\":\"" + "群".repeat(100) + "\",\"capacity\":3000,"
                + "\"welcomeMessage\":\"" + "欢".repeat(1000) + "\"}").path("groupId").asText();
        var live = world.api.post("/v1/live-codes", "{\"name\":\"" + "海".repeat(100) + "\",\"groupIds\":[\""
                + groupId + "\"],\"channel\":\"" + "c".repeat(64) + "\",\"dailyScanLimit\":1000000}",
                bearer(tenant.apiKey()));
        assertEquals(201, live.status(), live.body());
        for (int i = 0; i < 16; i++) {
            assertEquals(200, world.scanJson(ScanWorld.path(live.json())).status());
        }
        long largest = 0;
        for (int shard = 0; shard < 8; shard++) {
            String pk = "T#" + tenant.tenantId() + "#LIVE#" + live.text("liveCodeId") + "#SHARD#" + shard;
            Map<String, AttributeValue> item = item(pk, "SHARD");
            largest = Math.max(largest, DynamoItemSize.of(item));
        }
        Log.info("scan_item_size", Map.of("liveCodeShardBytes", largest));
        assertTrue(largest < ONE_KB, largest + " bytes");
    }

    private static String largestSettings() {
        List<String> allowCountries = new ArrayList<>(List.of("\"CN\""));
        List<String> denyCountries = new ArrayList<>();
        for (char a = 'A'; a <= 'Z' && allowCountries.size() < 100; a++) {
            for (char b = 'A'; b <= 'Z' && allowCountries.size() < 100; b++) {
                allowCountries.add("\"" + a + b + "\"");
            }
        }
        for (char a = 'E'; a <= 'Z' && denyCountries.size() < 100; a++) {
            for (char b = 'A'; b <= 'Z' && denyCountries.size() < 100; b++) {
                denyCountries.add("\"" + a + b + "\"");
            }
        }
        denyCountries.remove("\"CN\"");
        List<String> allowRegions = new ArrayList<>(List.of("\"CN-GD\""));
        List<String> denyRegions = new ArrayList<>();
        List<String> allowCidrs = new ArrayList<>(List.of("\"2001:db8:ffff::/48\""));
        List<String> denyCidrs = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            allowRegions.add("\"CN-" + (100 + i) + "\"");
            denyRegions.add("\"US-" + (100 + i) + "\"");
            allowCidrs.add(String.format("\"2001:db8:%x:ffff:ffff:ffff:ffff:0/112\"", i + 1));
            denyCidrs.add(String.format("\"2001:db9:%x:ffff:ffff:ffff:ffff:0/112\"", i + 1));
        }
        denyRegions.add("\"US-CA\"");
        denyCidrs.add("\"10.0.0.0/8\"");
        return "{\"channel\":\"" + "c".repeat(64) + "\",\"label\":\"" + "店".repeat(40)
                + "\",\"dailyScanLimit\":1000000,\"ttlSeconds\":2592000,"
                + "\"geo\":{\"allowCountries\":" + allowCountries + ",\"denyCountries\":" + denyCountries.subList(0,
                Math.min(100, denyCountries.size())) + ",\"allowRegions\":" + allowRegions + ",\"denyRegions\":"
                + denyRegions + ",\"allowCidrs\":" + allowCidrs + ",\"denyCidrs\":" + denyCidrs + "}}";
    }

    private static Map<String, AttributeValue> counter(ScanWorld.Tenant tenant, JsonNode code) {
        return item("T#" + tenant.tenantId() + "#CODE#" + code.path("codeId").asText(), "COUNT");
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        TestDeployment aws = TestDeployment.get();
        return aws.clients().dynamo().getItem(g -> g.tableName(aws.mainTable()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }
}
