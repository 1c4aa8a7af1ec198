package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AttributeValuesTest {
    private static final Map<String, AttributeValue> ITEM = Map.of(
            "s", AttributeValue.fromS("text"),
            "n", AttributeValue.fromN("12.5"),
            "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})),
            "bool", AttributeValue.fromBool(true),
            "null", AttributeValue.fromNul(true),
            "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("x"))),
            "l", AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("two"))),
            "ss", AttributeValue.fromSs(List.of("a", "b")),
            "ns", AttributeValue.fromNs(List.of("1", "2")),
            "bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {9}))));

    @Test
    void everyTypeConvertsToTheLambdaModel() {
        var out = AttributeValues.toLambda(ITEM);
        assertEquals("text", out.get("s").getS());
        assertEquals("12.5", out.get("n").getN());
        assertArrayEquals(new byte[] {1, 2, 3}, bytes(out.get("b").getB()));
        assertTrue(out.get("bool").getBOOL());
        assertTrue(out.get("null").isNULL());
        assertEquals("x", out.get("m").getM().get("inner").getS());
        assertEquals("1", out.get("l").getL().get(0).getN());
        assertEquals("two", out.get("l").getL().get(1).getS());
        assertEquals(List.of("a", "b"), out.get("ss").getSS());
        assertEquals(List.of("1", "2"), out.get("ns").getNS());
        assertArrayEquals(new byte[] {9}, bytes(out.get("bs").getBS().get(0)));
    }

    @Test
    void everyTypeConvertsToDynamoDbJson() {
        var json = AttributeValues.toJson(ITEM);
        assertEquals("text", json.at("/s/S").asText());
        assertEquals("12.5", json.at("/n/N").asText());
        assertEquals("AQID", json.at("/b/B").asText());
        assertTrue(json.at("/bool/BOOL").asBoolean());
        assertTrue(json.at("/null/NULL").asBoolean());
        assertEquals("x", json.at("/m/M/inner/S").asText());
        assertEquals("two", json.at("/l/L/1/S").asText());
        assertEquals("b", json.at("/ss/SS/1").asText());
        assertEquals("2", json.at("/ns/NS/1").asText());
        assertEquals("CQ==", json.at("/bs/BS/0").asText());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
