package com.groupgate.code;

import static com.groupgate.aws.Attr.n;

import com.groupgate.aws.Attr;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The one write of a scan of a real, unexpired, geo-allowed code. A single UpdateItem on
 * the code item increments the day's counter and sets {@code fact} to this scan's fact:
 *
 * <pre>SET daily.#day = if_not_exists(daily.#day, :0) + :1, fact = :fact   (ALL_NEW)</pre>
 *
 * <p>The scan is accepted iff the code is active and the counter after the increment is
 * at most the cap. Increments are atomic, so exactly {@code cap} scans see a value
 * {@code <= cap} however many run at once, and every outcome — accepted, daily_limit,
 * revoked, superseded — costs this one write and reaches the stream with the item's new
 * image, from which the aggregate function reads the same outcome (see
 * {@code FactOutcome}).
 */
public final class ScanCounter {
    /**
     * The item exists and does not already carry this scan's fact: a retry of a write
     * that succeeded (a timeout on the way back) must not count the scan twice.
     */
    static final String NOT_YET_COUNTED = "attribute_exists(pk) AND (attribute_not_exists(#fact) OR #fact.#id <> :factId)";

    private final DynamoDbClient dynamo;
    private final String table;

    public ScanCounter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The code's status and today's count after this scan, as the write left them. */
    public record Counted(String status, long countToday) {
    }

    /** Counts a scan; empty when the code item no longer exists. */
    public Optional<Counted> count(GroupCode code, String dayKey, Map<String, AttributeValue> fact) {
        AttributeValue factId = fact.get("id");
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(u -> u.tableName(table)
                    .key(CodeTable.key(code.tenantId(), code.codeId()))
                    .updateExpression("SET #daily.#day = if_not_exists(#daily.#day, :zero) + :one, #fact = :fact")
                    .conditionExpression(NOT_YET_COUNTED)
                    .expressionAttributeNames(Map.of("#daily", "daily", "#day", dayKey, "#fact", "fact", "#id", "id"))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":fact", Attr.map(fact),
                            ":factId", factId))
                    .returnValues("ALL_NEW")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return Optional.of(new Counted(Attr.str(after, "status"), CodeTable.scansOn(after, dayKey)));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> before = e.hasItem() ? e.item() : Map.of();
            if (factId.equals(Attr.mapOf(before, "fact").get("id"))) {
                // The SDK retried a write that had already counted this scan: count it once.
                return Optional.of(new Counted(Attr.str(before, "status"), CodeTable.scansOn(before, dayKey)));
            }
            return Optional.empty();
        }
    }
}
