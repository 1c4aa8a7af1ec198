package com.groupgate.auditlog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The codes API's DynamoDB client: when a request has named its change ({@link AuditTrail}),
 * its next write — PutItem, UpdateItem, DeleteItem or TransactWriteItems, whichever the
 * adapter makes — goes out as one TransactWriteItems together with the change's log entry,
 * the subtree hashes it completes and the log's head. So a change never lands without its
 * entry, and a change that fails leaves none, without any adapter knowing about the log.
 *
 * <p>The caller sees what its own call would have answered: a single write's failed
 * condition is its {@link ConditionalCheckFailedException} (with the item, when asked for),
 * a transaction's cancellation carries only its own items' reasons, in its own order, and
 * an {@code ALL_NEW} update answers the item as written (read back, strongly consistent).
 * When only the log's own conditions failed, another append took the index: the append is
 * prepared again from a fresh read, up to {@value #HEAD_ROUNDS} times, then the request is
 * answered busy (a TransactionConflict, 503), having written nothing.
 *
 * <p>Writes with no change named, and every read, pass straight through.
 */
public final class AuditedDynamoDb implements DynamoDbClient {
    static final int HEAD_ROUNDS = 12;
    private static final long BACKOFF_MILLIS = 10;

    private final DynamoDbClient dynamo;
    private final AuditLogTable log;
    private final AuditTrail trail;
    private final Clock clock;

    public AuditedDynamoDb(DynamoDbClient dynamo, AuditLogTable log, AuditTrail trail, Clock clock) {
        this.dynamo = dynamo;
        this.log = log;
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest r) {
        AuditTrail.Change change = trail.pending();
        if (change == null) {
            return dynamo.putItem(r);
        }
        if (r.returnValues() != null && r.returnValues() != ReturnValue.NONE) {
            throw new IllegalStateException("an audited PutItem cannot return " + r.returnValues());
        }
        write(change, List.of(TransactWriteItem.builder().put(Put.builder().tableName(r.tableName()).item(r.item())
                .conditionExpression(r.conditionExpression())
                .expressionAttributeNames(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null)
                .expressionAttributeValues(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null)
                .returnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailureAsString())
                .build()).build()), true);
        return PutItemResponse.builder().build();
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest r) {
        AuditTrail.Change change = trail.pending();
        if (change == null) {
            return dynamo.updateItem(r);
        }
        ReturnValue returns = r.returnValues() == null ? ReturnValue.NONE : r.returnValues();
        if (returns != ReturnValue.NONE && returns != ReturnValue.ALL_NEW) {
            throw new IllegalStateException("an audited UpdateItem cannot return " + returns);
        }
        write(change, List.of(TransactWriteItem.builder().update(Update.builder().tableName(r.tableName()).key(r.key())
                .updateExpression(r.updateExpression())
                .conditionExpression(r.conditionExpression())
                .expressionAttributeNames(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null)
                .expressionAttributeValues(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null)
                .returnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailureAsString())
                .build()).build()), true);
        if (returns == ReturnValue.NONE) {
            return UpdateItemResponse.builder().build();
        }
        Map<String, AttributeValue> after = dynamo.getItem(g -> g.tableName(r.tableName()).key(r.key())
                .consistentRead(true)).item();
        return UpdateItemResponse.builder().attributes(after).build();
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest r) {
        AuditTrail.Change change = trail.pending();
        if (change == null) {
            return dynamo.deleteItem(r);
        }
        if (r.returnValues() != null && r.returnValues() != ReturnValue.NONE) {
            throw new IllegalStateException("an audited DeleteItem cannot return " + r.returnValues());
        }
        write(change, List.of(TransactWriteItem.builder().delete(Delete.builder().tableName(r.tableName()).key(r.key())
                .conditionExpression(r.conditionExpression())
                .expressionAttributeNames(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null)
                .expressionAttributeValues(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null)
                .returnValuesOnConditionCheckFailure(r.returnValuesOnConditionCheckFailureAsString())
                .build()).build()), true);
        return DeleteItemResponse.builder().build();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest r) {
        AuditTrail.Change change = trail.pending();
        if (change == null) {
            return dynamo.transactWriteItems(r);
        }
        write(change, r.transactItems(), false);
        return TransactWriteItemsResponse.builder().build();
    }

    /** Appends the request's named change as an entry alone (a change of many writes logs itself first). */
    public void appendPending() {
        AuditTrail.Change change = trail.pending();
        if (change == null) {
            throw new IllegalStateException("no change named to append");
        }
        write(change, List.of(), false);
    }

    /**
     * {@code own} and the append of {@code change}, in one transaction. The idempotency token
     * is new for each prepared append (the SDK's own retries of it reuse it).
     */
    private void write(AuditTrail.Change change, List<TransactWriteItem> own, boolean single) {
        for (int round = 1; ; round++) {
            AuditLogTable.Appending append = log.prepare(change, clock.instant());
            List<TransactWriteItem> all = new ArrayList<>(own);
            all.addAll(append.writes());
            try {
                dynamo.transactWriteItems(t -> t.transactItems(all).clientRequestToken(UUID.randomUUID().toString()));
                trail.appended();
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                boolean ownFailed = reasons.isEmpty() || reasons.subList(0, Math.min(own.size(), reasons.size()))
                        .stream().anyMatch(AuditedDynamoDb::failed);
                // The entry's and the head's conditions both guard the index: either failing means
                // another append took it (DynamoDB reports every item's reason; moto only the first).
                boolean indexTaken = reasons.subList(Math.min(own.size(), reasons.size()), reasons.size()).stream()
                        .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
                if (ownFailed || !indexTaken) {
                    throw asOwn(e, reasons, own.size(), single);
                }
                if (round < HEAD_ROUNDS) {
                    pause(round);
                    continue;
                }
                throw TransactionCanceledException.builder()
                        .message("audit log " + change.logId() + ": index " + append.entry().index()
                                + " taken on every round")
                        .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build())
                        .build();
            }
        }
    }

    /** Full jitter, 10 ms doubling to at most 320 ms, so appends racing for one log spread out. */
    private static void pause(int round) {
        long cap = BACKOFF_MILLIS << Math.min(round, 5);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending to the audit log", e);
        }
    }

    private static boolean failed(CancellationReason reason) {
        return reason.code() != null && !"None".equals(reason.code());
    }

    /** The failure the caller's own write would have met. */
    private static RuntimeException asOwn(TransactionCanceledException e, List<CancellationReason> reasons, int own,
                                          boolean single) {
        List<CancellationReason> mine = reasons.subList(0, Math.min(own, reasons.size()));
        if (single && mine.size() == 1 && "ConditionalCheckFailed".equals(mine.get(0).code())) {
            return ConditionalCheckFailedException.builder().message(mine.get(0).message())
                    .item(mine.get(0).hasItem() ? mine.get(0).item() : null)
                    .awsErrorDetails(e.awsErrorDetails()).statusCode(400).build();
        }
        return TransactionCanceledException.builder().message(e.getMessage()).awsErrorDetails(e.awsErrorDetails())
                .statusCode(e.statusCode()).cancellationReasons(mine).build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest r) {
        return dynamo.getItem(r);
    }

    @Override
    public QueryResponse query(QueryRequest r) {
        return dynamo.query(r);
    }

    @Override
    public ScanResponse scan(ScanRequest r) {
        return dynamo.scan(r);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest r) {
        return dynamo.batchGetItem(r);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest r) {
        if (trail.pending() != null) {
            throw new IllegalStateException("a batch write cannot carry an audit entry; write the change transactionally");
        }
        return dynamo.batchWriteItem(r);
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest r) {
        return dynamo.transactGetItems(r);
    }

    @Override
    public String serviceName() {
        return dynamo.serviceName();
    }

    @Override
    public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
        return dynamo.serviceClientConfiguration();
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
