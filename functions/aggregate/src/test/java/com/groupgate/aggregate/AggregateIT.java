package com.groupgate.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.analytics.Breakdown;
import com.groupgate.analytics.Dimension;
import com.groupgate.analytics.ShardRecord;
import com.groupgate.analytics.Stats;
import com.groupgate.analytics.StatsQuery;
import com.groupgate.analytics.StatsRange;
import com.groupgate.analytics.StatsReport;
import com.groupgate.analytics.StatsRow;
import com.groupgate.analytics.StreamShard;
import com.groupgate.analytics.UsageDelta;
import com.groupgate.analytics.UsageKey;
import com.groupgate.http.Json;
import com.groupgate.id.TenantId;
import com.groupgate.localaws.EmulatorFaults.Kind;
import com.groupgate.storage.analytics.RollupTable;
import com.groupgate.storage.analytics.RollupWriter;
import com.groupgate.telemetry.Log;
import com.groupgate.testkit.FunctionFaults;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The aggregate handler against the emulator: exactly-once counting under replays, failures and volume. */
class AggregateIT {
    private static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);
    private static final String[] CHANNELS = {"poster", "web", "flyer"};
    private static final String[][] PLACES = {
        {"CN", "CN-SH", "Shanghai"}, {"CN", "CN-GD", "Shenzhen"}, {"US", "US-CA", null}, {"DE", "DE-BE", "Berlin"}};
    private static final String[][] AGENTS = {
        {"phone", "ios", "wechat"}, {"phone", "android", "none"}, {"desktop", "windows", "none"},
        {"tablet", "ios", "alipay"}};

    private final TenantId tenantId = TenantId.random();
    private final String tenant = tenantId.text();
    private final FakeStream stream = new FakeStream("arn:aws:dynamodb:us-east-1:000000000000:table/MainTable/stream/"
            + tenant);
    private final String table = Emulator.aggregateConfig().analyticsTable();
    private final WriteTap tap = new WriteTap();
    private final DynamoDbClient dynamo = Emulator.dynamo(List.of(tap));
    private final SqsClient sqs = Emulator.sqs();
    private final String failureQueue = Emulator.aggregateConfig().streamFailureQueueUrl();
    private final AggregateHandler handler = new AggregateHandler(dynamo, table, CLOCK,
            new PoisonQueue(Emulator.functionSqs(), failureQueue, CLOCK));
    private final RollupTable rollups = new RollupTable(Emulator.statsDynamo(), table);
    private final DynamoDbClient operator = Emulator.operatorDynamo();

    /** Leaves the table as it was, so that later tests read only their own items. */
    @AfterEach
    void deleteWhatThisTestWrote() {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = operator.scan(q -> q.tableName(table).exclusiveStartKey(from)
                    .projectionExpression("pk, sk").filterExpression("contains(pk, :tenant)")
                    .expressionAttributeValues(Map.of(":tenant", AttributeValue.fromS(tenant))));
            List<WriteRequest> deletes = page.items().stream()
                    .map(k -> WriteRequest.builder().deleteRequest(d -> d.key(k)).build()).toList();
            for (int i = 0; i < deletes.size(); i += 25) {
                List<WriteRequest> batch = deletes.subList(i, Math.min(deletes.size(), i + 25));
                operator.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    @Test
    void aBatchDeliveredTwiceCountsOnce() {
        mixedFacts(80, 6, new Random(1));
        TimeWindowEventResponse first = deliver(stream.records());
        TimeWindowEventResponse second = deliver(stream.records());
        assertTrue(first.getBatchItemFailures().isEmpty());
        assertTrue(second.getBatchItemFailures().isEmpty());
        assertMatchesTruth(6);
    }

    @Test
    void overlappingBatchesCountEachRecordOnce() {
        mixedFacts(90, 6, new Random(2));
        List<DynamodbStreamRecord> all = stream.records();
        deliver(all.subList(0, 40));
        deliver(all.subList(20, 70));
        deliver(all.subList(0, 30));
        deliver(all.subList(50, all.size()));
        assertMatchesTruth(6);
    }

    @Test
    void aRetryThatBringsRecordsOutOfOrderCountsEachOnce() {
        mixedFacts(120, 8, new Random(14));
        List<DynamodbStreamRecord> all = stream.records();
        assertTrue(deliver(all.subList(0, 50)).getBatchItemFailures().isEmpty());
        List<DynamodbStreamRecord> shuffled = new ArrayList<>(all);
        java.util.Collections.shuffle(shuffled, new Random(15));
        assertTrue(deliver(shuffled).getBatchItemFailures().isEmpty());
        assertMatchesTruth(8);
    }

    @Test
    void retriesAfterPartialFailuresInAnyOrderCountExactlyOnce() {
        Random random = new Random(3);
        // 40 codes: a full batch writes about a hundred items, so failures land mid-batch.
        mixedFacts(400, 40, random);
        List<DynamodbStreamRecord> all = stream.records();
        int next = 0; // first record not known to be counted, as Lambda sees it
        int deliveries = 0;
        while (next < all.size()) {
            deliveries++;
            int from = random.nextInt(next + 1); // Lambda redelivers from here or earlier: overlaps and replays
            int to = Math.min(all.size(), from + 1 + random.nextInt(150));
            if (to <= next) {
                to = Math.min(all.size(), next + 1 + random.nextInt(150));
            }
            int roll = random.nextInt(4);
            if (roll == 0) {
                tap.failBeforeIn.set(random.nextInt(60));
            } else if (roll == 1) {
                tap.failAfterIn.set(random.nextInt(60));
            }
            TimeWindowEventResponse response = deliver(all.subList(from, to));
            tap.failBeforeIn.set(-1);
            tap.failAfterIn.set(-1);
            if (response.getBatchItemFailures().isEmpty()) {
                next = Math.max(next, to);
            } else {
                next = indexOf(all, response.getBatchItemFailures().get(0).getItemIdentifier());
            }
        }
        assertTrue(deliveries >= 3, "the schedule should need several deliveries");
        assertMatchesTruth(40);
    }

    @Test
    void aFailedWriteIsReportedFromTheFirstRecordOfAnUnwrittenItemAndTheRetryCountsOnlyTheRest() {
        mixedFacts(300, 20, new Random(4));
        List<DynamodbStreamRecord> all = stream.records();
        tap.failBeforeIn.set(30); // thirty items are written, the thirty-first is not
        TimeWindowEventResponse failed = deliver(all);
        assertEquals(1, failed.getBatchItemFailures().size());
        int resumeAt = indexOf(all, failed.getBatchItemFailures().get(0).getItemIdentifier());
        assertTrue(resumeAt > 0, "the records before it touch only written items");
        assertTrue(deliver(all.subList(resumeAt, all.size())).getBatchItemFailures().isEmpty());
        assertMatchesTruth(20);
        // The whole batch again, as a redelivery from further back would bring it: nothing changes.
        assertTrue(deliver(all).getBatchItemFailures().isEmpty());
        assertMatchesTruth(20);
    }

    @Test
    void aWriteLostAfterItLandedIsNotCountedAgain() {
        mixedFacts(200, 10, new Random(12));
        List<DynamodbStreamRecord> all = stream.records();
        tap.failAfterIn.set(5); // the sixth write lands, but its answer is lost
        TimeWindowEventResponse failed = deliver(all);
        assertEquals(1, failed.getBatchItemFailures().size());
        int resumeAt = indexOf(all, failed.getBatchItemFailures().get(0).getItemIdentifier());
        assertTrue(deliver(all.subList(resumeAt, all.size())).getBatchItemFailures().isEmpty());
        assertMatchesTruth(10);
    }

    @Test
    void writesGrowWithDistinctItemsNotWithRecordsEvenWhenABatchTouchesHundredsOfItems() {
        acceptedScansInOneHour(2000, 100, 10, new Random(13));
        assertTrue(deliver(stream.records()).getBatchItemFailures().isEmpty());
        // One hour: per hour and day, the tenant, 100 codes, 10 groups, 3 channels, the no-label bucket, each
        // group's no-label bucket; one usage item; the checkpoint.
        long items = 2 * (1 + 100 + 10 + 3 + 1 + 10) + 1;
        assertEquals(items + 1, tap.writes(), "one write per distinct item, and the checkpoint");
        assertMatchesTruth(100);
    }

    @Test
    void aPoisonRecordIsReportedAndSkippedAndTheRestOfTheBatchCounted() {
        Random random = new Random(5);
        mixedFacts(30, 3, random);
        stream.poison("bad-1");
        mixedFacts(30, 3, random);
        List<ShardRecord> decoded = new ArrayList<>();
        stream.records().forEach(r -> StreamFacts.decode(r).ifPresent(decoded::add));
        RollupWriter writer = new RollupWriter(dynamo, table, CLOCK);
        StreamShard shard = new StreamShard(stream.arn, stream.shardId);
        List<ShardRecord.Poison> sent = new ArrayList<>();
        ShardAggregator.Result result = new ShardAggregator(writer, (s, p) -> sent.addAll(p)).aggregate(shard, decoded);
        assertEquals(1, result.poison());
        assertEquals(1, sent.size(), "handed to the failure queue before its chunk committed");
        assertTrue(result.failedFrom().isEmpty(), "poison must not block the shard");
        assertEquals(decoded.get(decoded.size() - 1).sequenceNumber(), writer.checkpoint(shard).orElseThrow());
        assertMatchesTruth(3);
        // Through the handler, a redelivery of the same batch changes nothing and fails nothing.
        assertTrue(deliver(stream.records()).getBatchItemFailures().isEmpty());
        assertMatchesTruth(3);
        assertTrue(failureMessages(stream.arn).isEmpty(), "already counted: not sent again");
    }

    @Test
    void theHandlerSendsAPoisonRecordWithItsContentToTheFailureQueue() throws Exception {
        Random random = new Random(11);
        mixedFacts(10, 2, random);
        stream.poison("bad-2");
        mixedFacts(10, 2, random);
        DynamodbStreamRecord bad = stream.records().stream()
                .filter(r -> r.getDynamodb().getKeys().get("pk").getS().equals("FACT#bad-2")).findFirst().orElseThrow();

        TimeWindowEventResponse response = deliver(stream.records());

        assertTrue(response.getBatchItemFailures().isEmpty(), "the shard goes on");
        assertEquals("1", response.getState().get("poison"));
        assertMatchesTruth(2);
        List<JsonNode> messages = failureMessages(stream.arn);
        assertEquals(1, messages.size(), messages.toString());
        JsonNode m = messages.get(0);
        assertEquals("PoisonRecord", m.get("condition").asText());
        assertTrue(m.get("reason").asText().contains("NumberFormatException"), m.toString());
        JsonNode info = m.get("DDBStreamBatchInfo");
        assertEquals(stream.shardId, info.get("shardId").asText());
        assertEquals(bad.getDynamodb().getSequenceNumber(), info.get("startSequenceNumber").asText());
        assertEquals(bad.getDynamodb().getSequenceNumber(), info.get("endSequenceNumber").asText());
        assertEquals(1, info.get("batchSize").asInt());
        assertEquals("FACT#bad-2", m.at("/record/keys/pk/S").asText());
        assertEquals("soon", m.at("/record/fact/M/at/N").asText());
    }

    @Test
    void outcomesAreDerivedFromTheCodeItemAndStatusChangesWithoutANewFactAreIgnored() {
        Instant at = T0;
        TestFact a1 = TestFact.scan("a1", at, tenant, "codeA", "g1", "web");
        assertEquals("accepted", stream.scan(a1, 2));
        assertEquals("accepted", stream.scan(TestFact.scan("a2", at.plusSeconds(1), tenant, "codeA", "g1", "web"), 2));
        assertEquals("daily_limit",
                stream.scan(TestFact.scan("a3", at.plusSeconds(2), tenant, "codeA", "g1", "web"), 2));
        stream.setStatus("codeA", "revoked");
        assertEquals("revoked", stream.scan(TestFact.scan("a4", at.plusSeconds(3), tenant, "codeA", "g1", "web"), 2));
        assertEquals("accepted", stream.scan(TestFact.scan("b1", at.plusSeconds(4), tenant, "codeB", "g1", null), 5));
        stream.setStatus("codeB", "superseded");
        assertEquals("superseded",
                stream.scan(TestFact.scan("b2", at.plusSeconds(5), tenant, "codeB", "g1", null), 5));
        TestFact expired = TestFact.scan("x1", at.plusSeconds(6), tenant, "codeC", "g1", "web");
        stream.refusal(expired, "expired");
        stream.ttlRemove(expired);
        stream.join(TestFact.scan("j1", at.plusSeconds(7), tenant, "codeA", "g1", "web"));

        assertTrue(deliver(stream.records()).getBatchItemFailures().isEmpty());

        StatsReport codeA = report(Dimension.CODE, "codeA");
        assertEquals(4, codeA.totals().scans());
        assertEquals(2, codeA.totals().accepted());
        assertEquals(Map.of("daily_limit", 1L, "revoked", 1L), codeA.totals().refused());
        assertEquals(1, codeA.totals().joins());
        assertEquals(0.5, codeA.totals().conversionRate());
        StatsReport codeB = report(Dimension.CODE, "codeB");
        assertEquals(Map.of("superseded", 1L), codeB.totals().refused());
        assertEquals(1, codeB.totals().accepted());
        assertEquals(new UsageDelta(3, 1), rollups.usage(UsageKey.of(tenantId, at)));
        assertMatchesTruth(0);
    }

    @Test
    void shardsOfOneStreamKeepTheirOwnCheckpoints() {
        // Two shards of one stream, as a table of two partitions has: their sequence numbers
        // are unrelated, here every number of shard B sorts below every number of shard A.
        FakeStream shardA = stream;
        FakeStream shardB = new FakeStream(stream.arn, "shardId-00000001795680000000-9f8e7d6c", 0,
                stream.truth);
        Random random = new Random(8);
        for (int i = 0; i < 120; i++) {
            // An item's records all travel on one shard: codes 0-4 on A, 5-9 on B.
            int code = random.nextInt(10);
            FakeStream shard = code < 5 ? shardA : shardB;
            TestFact f = TestFact.scan("s" + i, T0.plusSeconds(i * 30L), tenant, "code" + code, "group" + (code % 10),
                    CHANNELS[code % CHANNELS.length]).ip("ip" + random.nextInt(60));
            if (random.nextInt(5) == 0) {
                shard.join(f);
            } else {
                shard.scan(f, 50);
            }
        }
        List<DynamodbStreamRecord> a = shardA.records();
        List<DynamodbStreamRecord> b = shardB.records();
        // The shards are read concurrently: A runs ahead, B's batches arrive after A's checkpoint moved.
        assertTrue(deliver(shardA, a).getBatchItemFailures().isEmpty());
        assertTrue(deliver(shardB, b.subList(0, b.size() / 2)).getBatchItemFailures().isEmpty());
        assertTrue(deliver(shardB, b).getBatchItemFailures().isEmpty());
        assertTrue(deliver(shardA, a.subList(a.size() / 3, a.size())).getBatchItemFailures().isEmpty());
        assertMatchesTruth(10);
    }

    @Test
    void aBatchThatNamesNoShardIsRefusedWholeAndNothingIsWritten() {
        mixedFacts(20, 2, new Random(9));
        DynamodbTimeWindowEvent event = stream.event(stream.records());
        event.setShardId(null);
        tap.updates.set(0);
        TimeWindowEventResponse response = handler.handleRequest(event, null);
        assertEquals(List.of(stream.records().get(0).getDynamodb().getSequenceNumber()),
                response.getBatchItemFailures().stream().map(TimeWindowEventResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        assertNotNull(response.getState());
        assertEquals(0, tap.writes(), "nothing written");
        assertEquals(0, report(Dimension.TENANT, tenant).totals().scans());
    }

    @Test
    void theWindowStateCarriesTotalsAndTheFinalInvocationStartsAFreshOne() {
        mixedFacts(40, 4, new Random(10));
        List<DynamodbStreamRecord> all = stream.records();
        DynamodbTimeWindowEvent first = stream.event(all.subList(0, 25));
        Map<String, String> state = handler.handleRequest(first, null).getState();
        DynamodbTimeWindowEvent second = stream.event(all.subList(15, all.size()));
        second.setState(state);
        state = handler.handleRequest(second, null).getState();
        long decoded = all.stream().filter(r -> StreamFacts.decode(r).isPresent()).count();
        assertEquals("2", state.get("batches"));
        assertEquals(Long.toString(decoded), state.get("counted"));
        assertTrue(Long.parseLong(state.get("alreadyCounted")) > 0, "the overlap was skipped: " + state);

        DynamodbTimeWindowEvent last = stream.event(List.of());
        last.setState(state);
        last.setIsFinalInvokeForWindow(true);
        TimeWindowEventResponse closed = handler.handleRequest(last, null);
        assertTrue(closed.getBatchItemFailures().isEmpty());
        assertEquals("0", closed.getState().get("counted"));
        assertMatchesTruth(4);
    }

    @Test
    void tenThousandScansAndJoinsOverFiftyCodesAndThreeChannelsAddUpExactly() {
        Random random = new Random(6);
        // Within one hour and in one batch (Lambda allows up to 10,000 records): moto spends
        // a good part of a second validating each rollup update, and this keeps the test to
        // about 130 of them.
        mixedFacts(10_000, 50, random, 3_600_000L);
        assertTrue(deliver(stream.records()).getBatchItemFailures().isEmpty());
        assertMatchesTruth(50);
        Truth.Counts tenantTruth = stream.truth.of("TENANT");
        long estimate = report(Dimension.TENANT, tenant).totals().uniqueScanners();
        double error = Math.abs(estimate - tenantTruth.scanners.size()) / (double) tenantTruth.scanners.size();
        assertTrue(error <= 0.02, "unique scanners " + estimate + " vs " + tenantTruth.scanners.size());
        assertEquals(new UsageDelta(stream.truth.scansVerified, stream.truth.joins),
                rollups.usage(UsageKey.of(tenantId, T0)));
        // Tenant-level rows through gsi1, one per channel.
        StatsRange day = new StatsRange(Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"));
        List<StatsRow> rows = Stats.rows(day, rollups.readAll(tenantId, Dimension.CHANNEL, day));
        assertEquals(CHANNELS.length, rows.size());
        for (StatsRow row : rows) {
            Truth.Counts c = stream.truth.of("CHANNEL:" + row.key());
            assertEquals(List.of(c.scans, c.accepted, c.joins), List.of(row.scans(), row.accepted(), row.joins()));
        }
        StatsRange hours = new StatsRange(T0, T0.plusSeconds(3600));
        assertEquals(50, Stats.rows(hours, rollups.readAll(tenantId, Dimension.CODE, hours)).size());
    }

    @Test
    void measuresWritesPerThousandScansOfTwentyCodesInOneHour() {
        acceptedScansInOneHour(1000, 20, 4, new Random(7));
        List<DynamodbStreamRecord> all = stream.records();
        long start = System.nanoTime();
        deliver(all.subList(0, 500));
        deliver(all.subList(500, 1000));
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("records", 1000);
        fields.put("updateItemCalls", tap.updates.get());
        fields.put("transactItems", tap.transactItems.get());
        fields.put("emulatorMillis", millis);
        Log.info("aggregate.measure.writesPer1000Records", fields);
        // Per batch of 500: per hour and day, the tenant, 20 codes, 4 groups, 3 channels, the no-label bucket, each
        // group's no-label bucket; usage; checkpoint.
        assertEquals(2 * (2 * (1 + 20 + 4 + 3 + 1 + 4) + 1 + 1), tap.writes());
        assertMatchesTruth(20);
    }

    // ---- helpers

    /**
     * {@code n} accepted scans spread evenly over the hour from T0, on random codes of
     * {@code codes} (code k in group k mod {@code groups}, channel k mod 3), from about
     * 0.7 n addresses.
     */
    private void acceptedScansInOneHour(int n, int codes, int groups, Random random) {
        for (int i = 0; i < n; i++) {
            int code = random.nextInt(codes);
            stream.scan(TestFact.scan("h" + i, T0.plusMillis(i * 3_600_000L / n), tenant, "code" + code,
                    "group" + (code % groups), CHANNELS[code % 3]).ip("ip" + random.nextInt(n * 7 / 10)), 10_000);
        }
    }

    /** Scans (counted on code items, some over the cap; some refused up front) and joins, in time order. */
    private void mixedFacts(int n, int codes, Random random) {
        mixedFacts(n, codes, random, 7_200_000L);
    }

    /** {@code n} facts spread evenly over {@code spanMillis} from T0. */
    private void mixedFacts(int n, int codes, Random random, long spanMillis) {
        for (int i = 0; i < n; i++) {
            int code = random.nextInt(codes);
            String[] place = PLACES[random.nextInt(PLACES.length)];
            String[] agent = AGENTS[random.nextInt(AGENTS.length)];
            Instant at = T0.plusMillis((long) i * spanMillis / Math.max(n, 1));
            TestFact f = TestFact.scan(stream.arn.hashCode() + "-" + i, at, tenant, "code" + code, "group" + (code % 10),
                            CHANNELS[code % CHANNELS.length])
                    .where(place[0], place[1], place[2]).agent(agent[0], agent[1], agent[2])
                    .ip("ip" + random.nextInt(Math.max(1, n * 6 / 10)));
            int roll = random.nextInt(100);
            if (roll < 15) {
                stream.join(f);
            } else if (roll < 22) {
                stream.refusal(f, random.nextBoolean() ? "expired" : "geo_blocked");
            } else {
                stream.scan(f, Math.max(1, n / codes / 2));
            }
        }
    }

    /**
     * Under AWS faults (docs/faults.md): rollup writes that fail — throttled, a 500, timed
     * out, the connection dropped — fail the batch from its first unwritten item; Lambda's
     * redelivery counts every fact exactly once.
     */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"THROUGHPUT_EXCEEDED", "THROTTLING", "ERROR_500", "TIMEOUT", "RESET"})
    void aBatchWhoseRollupWritesFailIsRetriedAndCountsEachFactOnce(Kind kind) {
        mixedFacts(60, 5, new Random(21));
        List<DynamodbStreamRecord> all = stream.records();
        try (FunctionFaults faults = FunctionFaults.of("AggregateFunction")) {
            // A few items are written, then every write fails.
            faults.inject(faults.on("dynamodb", "UpdateItem", kind).skip(4).always());
            TimeWindowEventResponse failed = faulted().handleRequest(stream.event(all), null);
            assertFalse(failed.getBatchItemFailures().isEmpty(), "the batch reports its unwritten records");
        }
        assertTrue(deliver(all).getBatchItemFailures().isEmpty());
        assertMatchesTruth(5);
    }

    /** A rollup write whose answer is lost is sent again by the SDK; its version condition keeps it counted once. */
    @Test
    void rollupWritesWhoseAnswersAreLostCountOnce() {
        mixedFacts(60, 5, new Random(22));
        TimeWindowEventResponse first;
        try (FunctionFaults faults = FunctionFaults.of("AggregateFunction")) {
            faults.inject(faults.on("dynamodb", "UpdateItem", Kind.RESET).afterApplying().times(6));
            first = faulted().handleRequest(stream.event(stream.records()), null);
        }
        if (!first.getBatchItemFailures().isEmpty()) {
            // An item whose every attempt lost its answer: Lambda redelivers from there.
            assertTrue(deliver(stream.records()).getBatchItemFailures().isEmpty());
        }
        assertMatchesTruth(5);
    }

    /**
     * BatchGetItem returning keys unprocessed (DynamoDB does under load, with no error): read
     * again until done; when they stay unprocessed, the batch fails rather than write from a
     * partial read, and its redelivery counts once.
     */
    @Test
    void unprocessedKeysAreReadAgainAndNeverTakenAsAbsent() {
        mixedFacts(60, 5, new Random(23));
        List<DynamodbStreamRecord> all = stream.records();
        assertTrue(deliver(all.subList(0, 30)).getBatchItemFailures().isEmpty());
        try (FunctionFaults faults = FunctionFaults.of("AggregateFunction")) {
            faults.inject(faults.on("dynamodb", "BatchGetItem", Kind.UNPROCESSED).keep(3).times(3));
            assertTrue(faulted().handleRequest(stream.event(all.subList(20, 45)), null).getBatchItemFailures().isEmpty());
            faults.inject(faults.on("dynamodb", "BatchGetItem", Kind.UNPROCESSED).keep(1).always());
            assertFalse(faulted().handleRequest(stream.event(all.subList(40, all.size())), null)
                    .getBatchItemFailures().isEmpty());
        }
        assertTrue(deliver(all.subList(40, all.size())).getBatchItemFailures().isEmpty());
        assertMatchesTruth(5);
    }

    /** The aggregate function as deployed, with short SDK timeouts, under its own role. */
    private static AggregateHandler faulted() {
        return new AggregateHandler(Emulator.AWS.wiring("AggregateFunction", CLOCK, FunctionFaults.SHORT_TIMEOUTS));
    }

    private TimeWindowEventResponse deliver(List<DynamodbStreamRecord> records) {
        return deliver(stream, records);
    }

    private TimeWindowEventResponse deliver(FakeStream shard, List<DynamodbStreamRecord> records) {
        TimeWindowEventResponse response = handler.handleRequest(shard.event(records), null);
        assertNotNull(response.getState(), "Lambda fails a tumbling-window invocation that returns no state");
        return response;
    }

    /** The failure queue's messages about {@code streamArn}, left for other tests to read too. */
    private List<JsonNode> failureMessages(String streamArn) {
        List<JsonNode> found = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int round = 0; round < 5; round++) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(failureQueue).maxNumberOfMessages(10)
                    .visibilityTimeout(0)).messages()) {
                JsonNode body;
                try {
                    body = Json.MAPPER.readTree(m.body());
                } catch (java.io.IOException e) {
                    continue;
                }
                if (streamArn.equals(body.at("/DDBStreamBatchInfo/streamArn").asText()) && seen.add(m.messageId())) {
                    found.add(body);
                }
            }
        }
        return found;
    }

    private static int indexOf(List<DynamodbStreamRecord> all, String sequenceNumber) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).getDynamodb().getSequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        throw new AssertionError("no record " + sequenceNumber);
    }

    private StatsReport report(Dimension dimension, String id) {
        StatsQuery q = StatsQuery.parse("2026-11-25T00:00:00Z", "2026-11-28T00:00:00Z", "hour", "UTC", ZoneOffset.UTC);
        return Stats.report(q, rollups.read(tenantId, dimension, id, q));
    }

    /** Tenant, every code and group, every channel: totals and breakdowns equal the truth. */
    private void assertMatchesTruth(int codes) {
        assertCounts(stream.truth.of("TENANT"), Dimension.TENANT, tenant);
        for (int c = 0; c < codes; c++) {
            assertCounts(stream.truth.of("CODE:code" + c), Dimension.CODE, "code" + c);
        }
        for (int g = 0; g < Math.min(codes, 10); g++) {
            assertCounts(stream.truth.of("GROUP:group" + g), Dimension.GROUP, "group" + g);
        }
        for (String channel : CHANNELS) {
            assertCounts(stream.truth.of("CHANNEL:" + channel), Dimension.CHANNEL, channel);
        }
    }

    private void assertCounts(Truth.Counts expected, Dimension dimension, String id) {
        StatsReport r = report(dimension, id);
        String what = dimension + " " + id;
        assertEquals(expected.scans, r.totals().scans(), what + " scans");
        assertEquals(expected.accepted, r.totals().accepted(), what + " accepted");
        assertEquals(expected.joins, r.totals().joins(), what + " joins");
        assertEquals(expected.refused, new TreeMap<>(r.totals().refused()), what + " refused");
        Breakdown b = r.breakdown();
        assertEquals(expected.byCountry, new TreeMap<>(b.counts(Breakdown.By.COUNTRY)), what + " byCountry");
        assertEquals(expected.byRegion, new TreeMap<>(b.counts(Breakdown.By.REGION)), what + " byRegion");
        assertEquals(expected.byCity, new TreeMap<>(b.counts(Breakdown.By.CITY)), what + " byCity");
        assertEquals(expected.byDevice, new TreeMap<>(b.counts(Breakdown.By.DEVICE)), what + " byDevice");
        assertEquals(expected.byOs, new TreeMap<>(b.counts(Breakdown.By.OS)), what + " byOs");
        assertEquals(expected.byApp, new TreeMap<>(b.counts(Breakdown.By.APP)), what + " byApp");
        Map<String, Long> hours = new TreeMap<>();
        b.counts(Breakdown.By.HOUR_OF_DAY).forEach((h, n) -> {
            if (n > 0) {
                hours.put(h, n);
            }
        });
        assertEquals(expected.byHourOfDay, hours, what + " byHourOfDay");
    }
}
