package com.groupgate.auditlog;

import static com.groupgate.aws.Attr.b;
import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.audit.Append;
import com.groupgate.audit.AuditEntry;
import com.groupgate.audit.Hash;
import com.groupgate.audit.Subtree;
import com.groupgate.audit.SubtreeHash;
import com.groupgate.audit.SubtreeHashes;
import com.groupgate.aws.Attr;
import com.groupgate.aws.BatchReads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A tenant's audit log in the audit table (keys in {@link AuditKeys}): what an append reads
 * and writes, the entries a page at a time, and the stored perfect-subtree hashes proofs are
 * assembled from.
 *
 * <p>An append reads the head (the size, strongly consistent) and, in one batch, the left
 * siblings {@link Append#siblingsToRead} names, then writes in one transaction with the
 * change: the entry (new), the subtree hashes the leaf completes (one plus one per trailing
 * zero bit of the new size: two on average) and the head, conditioned on the size it read.
 * Two appends that read the same size cannot both land; the loser reads again.
 */
public final class AuditLogTable {
    static final String SIZE = "treeSize";
    /** The head's mark for the sparse index of logs grown since their last checkpoint. */
    static final String GROWN_VALUE = "1";

    private final DynamoDbClient dynamo;
    private final String table;

    public AuditLogTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The writes that append one entry: the entry, its completed subtrees, and the head last. */
    record Appending(AuditEntry entry, List<TransactWriteItem> writes) {
    }

    /** Reads the head and the siblings, and builds the append of {@code change} at {@code at}. */
    Appending prepare(AuditTrail.Change change, Instant at) {
        long size = size(change.logId());
        AuditEntry entry = new AuditEntry(size, AuditEntry.atMillis(at), change.actor(), change.action(),
                change.target(), change.summary());
        byte[] leafInput = entry.leafInput();
        Append append = Append.of(siblings(change.logId(), size), size, leafInput);
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> item = new HashMap<>(AuditKeys.entry(change.logId(), size));
        item.put("leafInput", b(leafInput));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (SubtreeHash completed : append.completed()) {
            Map<String, AttributeValue> hash = new HashMap<>(AuditKeys.hash(change.logId(), completed.subtree()));
            hash.put("hash", b(completed.hash().toBytes()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(hash).build()).build());
        }
        Update.Builder head = Update.builder().tableName(table).key(AuditKeys.head(change.logId()))
                .updateExpression("SET #size = :next, #grown = :grown")
                .expressionAttributeNames(Map.of("#size", SIZE, "#grown", CheckpointTable.GROWN));
        if (size == 0) {
            head.conditionExpression("attribute_not_exists(pk)")
                    .expressionAttributeValues(Map.of(":next", n(1), ":grown", s(GROWN_VALUE)));
        } else {
            head.conditionExpression("#size = :read")
                    .expressionAttributeValues(Map.of(":next", n(size + 1), ":read", n(size), ":grown", s(GROWN_VALUE)));
        }
        writes.add(TransactWriteItem.builder().update(head.build()).build());
        return new Appending(entry, writes);
    }

    /** How many entries the log holds (0 for a log never written). */
    public long size(String logId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(AuditKeys.head(logId))).item();
        return item == null || item.isEmpty() ? 0 : Attr.num(item, SIZE, 0);
    }

    /** The stored subtrees an append at {@code size} reads, fetched in one batch. */
    private SubtreeHashes siblings(String logId, long size) {
        List<Subtree> reads = Append.siblingsToRead(size);
        Map<String, Hash> found = new HashMap<>();
        if (!reads.isEmpty()) {
            List<Map<String, AttributeValue>> keys = reads.stream().map(r -> AuditKeys.hash(logId, r)).toList();
            for (Map<String, AttributeValue> item : BatchReads.getAll(dynamo, table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build())) {
                found.put(item.get("sk").s(), Hash.of(Attr.bytes(item, "hash")));
            }
        }
        return (level, index) -> {
            Hash hash = found.get(AuditKeys.hash(logId, level, index).get("sk").s());
            if (hash == null) {
                throw new IllegalStateException("audit log " + logId + " lacks subtree " + level + "/" + index);
            }
            return hash;
        };
    }

    /**
     * The stored hashes of {@code logId}, read one item at a time as a proof asks for them
     * (strongly consistent; each asked once per instance).
     */
    public SubtreeHashes storedHashes(String logId) {
        Map<String, Hash> cache = new HashMap<>();
        return (level, index) -> cache.computeIfAbsent(level + "/" + index, k -> {
            Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(AuditKeys.hash(logId, level, index))).item();
            if (item == null || item.isEmpty()) {
                throw new IllegalStateException("audit log " + logId + " lacks subtree " + level + "/" + index);
            }
            return Hash.of(Attr.bytes(item, "hash"));
        });
    }

    /** A page of entries from {@code from} on, oldest first, and the index to ask for next (or -1). */
    public record Page(List<StoredEntry> entries, long next) {
    }

    /**
     * An entry as stored: its place (from its key), the exact bytes hashed, and the entry
     * they spell — null when the stored bytes are no canonical entry (an item altered by
     * hand), which is listed as it is so a verifier can name it.
     */
    public record StoredEntry(long index, byte[] leafInput, AuditEntry entry) {
    }

    /**
     * Every stored leaf hash (level 0 of the subtree hashes) by index: what the signed roots
     * were computed from, so an export can show which entry no longer hashes to its leaf.
     */
    public Map<Long, Hash> leafHashes(String logId) {
        Map<Long, Hash> out = new HashMap<>();
        String prefix = AuditKeys.hash(logId, 0, 0).get("sk").s().substring(0, AuditKeys.HASH_PREFIX.length() + 3);
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(Map.of(":pk", s(AuditKeys.pk(logId)), ":p", s(prefix)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                out.put(Long.parseLong(item.get("sk").s().substring(prefix.length())), Hash.of(Attr.bytes(item, "hash")));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** Every entry of the log, oldest first (the export). */
    public List<StoredEntry> allEntries(String logId) {
        List<StoredEntry> out = new ArrayList<>();
        long from = 0;
        do {
            Page page = entries(logId, from, 1000);
            out.addAll(page.entries());
            from = page.next();
        } while (from >= 0);
        return out;
    }

    public Page entries(String logId, long from, int limit) {
        QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :last")
                .expressionAttributeValues(Map.of(":pk", s(AuditKeys.pk(logId)),
                        ":from", s(AuditKeys.entrySk(from)), ":last", s(AuditKeys.ENTRY_PREFIX + "9999999999999999")))
                .limit(limit + 1));
        List<StoredEntry> entries = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            byte[] leafInput = Attr.bytes(item, "leafInput");
            long index = Long.parseLong(item.get("sk").s().substring(AuditKeys.ENTRY_PREFIX.length()));
            AuditEntry entry;
            try {
                entry = AuditEntry.fromLeafInput(leafInput);
            } catch (IllegalArgumentException notCanonical) {
                entry = null;
            }
            entries.add(new StoredEntry(index, leafInput, entry));
        }
        long next = -1;
        if (entries.size() > limit) {
            next = entries.get(limit).index();
            entries = entries.subList(0, limit);
        }
        return new Page(List.copyOf(entries), next);
    }
}
