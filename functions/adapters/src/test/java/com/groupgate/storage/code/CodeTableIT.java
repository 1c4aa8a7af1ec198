package com.groupgate.storage.code;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.code.Channel;
import com.groupgate.code.CodeStatus;
import com.groupgate.code.GroupCode;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.join.JoinPolicy;
import com.groupgate.qr.Ecc;
import com.groupgate.scan.GeoRules;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.usage.UsageTable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** CodeTable against the emulated MainTable: a code and its counter, their status kept in step, TTL, and the newest-first list. */
class CodeTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final long ISSUED = 1_765_000_000L;
    private final CodeTable codes = new CodeTable(TABLES.dynamo(), TABLES.main());
    private final UsageTable usage = new UsageTable(TABLES.main());
    private final TenantId tenant = TenantId.random();

    private GroupCode code(CodeId id, long issuedAt) {
        return new GroupCode(tenant, id, GroupId.random(), Channel.of("poster"), 500,
                GeoRules.of(List.of("CN"), List.of(), List.of(), List.of("CN-XZ"), List.of("10.0.0.0/8"), List.of()),
                Ecc.Q, 12, 86_400, issuedAt, issuedAt + 86_400, CodeStatus.ACTIVE, null, 3, new byte[] {7, 7},
                "codes/" + id + ".png", 1234, 5, ZoneId.of("Asia/Shanghai"), "Readers", JoinPolicy.APPROVAL, "hi");
    }

    private void create(GroupCode c) {
        codes.create(c, usage.codeIssued(c.tenantId(), Instant.ofEpochSecond(c.issuedAt()), c.imageBytes()));
    }

    @Test
    void aCreatedCodeReadsBackWithEveryTypedField() {
        GroupCode c = code(CodeId.random(), ISSUED);
        create(c);

        GroupCode read = codes.find(tenant, c.codeId()).orElseThrow();
        assertArrayEquals(c.salt(), read.salt());
        assertEquals(c, new GroupCode(read.tenantId(), read.codeId(), read.groupId(), read.channel(),
                read.dailyScanLimit(), read.geo(), read.ecc(), read.modulePx(), read.ttlSeconds(), read.issuedAt(),
                read.expiresAt(), read.status(), read.supersededBy(), read.keyVersion(), c.salt(), read.imageKey(),
                read.imageBytes(), read.qrVersion(), read.timezone(), read.groupName(), read.joinPolicy(),
                read.welcomeMessage()), "every field but the salt's array identity");
        assertEquals(ZoneId.of("Asia/Shanghai"), read.timezone());
        assertEquals(Ecc.Q, read.ecc());
        assertEquals(JoinPolicy.APPROVAL, read.joinPolicy());
        assertEquals(Map.of(), codes.findStored(tenant, c.codeId()).orElseThrow().scansByDay());
        assertEquals(CodeStatus.ACTIVE, codes.status(tenant, c.codeId()).orElseThrow());
        assertEquals(1L, UsageTable.read(TABLES.dynamo(), TABLES.main(), tenant,
                UsageTable.month(Instant.ofEpochSecond(ISSUED))).get("codesIssued"), "counted in the same write");
    }

    @Test
    void aCodesLabelIsStoredOnItsItemAndReadBackAndAnUnlabelledCodeStoresNone() {
        GroupCode plain = code(CodeId.random(), ISSUED);
        GroupCode labelled = new GroupCode(plain.tenantId(), CodeId.random(), plain.groupId(), plain.channel(),
                plain.dailyScanLimit(), plain.geo(), plain.ecc(), plain.modulePx(), plain.ttlSeconds(),
                plain.issuedAt(), plain.expiresAt(), plain.status(), null, plain.keyVersion(), plain.salt(),
                plain.imageKey(), plain.imageBytes(), plain.qrVersion(), plain.timezone(), plain.groupName(),
                plain.joinPolicy(), plain.welcomeMessage(), "徐汇店 #3");
        create(plain);
        create(labelled);

        assertEquals("徐汇店 #3", codes.find(tenant, labelled.codeId()).orElseThrow().label());
        assertEquals("徐汇店 #3", TABLES.item(TABLES.main(), MainTableKeys.code(tenant, labelled.codeId())).get("label").s());
        assertNull(codes.find(tenant, plain.codeId()).orElseThrow().label());
        assertFalse(TABLES.item(TABLES.main(), MainTableKeys.code(tenant, plain.codeId())).containsKey("label"));
    }

    @Test
    void theCodeAndItsCounterLiveInTheCodesPartitionUnderItsTenantAndExpireTogether() {
        GroupCode c = code(CodeId.random(), ISSUED);
        create(c);
        long ttl = c.expiresAt() + CodeTable.KEEP_AFTER_EXPIRY.toSeconds();
        for (Map<String, AttributeValue> key : List.of(MainTableKeys.code(tenant, c.codeId()),
                MainTableKeys.codeCounter(tenant, c.codeId()))) {
            Map<String, AttributeValue> item = TABLES.item(TABLES.main(), key);
            assertEquals(MainTableKeys.codePartition(tenant, c.codeId()), item.get("pk").s());
            assertEquals(tenant.text(), MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow().tenantId());
            assertEquals(ttl, Long.parseLong(item.get("ttl").n()));
        }
        assertTrue(codes.find(TenantId.random(), c.codeId()).isEmpty(), "another tenant does not find it");
    }

    @Test
    void creatingTheSameCodeTwiceIsRefusedAndCountsOnce() {
        GroupCode c = code(CodeId.random(), ISSUED);
        create(c);
        assertThrows(TransactionCanceledException.class, () -> create(c));
        assertEquals(1L, UsageTable.read(TABLES.dynamo(), TABLES.main(), tenant,
                UsageTable.month(Instant.ofEpochSecond(ISSUED))).get("codesIssued"));
    }

    @Test
    void aCodeIsSupersededOnceAndItsCounterFollows() {
        GroupCode old = code(CodeId.random(), ISSUED);
        create(old);
        GroupCode replacement = code(CodeId.random(), ISSUED + 10);
        assertTrue(codes.supersede(old, replacement,
                usage.codeIssued(tenant, Instant.ofEpochSecond(ISSUED), replacement.imageBytes())));
        GroupCode read = codes.find(tenant, old.codeId()).orElseThrow();
        assertEquals(CodeStatus.SUPERSEDED, read.status());
        assertEquals(replacement.codeId(), read.supersededBy());
        assertEquals(CodeStatus.SUPERSEDED, codes.status(tenant, old.codeId()).orElseThrow());
        assertEquals(CodeStatus.ACTIVE, codes.find(tenant, replacement.codeId()).orElseThrow().status());

        GroupCode another = code(CodeId.random(), ISSUED + 20);
        assertFalse(codes.supersede(old, another, usage.codeIssued(tenant, Instant.ofEpochSecond(ISSUED), 1)),
                "a stale code cannot be superseded again");
        assertTrue(codes.find(tenant, another.codeId()).isEmpty(), "nothing written");
    }

    @Test
    void revokingMarksBothItemsAndAMissingCodeIsEmpty() {
        GroupCode c = code(CodeId.random(), ISSUED);
        create(c);
        assertEquals(CodeStatus.REVOKED, codes.revoke(tenant, c.codeId()).orElseThrow().status());
        assertEquals(CodeStatus.REVOKED, codes.status(tenant, c.codeId()).orElseThrow());

        CodeId absent = CodeId.random();
        assertTrue(codes.revoke(tenant, absent).isEmpty());
        assertTrue(codes.status(tenant, absent).isEmpty());
        assertTrue(TABLES.item(TABLES.main(), MainTableKeys.codeCounter(tenant, absent)).isEmpty(),
                "the counter is not created for a code that does not exist");
        assertNull(codes.findStored(tenant, absent).orElse(null));
    }

    @Test
    void pagingNewestFirstGivesEachCodeOnceWithItsCounts() {
        List<CodeId> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            GroupCode c = code(CodeId.random(), ISSUED + i);
            create(c);
            created.add(0, c.codeId());
        }
        TABLES.dynamo().updateItem(u -> u.tableName(TABLES.main()).key(MainTableKeys.codeCounter(tenant, created.get(0)))
                .updateExpression("SET daily = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromM(Map.of("2025-12-06", AttributeValue.fromN("4"))))));

        List<CodeId> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            CodeTable.Page page = codes.list(tenant, 3, cursor);
            page.items().forEach(s -> listed.add(s.code().codeId()));
            if (pages == 0) {
                assertEquals(4L, page.items().get(0).scansOn("2025-12-06"));
            }
            cursor = page.nextCursor();
            if (cursor != null) {
                assertTrue(CodeTable.isCursor(cursor), cursor);
            }
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(created, listed, "newest first, each once");
        assertEquals(7, new HashSet<>(listed).size());
        assertFalse(CodeTable.isCursor("not-a-cursor"));
    }
}
