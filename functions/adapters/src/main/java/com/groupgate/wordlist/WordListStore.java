package com.groupgate.wordlist;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.fasterxml.jackson.core.type.TypeReference;
import com.groupgate.aws.Attr;
import com.groupgate.http.Json;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.image.ImageBucket;
import com.groupgate.storage.MainTableKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Blocked-word lists: the operator's one and each tenant's own. A list of up to 100,000
 * words does not fit a DynamoDB item (400 KB), so its words live in the private bucket as
 * one immutable JSON object per version ({@code words/operator/<version>.json},
 * {@code words/tenants/<tenant>/<version>.json}), and a small pointer item names the
 * current version ({@code WORDS / OPERATOR}, {@code T#<tenant> / WORDS}). A container
 * learns of a change by reading the pointer (one GetItem), and fetches the words only when
 * the version moved.
 *
 * <p>A change is three small steps, each its own method so that the pointer's write can
 * join a transaction: {@link #store} the new version's object, {@link #point} the pointer
 * at it, then {@link #discard} the version it replaced. A reader that read the old pointer
 * just before may find that object gone; it reads the pointer again.
 */
public final class WordListStore {
    /** Everything under this prefix of the bucket is a word list (template.yaml grants it). */
    public static final String PREFIX = "words/";

    /** Whose list: the operator's, or one tenant's. */
    public record Owner(TenantId tenantId) {
        public static final Owner OPERATOR = new Owner(null);

        public static Owner tenant(TenantId tenantId) {
            return new Owner(java.util.Objects.requireNonNull(tenantId, "tenantId"));
        }

        boolean operator() {
            return tenantId == null;
        }
    }

    /** A list's words, as given: blocked words and the allowed words that excuse them. */
    public record Words(List<String> words, List<String> allowed) {
        public static final Words NONE = new Words(List.of(), List.of());
    }

    /** The current version of a list: its id, how many words, and when it was set. */
    public record Version(String version, int words, int allowed, Instant updatedAt) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final ImageBucket bucket;

    public WordListStore(DynamoDbClient dynamo, String table, ImageBucket bucket) {
        this.dynamo = dynamo;
        this.table = table;
        this.bucket = bucket;
    }

    /** The list's current version, or empty when it was never set. One GetItem. */
    public Optional<Version> current(Owner owner) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(pointerKey(owner))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || Attr.str(item, "version") == null) {
            return Optional.empty();
        }
        return Optional.of(new Version(Attr.str(item, "version"), (int) Attr.num(item, "words", 0),
                (int) Attr.num(item, "allowed", 0), Instant.ofEpochMilli(Attr.num(item, "updatedAt", 0))));
    }

    /** The words of {@code version}; empty when that object is gone (replaced since the pointer was read). */
    public Optional<Words> load(Owner owner, String version) {
        byte[] json;
        try {
            json = bucket.get(objectKey(owner, version));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return Optional.empty();
        }
        try {
            Map<String, List<String>> read = Json.MAPPER.readValue(json, new TypeReference<>() { });
            return Optional.of(new Words(read.getOrDefault("words", List.of()), read.getOrDefault("allowed", List.of())));
        } catch (IOException e) {
            throw new UncheckedIOException("word list " + version + " is not readable", e);
        }
    }

    /** Stores {@code words} as a new version nothing points at yet; returns its id. */
    public String store(Owner owner, Words words) {
        String version = Id.random().toString();
        byte[] json = Json.write(Map.of("words", words.words(), "allowed", words.allowed()))
                .getBytes(StandardCharsets.UTF_8);
        bucket.putPrivate(objectKey(owner, version), json, "application/json");
        return version;
    }

    /**
     * Points the list at {@code version}; returns the version it replaced, if any. The one
     * write a list change makes to the table.
     */
    public Optional<String> point(Owner owner, String version, Words words, Instant now) {
        // Read, then write on the condition that nothing moved meanwhile: the version replaced
        // is known exactly, and the write returns nothing (so it can carry an audit entry).
        for (int round = 0; ; round++) {
            Map<String, AttributeValue> current = dynamo.getItem(g -> g.tableName(table).key(pointerKey(owner))
                    .consistentRead(true)).item();
            String old = current == null ? null : Attr.str(current, "version");
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":v", s(version), ":w", n(words.words().size()),
                    ":a", n(words.allowed().size()), ":u", n(now.toEpochMilli())));
            if (old != null) {
                values.put(":old", s(old));
            }
            try {
                dynamo.updateItem(u -> u.tableName(table).key(pointerKey(owner))
                        .updateExpression("SET #v = :v, #w = :w, #a = :a, #u = :u")
                        .conditionExpression(old == null ? "attribute_not_exists(#v)" : "#v = :old")
                        .expressionAttributeNames(Map.of("#v", "version", "#w", "words", "#a", "allowed",
                                "#u", "updatedAt"))
                        .expressionAttributeValues(values));
                return Optional.ofNullable(old);
            } catch (ConditionalCheckFailedException moved) {
                if (round >= 4) {
                    throw moved;
                }
            }
        }
    }

    /** Deletes a version's object (one no pointer names any more, or one whose pointer write failed). */
    public void discard(Owner owner, String version) {
        bucket.delete(objectKey(owner, version));
    }

    static Map<String, AttributeValue> pointerKey(Owner owner) {
        return MainTableKeys.wordList(owner.operator() ? null : owner.tenantId());
    }

    static String objectKey(Owner owner, String version) {
        return (owner.operator() ? PREFIX + "operator/" : tenantPrefix(owner.tenantId())) + version + ".json";
    }

    /** Where every version of a tenant's list is stored. */
    public static String tenantPrefix(TenantId tenantId) {
        return PREFIX + "tenants/" + tenantId + "/";
    }
}
