package com.groupgate.wordlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.TenantId;
import com.groupgate.image.ImageBucket;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * WordListStore against the emulated MainTable and images bucket: a version's words as an
 * object, the pointer item naming the current one under its owner's key, the replaced
 * version known exactly and discarded.
 */
class WordListStoreIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00.500Z");
    private final WordListStore store = new WordListStore(TABLES.dynamo(), TABLES.main(),
            new ImageBucket(TABLES.awsClients(), TABLES.ref("ImagesBucket")));
    private final TenantId tenant = TenantId.random();
    private final WordListStore.Owner owner = WordListStore.Owner.tenant(tenant);

    @Test
    void aTenantsListIsStoredUnderItsTenantAndReadBack() {
        WordListStore.Words words = new WordListStore.Words(List.of("spam", "scam"), List.of("scampi"));
        String version = store.store(owner, words);
        assertTrue(store.current(owner).isEmpty(), "nothing points at a stored version yet");
        assertEquals(Optional.empty(), store.point(owner, version, words, NOW));

        assertEquals(new WordListStore.Version(version, 2, 1, NOW), store.current(owner).orElseThrow());
        assertEquals(words, store.load(owner, version).orElseThrow());
        assertTrue(WordListStore.objectKey(owner, version).startsWith(WordListStore.tenantPrefix(tenant)));
        Map<String, AttributeValue> pointer = TABLES.item(TABLES.main(), MainTableKeys.wordList(tenant));
        assertEquals(tenant.text(), MainTableKeys.parse(pointer.get("pk").s(), pointer.get("sk").s()).orElseThrow().tenantId());
        assertTrue(store.current(WordListStore.Owner.tenant(TenantId.random())).isEmpty());
    }

    @Test
    void replacingAVersionNamesTheOneReplacedWhichIsThenDiscarded() {
        WordListStore.Words first = new WordListStore.Words(List.of("one"), List.of());
        WordListStore.Words second = new WordListStore.Words(List.of("two", "three"), List.of());
        String v1 = store.store(owner, first);
        store.point(owner, v1, first, NOW);
        String v2 = store.store(owner, second);
        assertEquals(Optional.of(v1), store.point(owner, v2, second, NOW.plusSeconds(1)));
        store.discard(owner, v1);

        assertTrue(store.load(owner, v1).isEmpty(), "a reader holding the old pointer reads the pointer again");
        assertEquals(v2, store.current(owner).orElseThrow().version());
        assertEquals(second, store.load(owner, v2).orElseThrow());
    }

    @Test
    void theOperatorsListHasItsOwnPointerOutsideEveryTenant() {
        WordListStore.Words words = new WordListStore.Words(List.of("operator-word"), List.of());
        Optional<String> before = store.current(WordListStore.Owner.OPERATOR).map(WordListStore.Version::version);
        String version = store.store(WordListStore.Owner.OPERATOR, words);
        assertEquals(before, store.point(WordListStore.Owner.OPERATOR, version, words, NOW));
        assertEquals(version, store.current(WordListStore.Owner.OPERATOR).orElseThrow().version());
        Map<String, AttributeValue> pointer = TABLES.item(TABLES.main(), MainTableKeys.wordList(null));
        assertTrue(!MainTableKeys.parse(pointer.get("pk").s(), pointer.get("sk").s()).orElseThrow().kind().tenantInKey());
        assertTrue(store.current(owner).isEmpty(), "a tenant's list is not the operator's");
    }
}
