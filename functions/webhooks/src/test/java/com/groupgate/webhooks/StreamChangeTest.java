package com.groupgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.groupgate.id.TenantId;
import com.groupgate.webhook.ItemChange;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stream records as the dispatcher reads them: the kind of item by its sort key, images as plain values. */
class StreamChangeTest {
    private static DynamodbStreamRecord record(String event, String sk, Map<String, AttributeValue> image) {
        StreamRecord stream = new StreamRecord();
        stream.setKeys(Map.of("pk", new AttributeValue().withS("T#t1#G#g1"), "sk", new AttributeValue().withS(sk)));
        stream.setNewImage(image);
        stream.setSequenceNumber("100");
        stream.setApproximateCreationDateTime(new Date(1_796_000_000_000L));
        DynamodbStreamRecord r = new DynamodbStreamRecord();
        r.setEventID("rec-1");
        r.setEventName(event);
        r.setDynamodb(stream);
        return r;
    }

    @Test
    void aMemberInsertIsAChangeOfAMemberWithPlainValues() {
        var change = StreamChange.of(record("INSERT", "MEMBER#m1", Map.of(
                "memberRef", new AttributeValue().withS("m1"), "joinedAt", new AttributeValue().withN("1796000000"),
                "fact", new AttributeValue().withM(Map.of("id", new AttributeValue().withS("F1")))))).orElseThrow();
        ItemChange c = assertInstanceOf(StreamChange.Change.class, change).change();
        assertEquals(ItemChange.Kind.MEMBER, c.kind());
        assertEquals("rec-1", c.recordId());
        assertEquals(1_796_000_000L, c.newImage().get("joinedAt"));
        assertEquals(Map.of("id", "F1"), c.newImage().get("fact"));
        assertTrue(c.inserted());
    }

    @Test
    void onlyNewOutboxItemsAreSent() {
        Map<String, AttributeValue> event = Map.of("tenantId", new AttributeValue().withS("tenantoneaaaa"),
                "eventId", new AttributeValue().withS("evt_x"), "type", new AttributeValue().withS("webhook.test"),
                "body", new AttributeValue().withS("{}"));
        var send = assertInstanceOf(StreamChange.Send.class, StreamChange.of(record("INSERT", "EVENT", event))
                .orElseThrow());
        assertEquals("evt_x", send.item().eventId());
        assertTrue(StreamChange.of(record("MODIFY", "EVENT", event)).isEmpty(), "marking it sent is not news");
        assertTrue(StreamChange.of(record("INSERT", "REDELIVER#r1", event)).isPresent());
    }

    @Test
    void itemsWhoseChangesAreNoEventsAreLeftAlone() {
        for (String sk : new String[] {"TICKET", "TRIES", "KEY#k1", "WEBHOOK#w1", "DLV#d1", "LIVE", "SHARD"}) {
            assertTrue(StreamChange.of(record("INSERT", sk, Map.of())).isEmpty(), sk);
        }
        assertEquals(ItemChange.Kind.CODE_COUNTER, ((StreamChange.Change) StreamChange.of(record("MODIFY", "COUNT",
                Map.of())).orElseThrow()).change().kind());
    }

    @Test
    void aDeliveryMessageReadsBackAsItWasWrittenInItsQueuedForm() {
        TenantId tenant = TenantId.parse("tenantoneaaaa").orElseThrow();
        DeliveryMessage m = new DeliveryMessage(tenant, "w1", "evt_x", "member.joined", "auto", "{\"type\":\"x\"}");
        String queued = "{\"tenantId\":\"tenantoneaaaa\",\"webhookId\":\"w1\",\"eventId\":\"evt_x\","
                + "\"type\":\"member.joined\",\"chain\":\"auto\",\"body\":\"{\\\"type\\\":\\\"x\\\"}\"}";
        assertEquals(queued, m.toJson(), "the tenant travels as its text, as before it was typed");
        assertEquals(m, DeliveryMessage.parse(queued));
    }

    @Test
    void aDeliveryMessageNamingNoTenantIsNotOneOfOurs() {
        assertThrows(IllegalArgumentException.class, () -> DeliveryMessage.parse("{\"tenantId\":\"t1\",\"webhookId\":\"w1\","
                + "\"eventId\":\"evt_x\",\"type\":\"member.joined\",\"chain\":\"auto\",\"body\":\"{}\"}"));
    }
}
