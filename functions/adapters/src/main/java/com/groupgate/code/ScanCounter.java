package com.groupgate.code;

import static com.groupgate.aws.Attr.n;

import com.groupgate.aws.Attr;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(u -> u.tableName(table)
                    .key(CodeTable.key(code.tenantId(), code.codeId()))
                    .updateExpression("SET #daily.#day = if_not_exists(#daily.#day, :zero) + :one, #fact = :fact")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#daily", "daily", "#day", dayKey, "#fact", "fact"))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":fact", Attr.map(fact)))
                    .returnValues("ALL_NEW")).attributes();
            return Optional.of(new Counted(Attr.str(after, "status"), CodeTable.scansOn(after, dayKey)));
        } catch (ConditionalCheckFailedException gone) {
            return Optional.empty();
        }
    }
}
