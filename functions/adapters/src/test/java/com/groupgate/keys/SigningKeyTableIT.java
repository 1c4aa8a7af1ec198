package com.groupgate.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.token.KeyRing;
import com.groupgate.token.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SigningKeyTable against the emulated MainTable and KMS: versions stored only wrapped,
 * numbered without gaps or reuse, signing only after the activation delay, retired only
 * once replaced. The signing keys are the service's one partition, so each test starts
 * it empty (nothing else in this JVM writes it).
 */
class SigningKeyTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Duration ACTIVATION = Duration.ofMinutes(5);
    private final MovingClock clock = new MovingClock();

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private SigningKeyTable container() {
        return new SigningKeyTable(TABLES.dynamo(), TABLES.kms(), TABLES.main(), TABLES.keyArn("SigningKey"), clock,
                ACTIVATION);
    }

    @BeforeEach
    void startWithoutKeys() {
        TABLES.dynamo().query(q -> q.tableName(TABLES.main()).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(MainTableKeys.SIGNING_KEY))))
                .items().forEach(i -> TABLES.dynamo().deleteItem(d -> d.tableName(TABLES.main())
                        .key(MainTableKeys.key(i.get("pk").s(), i.get("sk").s()))));
    }

    private static List<Integer> versions(KeyRing ring) {
        return ring.keys().stream().map(SigningKey::version).sorted().toList();
    }

    @Test
    void theFirstIssuingRingCreatesVersionOneStoredOnlyWrapped() {
        SigningKeyTable keys = container();
        assertTrue(keys.verifyingRing().isEmpty());
        assertTrue(keys.ticketRing().isEmpty(), "the scan path never creates a version");

        SigningKey first = keys.issuingRing().current();
        assertEquals(1, first.version());

        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.signingKey(1));
        byte[] wrapped = item.get("wrappedKey").b().asByteArray();
        assertFalse(java.util.Arrays.equals(first.secret(), wrapped), "only the KMS ciphertext is stored");
        assertArrayEquals(first.secret(), TABLES.kms().decrypt(d -> d.ciphertextBlob(SdkBytes.fromByteArray(wrapped)))
                .plaintext().asByteArray());
        assertEquals("active", item.get("status").s());
        assertEquals(clock.instant().getEpochSecond(), Long.parseLong(item.get("createdAt").n()));
        assertFalse(MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow().kind().tenantInKey(),
                "the service's own item");

        SigningKeyTable another = container();
        assertArrayEquals(first.secret(), another.verifyingRing().orElseThrow().find(1).orElseThrow().secret(),
                "another container unwraps the same key");
    }

    @Test
    void aRotatedVersionSignsOnlyAfterTheActivationDelay() {
        SigningKeyTable keys = container();
        keys.issuingRing();
        clock.advance(ACTIVATION.plusMinutes(1));
        assertEquals(2, keys.rotate());
        assertEquals(List.of(1, 2), versions(keys.verifyingRing().orElseThrow()), "verified at once");
        assertEquals(1, keys.issuingRing().current().version(), "not yet signing");

        clock.advance(ACTIVATION.plus(SigningKeyTable.REFRESH).plusSeconds(1));
        assertEquals(2, container().issuingRing().current().version());
        assertEquals(2, keys.ticketRing().orElseThrow().current().version(), "after the next refresh");
    }

    @Test
    void rotationsFromTwoContainersTakeDistinctNumbersAndARetriedRotationAddsNone() {
        SigningKeyTable a = container();
        SigningKeyTable b = container();
        a.issuingRing();
        b.verifyingRing();
        assertEquals(2, a.rotate());
        assertEquals(3, b.rotate(), "reads the stored versions, not its own ring");
        assertEquals(3, a.rotateUnlessRotatedWithin(Duration.ofHours(1)));
        assertEquals(List.of(1, 2, 3), versions(container().verifyingRing().orElseThrow()));
    }

    @Test
    void aVersionIsRetiredOnlyOnceANewerOneHasBeenSigningLongEnough() {
        SigningKeyTable keys = container();
        keys.issuingRing();
        assertEquals(SigningKeyTable.Retirement.NOT_FOUND, keys.retire(42));
        assertEquals(SigningKeyTable.Retirement.STILL_SIGNING, keys.retire(1), "nothing replaces it");
        keys.rotate();
        assertEquals(SigningKeyTable.Retirement.STILL_SIGNING, keys.retire(1), "its successor is too young");

        clock.advance(ACTIVATION.plus(SigningKeyTable.REFRESH).plusSeconds(1));
        assertEquals(SigningKeyTable.Retirement.RETIRED, keys.retire(1));
        assertEquals("retired", TABLES.item(TABLES.main(), MainTableKeys.signingKey(1)).get("status").s());
        KeyRing ring = keys.verifyingRing().orElseThrow();
        assertTrue(ring.keys().stream().filter(k -> k.version() == 1).findFirst().orElseThrow().retired());
        assertTrue(ring.find(1).isEmpty(), "tokens of version 1 are refused");
        assertEquals(2, keys.issuingRing().current().version());
        assertTrue(keys.anyVersion(1).orElseThrow().retired(), "still shown for stored codes");
    }
}
