package com.groupgate.auditlog;

import static com.groupgate.aws.Attr.s;

import com.groupgate.audit.Subtree;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every key of the audit table, built here only. One partition per log,
 * {@code LOG#<logId>}; in it the head ({@code HEAD}: the size), the entries
 * ({@code E#<index>}), the perfect-subtree hashes ({@code H#<level>#<index>}) and the signed
 * checkpoints ({@code C#<size>}). Numbers are zero-padded to 16 digits (the log holds at
 * most 2^53 - 1 leaves) so that sort-key order is numeric order.
 */
public final class AuditKeys {
    static final String HEAD = "HEAD";
    static final String ENTRY_PREFIX = "E#";
    static final String HASH_PREFIX = "H#";
    static final String CHECKPOINT_PREFIX = "C#";

    private AuditKeys() {
    }

    static String pk(String logId) {
        return "LOG#" + logId;
    }

    static Map<String, AttributeValue> head(String logId) {
        return key(logId, HEAD);
    }

    static String entrySk(long index) {
        return ENTRY_PREFIX + pad(index);
    }

    static Map<String, AttributeValue> entry(String logId, long index) {
        return key(logId, entrySk(index));
    }

    static Map<String, AttributeValue> hash(String logId, Subtree subtree) {
        return hash(logId, subtree.level(), subtree.index());
    }

    static Map<String, AttributeValue> hash(String logId, int level, long index) {
        return key(logId, HASH_PREFIX + String.format("%02d", level) + "#" + pad(index));
    }

    static String checkpointSk(long size) {
        return CHECKPOINT_PREFIX + pad(size);
    }

    static Map<String, AttributeValue> checkpoint(String logId, long size) {
        return key(logId, checkpointSk(size));
    }

    private static Map<String, AttributeValue> key(String logId, String sk) {
        return Map.of("pk", s(pk(logId)), "sk", s(sk));
    }

    private static String pad(long n) {
        return String.format("%016d", n);
    }
}
