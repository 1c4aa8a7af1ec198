package com.groupgate.keys;

import static com.groupgate.aws.Attr.b;
import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.telemetry.Log;
import com.groupgate.token.KeyRing;
import com.groupgate.token.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * Signing key versions: 256-bit data keys from KMS GenerateDataKey, stored only wrapped
 * (the ciphertext blob) in MainTable under {@code pk=SIGNING_KEY, sk=V#nnnnn}. Each
 * version is unwrapped with KMS Decrypt once per container and kept in memory.
 *
 * <p>The ring is re-read at most once per {@link #REFRESH} on the request path, whatever
 * tokens arrive, so a forged token with an unknown version never causes a DynamoDB or
 * KMS call. A rotated version becomes the issuing version — for codes and join tickets
 * alike — only after the same interval, so every warm container knows a key before the
 * first code or ticket signed with it.
 *
 * <p>When a refresh fails (DynamoDB or KMS throttled or down), the container keeps using
 * the ring it has for up to {@link #STALE_GRACE} past its refresh time, trying again at
 * most every {@link #RETRY_FAILED_REFRESH}, rather than failing every request; a version
 * retired meanwhile is refused there only once a refresh succeeds. Past the grace, or
 * with no ring at all (a cold container), the failure reaches the caller as a 503.
 */
public final class SigningKeyTable {
    public static final Duration REFRESH = Duration.ofSeconds(60);
    /** How long past its refresh time a ring is still used while it cannot be read again. */
    public static final Duration STALE_GRACE = Duration.ofMinutes(10);
    /** How often a failing refresh is tried again (requests in between use the ring held). */
    public static final Duration RETRY_FAILED_REFRESH = Duration.ofSeconds(5);
    private static final String PK = MainTableKeys.SIGNING_KEY;

    private final DynamoDbClient dynamo;
    private final KmsClient kms;
    private final String table;
    private final String kmsKeyId;
    private final Clock clock;
    private final Duration activationDelay;
    // Concurrent: issuingRing() may create version 1 (and cache its plaintext) outside the
    // lock that reload() holds while it fills this map, and the local runner serves requests
    // on several threads.
    private final Map<Integer, byte[]> unwrapped = new ConcurrentHashMap<>();
    private volatile Loaded loaded;
    private volatile Instant nextRefreshTry = Instant.MIN;

    private record Loaded(KeyRing all, KeyRing issuing, Instant at) {
    }

    public SigningKeyTable(DynamoDbClient dynamo, KmsClient kms, String table, String kmsKeyId, Clock clock,
                           Duration activationDelay) {
        this.dynamo = dynamo;
        this.kms = kms;
        this.table = table;
        this.kmsKeyId = kmsKeyId;
        this.clock = clock;
        this.activationDelay = activationDelay;
    }

    /** Every known version, retired ones flagged, for verifying tokens; empty before the first rotation. */
    public Optional<KeyRing> verifyingRing() {
        return Optional.ofNullable(current().all());
    }

    /**
     * The versions old enough to sign join tickets with (the scan path: never creates a
     * version); empty before the first rotation.
     */
    public Optional<KeyRing> ticketRing() {
        return Optional.ofNullable(current().issuing());
    }

    /** The versions old enough to sign with; creates version 1 on first use. */
    public KeyRing issuingRing() {
        Loaded l = current();
        if (l.all() == null) {
            createVersion(1);
            l = reload();
        }
        return l.issuing();
    }

    private Loaded current() {
        Loaded l = loaded;
        if (l == null) {
            return reload();
        }
        Instant now = clock.instant();
        Instant due = l.at().plus(REFRESH);
        if (!now.isAfter(due) || now.isBefore(nextRefreshTry)) {
            return l;
        }
        try {
            return reload();
        } catch (SdkException e) {
            if (now.isAfter(due.plus(STALE_GRACE))) {
                throw e;
            }
            nextRefreshTry = now.plus(RETRY_FAILED_REFRESH);
            Log.info("signing_keys.refresh_failed", Map.of("exception", e.getClass().getSimpleName(),
                    "ringAgeSeconds", Duration.between(l.at(), now).toSeconds()));
            Log.count("KeyRingRefreshFailed", "Exception", e.getClass().getSimpleName(), 1);
            return l;
        }
    }

    private synchronized Loaded reload() {
        List<SigningKey> all = new ArrayList<>();
        List<SigningKey> issuing = new ArrayList<>();
        Instant now = clock.instant();
        for (Map<String, AttributeValue> item : items()) {
            int version = (int) Attr.num(item, "version", 0);
            byte[] secret = unwrapped.computeIfAbsent(version, v -> kms.decrypt(r -> r
                    .keyId(kmsKeyId).ciphertextBlob(SdkBytes.fromByteArray(Attr.bytes(item, "wrappedKey"))))
                    .plaintext().asByteArray());
            boolean retired = "retired".equals(Attr.str(item, "status"));
            SigningKey key = new SigningKey(version, secret, retired);
            all.add(key);
            Instant created = Instant.ofEpochSecond(Attr.num(item, "createdAt", 0));
            if (!retired && !created.plus(activationDelay).isAfter(now)) {
                issuing.add(key);
            }
        }
        if (issuing.isEmpty()) {
            // Nothing old enough yet (a fresh deployment): sign with the oldest version, the
            // one any container that has a ring at all knows.
            all.stream().filter(k -> !k.retired()).findFirst().ifPresent(issuing::add);
        }
        Loaded l = new Loaded(all.isEmpty() ? null : KeyRing.of(all), issuing.isEmpty() ? null : KeyRing.of(issuing), now);
        loaded = l;
        return l;
    }

    private List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(PK)))
                    .exclusiveStartKey(from));
            out.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /**
     * Adds the next version; concurrent rotations cannot both take the same number. The
     * rotation is done once the version is stored: reloading the ring afterwards may fail
     * (KMS or DynamoDB unavailable) without failing the rotation, whose retry would add
     * another version; the next refresh picks the new version up.
     */
    public synchronized int rotate() {
        while (true) {
            int next = items().stream().mapToInt(i -> (int) Attr.num(i, "version", 0)).max().orElse(0) + 1;
            if (createVersion(next)) {
                try {
                    reload();
                } catch (SdkException e) {
                    Log.info("signing_keys.reload_after_rotation_failed", Map.of("keyVersion", next,
                            "exception", e.getClass().getSimpleName()));
                }
                return next;
            }
        }
    }

    /**
     * {@link #rotate()}, unless a version was added within {@code within}: then the newest
     * version. A scheduled rotation that Lambda retries after a failure adds one version,
     * not one per try.
     */
    public synchronized int rotateUnlessRotatedWithin(Duration within) {
        Instant now = clock.instant();
        Instant since = now.minus(within);
        return items().stream()
                .filter(i -> {
                    Instant created = Instant.ofEpochSecond(Attr.num(i, "createdAt", 0));
                    return created.isAfter(since) && !created.isAfter(now);
                })
                .mapToInt(i -> (int) Attr.num(i, "version", 0)).max()
                .orElseGet(this::rotate);
    }

    /** What a retirement request came to. */
    public enum Retirement { RETIRED, NOT_FOUND, STILL_SIGNING }

    /**
     * Refuses {@code version} from now on (within one refresh interval everywhere). A
     * version may be retired only once a newer active version has been signing long
     * enough that no container can still be signing with this one: that newer version
     * must be older than the activation delay plus one refresh interval. So retiring
     * never leaves a container minting codes that scans refuse, and never leaves no key
     * to sign with.
     */
    public Retirement retire(int version) {
        Instant signingSince = clock.instant().minus(activationDelay).minus(REFRESH);
        List<Map<String, AttributeValue>> items = items();
        if (items.stream().noneMatch(i -> Attr.num(i, "version", 0) == version)) {
            return Retirement.NOT_FOUND;
        }
        boolean replaced = items.stream().anyMatch(i -> Attr.num(i, "version", 0) > version
                && !"retired".equals(Attr.str(i, "status"))
                && !Instant.ofEpochSecond(Attr.num(i, "createdAt", 0)).isAfter(signingSince));
        if (!replaced) {
            return Retirement.STILL_SIGNING;
        }
        dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.signingKey(version))
                .updateExpression("SET #st = :retired")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":retired", s("retired"))));
        reload();
        return Retirement.RETIRED;
    }

    /**
     * A version by number, retired or not, reading the table again when this container
     * has not seen it yet (for showing a stored code; never on the scan path).
     */
    public Optional<SigningKey> anyVersion(int version) {
        Optional<SigningKey> known = verifyingRing().flatMap(r -> r.keys().stream()
                .filter(k -> k.version() == version).findFirst());
        if (known.isPresent()) {
            return known;
        }
        KeyRing ring = reload().all();
        return ring == null ? Optional.empty() : ring.keys().stream().filter(k -> k.version() == version).findFirst();
    }

    private boolean createVersion(int version) {
        if (version < 1 || version > 255) {
            throw new IllegalStateException("key versions are exhausted at 255");
        }
        GenerateDataKeyResponse dataKey = kms.generateDataKey(g -> g.keyId(kmsKeyId).keySpec(DataKeySpec.AES_256));
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.signingKey(version));
        item.put("version", n(version));
        item.put("wrappedKey", b(dataKey.ciphertextBlob().asByteArray()));
        item.put("status", s("active"));
        item.put("createdAt", n(clock.instant().getEpochSecond()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException taken) {
            // Our own write, retried by the SDK after its answer was lost, finds itself: stored.
            boolean ours = taken.hasItem() && item.get("wrappedKey").equals(taken.item().get("wrappedKey"));
            if (!ours) {
                return false;
            }
        }
        unwrapped.put(version, dataKey.plaintext().asByteArray());
        return true;
    }
}
