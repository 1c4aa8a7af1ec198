package com.groupgate.storage;

import com.groupgate.id.BatchId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.ApiKeyId;
import com.groupgate.id.CampaignId;
import com.groupgate.id.CodeId;
import com.groupgate.id.ExportId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.id.TicketId;
import com.groupgate.id.WebhookId;
import com.groupgate.storage.MainTableKeys.Kind;
import com.groupgate.storage.MainTableKeys.Parsed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class MainTableKeysTest {
    private static final TenantId TENANT = TenantId.random();
    private static final Id OTHER = Id.random();
    private static final Id THIRD = Id.random();
    private static final String HASH = "ab".repeat(32);

    private record Case(Map<String, AttributeValue> key, Kind kind, String tenant, List<String> parts) {
    }

    /** One key of every kind, built by its builder, with what parsing it must give back. */
    private static List<Case> everyKind() {
        String t = TENANT.toString();
        String o = OTHER.toString();
        String third = THIRD.toString();
        Instant due = Instant.parse("2026-12-06T05:00:00Z");
        Instant expires = Instant.parse("2026-12-07T05:00:00Z");
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(MainTableKeys.tenant(TENANT), Kind.TENANT, t, List.of()));
        cases.add(new Case(MainTableKeys.apiKey(TENANT, new ApiKeyId(OTHER)), Kind.API_KEY, t, List.of(o)));
        cases.add(new Case(MainTableKeys.apiKeyCount(TENANT), Kind.API_KEY_COUNT, t, List.of()));
        cases.add(new Case(MainTableKeys.group(TENANT, new GroupId(OTHER)), Kind.GROUP, t, List.of(o)));
        cases.add(new Case(MainTableKeys.webhook(TENANT, new WebhookId(OTHER)), Kind.WEBHOOK, t, List.of(o)));
        cases.add(new Case(MainTableKeys.campaign(TENANT, new CampaignId(OTHER)), Kind.CAMPAIGN, t, List.of(o)));
        cases.add(new Case(MainTableKeys.invite(TENANT, new CampaignId(OTHER), THIRD), Kind.INVITE, t, List.of(o, third)));
        cases.add(new Case(MainTableKeys.invitee(TENANT, new CampaignId(OTHER), "ref#1"), Kind.INVITEE, t,
                List.of(o, "ref#1")));
        cases.add(new Case(MainTableKeys.inviter(TENANT, new CampaignId(OTHER), "ref#2"), Kind.INVITER, t,
                List.of(o, "ref#2")));
        cases.add(new Case(MainTableKeys.reward(TENANT, new CampaignId(OTHER), "ABCDEFGH234567"), Kind.REWARD, t,
                List.of(o, "ABCDEFGH234567")));
        cases.add(new Case(MainTableKeys.wordList(TENANT), Kind.TENANT_WORD_LIST, t, List.of()));
        cases.add(new Case(MainTableKeys.tenantLogo(TENANT), Kind.TENANT_LOGO, t, List.of()));
        cases.add(new Case(MainTableKeys.code(TENANT, new CodeId(OTHER)), Kind.CODE, t, List.of(o)));
        cases.add(new Case(MainTableKeys.codeCounter(TENANT, new CodeId(OTHER)), Kind.CODE_COUNTER, t, List.of(o)));
        cases.add(new Case(MainTableKeys.liveCode(TENANT, new LiveCodeId(OTHER)), Kind.LIVE_CODE, t, List.of(o)));
        cases.add(new Case(MainTableKeys.liveCodeShard(TENANT, new LiveCodeId(OTHER), 7), Kind.LIVE_CODE_SHARD, t, List.of(o, "7")));
        cases.add(new Case(MainTableKeys.usage(TENANT, "2026-12"), Kind.USAGE, t, List.of("2026-12")));
        cases.add(new Case(MainTableKeys.member(TENANT, new GroupId(OTHER), "ref#with#hashes"), Kind.MEMBER, t,
                List.of(o, "ref#with#hashes")));
        cases.add(new Case(MainTableKeys.groupTries(TENANT, new GroupId(OTHER), 493_000), Kind.GROUP_PASSCODE_TRIES, t,
                List.of(o, "493000")));
        cases.add(new Case(MainTableKeys.request(TENANT, new RequestId(OTHER)), Kind.JOIN_REQUEST, t, List.of(o)));
        cases.add(new Case(MainTableKeys.event(TENANT, o), Kind.WEBHOOK_EVENT, t, List.of(o)));
        cases.add(new Case(MainTableKeys.redelivery(TENANT, o, third), Kind.REDELIVERY, t, List.of(o, third)));
        cases.add(new Case(MainTableKeys.delivery(TENANT, new WebhookId(OTHER), third), Kind.DELIVERY, t, List.of(o, third)));
        cases.add(new Case(MainTableKeys.batch(TENANT, new BatchId(OTHER)), Kind.BATCH, t, List.of(o)));
        cases.add(new Case(MainTableKeys.batchIdempotency(TENANT, HASH), Kind.BATCH_IDEMPOTENCY, t, List.of(HASH)));
        cases.add(new Case(MainTableKeys.export(TENANT, new ExportId(OTHER)), Kind.EXPORT, t, List.of(o)));
        cases.add(new Case(MainTableKeys.apiKeyLookup(HASH), Kind.API_KEY_LOOKUP, null, List.of(HASH)));
        cases.add(new Case(MainTableKeys.ticket(new TicketId(OTHER)), Kind.TICKET, null, List.of(o)));
        cases.add(new Case(MainTableKeys.refusalFact(o), Kind.REFUSAL_FACT, null, List.of(o)));
        cases.add(new Case(MainTableKeys.key(MainTableKeys.reminderHour(due),
                MainTableKeys.reminderSort(due, TENANT, "CODE", o, expires)), Kind.REMINDER, t,
                List.of("2026-12-06T05", String.valueOf(due.getEpochSecond()), t, "CODE", o,
                        String.valueOf(expires.getEpochSecond()))));
        cases.add(new Case(MainTableKeys.reminderCheckpoint(), Kind.REMINDER_CHECKPOINT, null, List.of()));
        cases.add(new Case(MainTableKeys.clientTries("h-tB5uAWQMAiplADRQ_M-w", 493_000), Kind.CLIENT_PASSCODE_TRIES, null,
                List.of("h-tB5uAWQMAiplADRQ_M-w", "493000")));
        cases.add(new Case(MainTableKeys.signingKey(3), Kind.SIGNING_KEY_VERSION, null, List.of("00003")));
        cases.add(new Case(MainTableKeys.wordList(null), Kind.OPERATOR_WORD_LIST, null, List.of()));
        cases.add(new Case(MainTableKeys.tenantDeletion(TENANT), Kind.TENANT_DELETION, t, List.of(t)));
        return cases;
    }

    @Test
    void everyKeyKindParsesBackToItsKindTenantAndIds() {
        Set<Kind> seen = EnumSet.noneOf(Kind.class);
        for (Case c : everyKind()) {
            Parsed parsed = MainTableKeys.parse(c.key().get("pk").s(), c.key().get("sk").s()).orElseThrow(
                    () -> new AssertionError("unparsed: " + c.key()));
            assertEquals(new Parsed(c.kind(), c.tenant(), c.parts()), parsed, c.key().toString());
            seen.add(parsed.kind());
        }
        assertEquals(EnumSet.allOf(Kind.class), seen, "a kind without a round trip here");
    }

    @Test
    void everyItemWhoseKeyNamesItsTenantStartsWithTheTenantsPartition() {
        for (Case c : everyKind()) {
            if (c.kind().tenantInKey()) {
                assertTrue(c.key().get("pk").s().startsWith(MainTableKeys.tenantPartition(TENANT)), c.key().toString());
            } else {
                assertFalse(c.key().get("pk").s().startsWith("T#"), c.key().toString());
            }
        }
    }

    @Test
    void aKeyOfNoKnownShapeIsNotParsed() {
        assertTrue(MainTableKeys.parse("T#" + TENANT, "SOMETHING").isEmpty());
        assertTrue(MainTableKeys.parse("T#" + TENANT + "#CODE#" + OTHER, "LIVE").isEmpty());
        assertTrue(MainTableKeys.parse("X#1", "CODE").isEmpty());
    }

    @Test
    void theCodeAndLiveCodeListsCursorIsTheSortKeyAndNamesTheItemsId() {
        String cursor = MainTableKeys.listSort(1_765_000_000L, new CodeId(OTHER));
        assertEquals("001765000000#" + OTHER, cursor);
        assertEquals(new CodeId(OTHER), MainTableKeys.listCursorId(cursor, CodeId::parse).orElseThrow());
        assertEquals(cursor, MainTableKeys.listSort(1_765_000_000L, new LiveCodeId(OTHER)));
        assertTrue(MainTableKeys.listCursorId(null, CodeId::parse).isEmpty());
        assertTrue(MainTableKeys.listCursorId("1765000000#" + OTHER, CodeId::parse).isEmpty(), "10 digits");
        assertTrue(MainTableKeys.listCursorId("001765000000#" + OTHER + "x", CodeId::parse).isEmpty(), "not an id");
        assertTrue(MainTableKeys.listCursorId("001765000000-" + OTHER, CodeId::parse).isEmpty());
    }

    @Test
    void theDeliveriesCursorNamesItsDelivery() {
        String delivery = "dlv_" + "a2".repeat(13);
        String sort = MainTableKeys.deliveriesSort(Instant.ofEpochMilli(1_765_000_000_000L), delivery);
        assertEquals("1765000000000#" + delivery, sort);
        assertTrue(MainTableKeys.isDeliveriesCursor(sort));
        assertEquals(delivery, MainTableKeys.deliveryIdOfSort(sort));
        assertFalse(MainTableKeys.isDeliveriesCursor("1765000000000#dlv1"));
        assertFalse(MainTableKeys.isDeliveriesCursor(null));
    }

    @Test
    void theRequestsCursorIsTheSortKeyAfterTheStatusAndReadsBack() {
        String cursor = MainTableKeys.requestsCursor(1_765_000_000L, new RequestId(OTHER));
        assertEquals(MainTableKeys.requestsIndexSort("pending", 1_765_000_000L, new RequestId(OTHER)), "pending#" + cursor);
        assertEquals(new MainTableKeys.RequestsCursor(1_765_000_000L, new RequestId(OTHER)),
                MainTableKeys.parseRequestsCursor(cursor).orElseThrow());
        assertTrue(MainTableKeys.parseRequestsCursor("x#" + OTHER).isEmpty());
        assertTrue(MainTableKeys.parseRequestsCursor("12#notanid").isEmpty());
        assertTrue(MainTableKeys.parseRequestsCursor(null).isEmpty());
    }
}
