package com.groupgate.testkit;

import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Records the key of every MainTable item a function's clients wrote (PutItem, UpdateItem,
 * and the puts and updates of TransactWriteItems and BatchWriteItem that DynamoDB
 * accepted), with the item's gsi1pk when the write names one: {@code pk, sk, gsi1pk} a
 * line, written at the JVM's exit to {@code target/main-table-keys/<pid>.tsv} of the module
 * under test. MainTableKeysIT (functions/permissions) parses every line back with
 * MainTableKeys after the whole suite has run.
 */
final class MainTableWrites {
    private static final ExitRecords RECORDED = new ExitRecords("main-table-keys");

    private final String table;

    MainTableWrites(String mainTable) {
        this.table = mainTable;
        RECORDED.start();
    }

    /** Records what {@code request}, answered without error, wrote to MainTable. */
    void answered(SdkRequest request) {
        if (request instanceof PutItemRequest p && table.equals(p.tableName())) {
            add(p.item());
        } else if (request instanceof UpdateItemRequest u && table.equals(u.tableName())) {
            add(u.key());
        } else if (request instanceof TransactWriteItemsRequest t) {
            t.transactItems().forEach(i -> {
                if (i.put() != null && table.equals(i.put().tableName())) {
                    add(i.put().item());
                } else if (i.update() != null && table.equals(i.update().tableName())) {
                    add(i.update().key());
                }
            });
        } else if (request instanceof BatchWriteItemRequest b && b.requestItems().containsKey(table)) {
            b.requestItems().get(table).forEach(w -> {
                if (w.putRequest() != null) {
                    add(w.putRequest().item());
                }
            });
        }
    }

    private static void add(Map<String, AttributeValue> item) {
        AttributeValue gsi = item.get("gsi1pk");
        RECORDED.add(item.get("pk").s() + "\t" + item.get("sk").s() + "\t" + (gsi == null ? "" : gsi.s()));
    }
}
