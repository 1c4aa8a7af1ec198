package com.groupgate.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.groupgate.aggregate.StreamFacts;
import com.groupgate.analytics.RollupDelta;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.ShardBatch;
import com.groupgate.analytics.ShardRecord;
import com.groupgate.id.Id;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The aggregate function's CPU work for a realistic batch — 1,000 accepted scans over 20
 * codes of one tenant in one hour, three channels, varied regions and devices, as stream
 * records of the code items: decode each record into a fact (outcome derived from the new
 * image), index the batch by the items its records touch, and coalesce one delta per
 * distinct rollup item (HyperLogLog sketches included). Reported per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AggregateBench {
    static final int RECORDS = 1_000;

    private List<DynamodbStreamRecord> batch;

    @Setup
    public void setUp() {
        Random random = new Random(11);
        Id tenant = Id.random();
        List<Id> codes = new ArrayList<>();
        List<Id> groups = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(Id.random());
            groups.add(Id.random());
        }
        String[] channels = {"campus", "store", "ad"};
        String[] regions = {"CN-GD", "CN-BJ", "CN-SH", "CN-ZJ", "CN-SC"};
        String[] devices = {"phone", "phone", "phone", "tablet", "desktop"};
        String[] apps = {"wechat", "wechat", "qq", "dingtalk", "alipay", "other"};
        long hour = Instant.parse("2026-11-26T03:00:00Z").toEpochMilli();
        batch = new ArrayList<>(RECORDS);
        Map<Integer, Long> counts = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            int c = random.nextInt(codes.size());
            long n = counts.merge(c, 1L, Long::sum);
            Map<String, AttributeValue> fact = new HashMap<>();
            fact.put("id", s(Id.random().toString() + Id.random()));
            fact.put("type", s("SCAN"));
            fact.put("at", new AttributeValue().withN(Long.toString(hour + random.nextInt(3_600_000))));
            fact.put("tenantId", s(tenant.toString()));
            fact.put("codeId", s(codes.get(c).toString()));
            fact.put("groupId", s(groups.get(c).toString()));
            fact.put("channel", s(channels[c % 3]));
            fact.put("country", s("CN"));
            fact.put("region", s(regions[random.nextInt(regions.length)]));
            fact.put("city", s("City" + random.nextInt(30)));
            fact.put("device", s(devices[random.nextInt(devices.length)]));
            fact.put("os", s(random.nextBoolean() ? "android" : "ios"));
            fact.put("app", s(apps[random.nextInt(apps.length)]));
            fact.put("ipHash", s("h" + random.nextInt(800)));
            fact.put("day", s("2026-11-26"));
            fact.put("cap", new AttributeValue().withN("100000"));
            Map<String, AttributeValue> image = new HashMap<>();
            image.put("pk", s("T#" + tenant + "#CODE#" + codes.get(c)));
            image.put("sk", s("CODE"));
            image.put("status", s("active"));
            image.put("daily", new AttributeValue().withM(Map.of("2026-11-26", new AttributeValue().withN(Long.toString(n)))));
            image.put("fact", new AttributeValue().withM(fact));
            Map<String, AttributeValue> old = new HashMap<>(image);
            old.remove("fact");
            DynamodbStreamRecord record = new DynamodbStreamRecord();
            record.setEventName("MODIFY");
            record.setEventSourceARN("arn:aws:dynamodb:us-east-1:000000000000:table/MainTable/stream/bench");
            record.setDynamodb(new StreamRecord().withSequenceNumber(Long.toString(100_000_000_000L + i))
                    .withNewImage(image).withOldImage(old).withKeys(Map.of("pk", image.get("pk"), "sk", image.get("sk"))));
            batch.add(record);
        }
    }

    private static AttributeValue s(String v) {
        return new AttributeValue().withS(v);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public Object decodeAndPlanABatch() {
        List<ShardRecord> records = new ArrayList<>(RECORDS);
        for (DynamodbStreamRecord r : batch) {
            StreamFacts.decode(r).ifPresent(records::add);
        }
        ShardBatch plan = ShardBatch.of(records, null);
        List<RollupDelta> deltas = new ArrayList<>();
        for (RollupKey key : plan.rollupKeys()) {
            deltas.add(ShardBatch.rollupDelta(key, plan.after(key, null)));
        }
        return deltas;
    }
}
