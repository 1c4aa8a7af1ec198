package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.api.audit.AuditApiHandler;
import com.groupgate.config.Wiring;
import com.groupgate.testkit.EmulatedAws;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * What the codes API tests share: the emulated AWS, handlers on a chosen clock, fresh
 * tenants, and counts of everything the API can write (MainTable items, image objects).
 */
final class ApiTestbed {
    private ApiTestbed() {
    }

    record TestTenant(String tenantId, String apiKey) {
        Map<String, String> auth() {
            return bearer(apiKey);
        }
    }

    /** A clock the test moves by hand; never moves on its own. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(java.time.Duration by) {
            now.updateAndGet(i -> i.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    static EmulatedAws aws() {
        return EmulatedAws.get();
    }

    static Wiring wiring(Clock clock) {
        return aws().wiring("CodesApiFunction", clock);
    }

    static HttpCalls api(Clock clock) {
        return new HttpCalls(new CodesApiHandler(wiring(clock)));
    }

    /** The audit function (/v1/audit and /v1/audit/*), under its own role. */
    static HttpCalls audit(Clock clock) {
        return new HttpCalls(new AuditApiHandler(aws().wiring("AuditFunction", clock)));
    }

    static TestTenant newTenant(HttpCalls api, String name) {
        var created = api.post("/v1/tenants", "{\"name\":\"" + name + "\"}", bearer(EmulatedAws.ADMIN_KEY));
        assertEquals(201, created.status(), created.body());
        return new TestTenant(created.text("tenantId"), created.text("apiKey"));
    }

    static String newGroup(HttpCalls api, TestTenant tenant, String body) {
        var group = api.post("/v1/groups", body, tenant.auth());
        assertEquals(201, group.status(), group.body());
        return group.text("groupId");
    }

    static String mainTable() {
        return aws().mainTable();
    }

    static String imagesBucket() {
        return aws().resources().ref("ImagesBucket");
    }

    /** Every item of MainTable, whatever its key, counted with a full scan. */
    static long mainTableItemCount() {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = aws().clients().dynamo().scan(s -> s.tableName(mainTable()).select(Select.COUNT)
                    .exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** Every item of MainTable whose partition key starts with {@code prefix}. */
    static List<Map<String, AttributeValue>> mainTableItems(String prefix) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = aws().clients().dynamo().scan(s -> s.tableName(mainTable()).exclusiveStartKey(from));
            page.items().stream().filter(i -> i.get("pk").s().startsWith(prefix)).forEach(out::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    static long imageObjectCount() {
        long count = 0;
        String token = null;
        do {
            String from = token;
            ListObjectsV2Response page = aws().clients().s3().listObjectsV2(l -> l.bucket(imagesBucket())
                    .continuationToken(from));
            count += page.keyCount();
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return count;
    }

    /** The code's item as stored. */
    static Map<String, AttributeValue> codeItem(String tenantId, String codeId) {
        return aws().clients().dynamo().getItem(g -> g.tableName(mainTable()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("T#" + tenantId + "#CODE#" + codeId),
                        "sk", AttributeValue.fromS("CODE")))).item();
    }

    /** The token of a scan URL: what follows {@code /S/}. */
    static String token(String scanUrl) {
        return scanUrl.substring(scanUrl.lastIndexOf("/S/") + 3);
    }
}
