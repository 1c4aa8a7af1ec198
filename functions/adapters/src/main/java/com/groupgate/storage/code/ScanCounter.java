package com.groupgate.storage.code;

import static com.groupgate.aws.Attr.n;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import com.groupgate.aws.StaleDays;
import com.groupgate.code.CodeStatus;
import com.groupgate.code.GroupCode;
import com.groupgate.fact.FactCodec;
import com.groupgate.storage.MainTableKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The one write of a scan of a real, unexpired, geo-allowed code: a single UpdateItem on the
 * code's counter item ({@link CodeTable#counterKey}) that increments the day's counter and
 * sets {@code fact} to this scan's fact:
 *
 * <pre>SET daily.#day = if_not_exists(daily.#day, :0) + :1, fact = :fact [REMOVE daily.#old…]   (ALL_NEW)</pre>
 *
 * <p>The scan is accepted iff the code is active and the counter after the increment is
 * at most the cap. Increments are atomic, so exactly {@code cap} scans see a value
 * {@code <= cap} however many run at once, and every outcome — accepted, daily_limit,
 * revoked, superseded — costs this one write and reaches the stream with the item's new
 * image, from which the aggregate reads the same outcome ({@link RecordedFact#decide}).
 *
 * <p>One write unit: DynamoDB bills an update by the larger of the item's sizes before and
 * after, in 1 KB units. The counter holds only the status, the days' counters and one fact
 * (the code's settings and display text live on the code item, which scans never write),
 * and days older than yesterday are removed by the next write that sees them (this
 * container remembers what the previous write returned), so it stays under 1 KB.
 */
public final class ScanCounter {
    /**
     * The item exists and does not already carry this scan's fact: a retry of a write
     * that succeeded (a timeout on the way back) must not count the scan twice.
     */
    static final String NOT_YET_COUNTED = "attribute_exists(pk) AND (attribute_not_exists(#fact) OR #fact.#id <> :factId)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final StaleDays staleDays = new StaleDays();

    public ScanCounter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The code's status and today's count after this scan, as the write left them. */
    public record Counted(CodeStatus status, long countToday) {
    }

    /** Counts a scan on {@code dayKey}; empty when the code's counter no longer exists. */
    public Optional<Counted> count(GroupCode code, String dayKey, RecordedFact fact) {
        Map<String, AttributeValue> key = MainTableKeys.codeCounter(code.tenantId(), code.codeId());
        String itemId = key.get("pk").s();
        Map<String, String> names = new HashMap<>(Map.of("#daily", "daily", "#day", dayKey, "#fact", "fact", "#id", "id"));
        StringBuilder update = new StringBuilder("SET #daily.#day = if_not_exists(#daily.#day, :zero) + :one, #fact = :fact");
        staleDays.appendRemovals(itemId, "#daily", dayKey, update, names);
        AttributeValue factId = AttributeValue.fromS(fact.factId());
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(u -> u.tableName(table).key(key)
                    .updateExpression(update.toString())
                    .conditionExpression(NOT_YET_COUNTED)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1),
                            ":fact", Attr.map(FactCodec.encode(fact)), ":factId", factId))
                    .returnValues("ALL_NEW")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            staleDays.remember(itemId, Attr.mapOf(after, "daily"), dayKey);
            return Optional.of(new Counted(CodeTable.status(after), CodeTable.counts(after).getOrDefault(dayKey, 0L)));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> before = e.hasItem() ? e.item() : Map.of();
            if (factId.equals(Attr.mapOf(before, "fact").get("id"))) {
                // The SDK retried a write that had already counted this scan: count it once.
                return Optional.of(new Counted(CodeTable.status(before),
                        CodeTable.counts(before).getOrDefault(dayKey, 0L)));
            }
            return Optional.empty();
        }
    }
}
