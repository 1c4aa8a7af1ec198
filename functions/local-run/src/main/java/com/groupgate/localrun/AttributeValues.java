package com.groupgate.localrun;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB attribute values as the SDK reads them from a stream, turned into what Lambda
 * hands a function: aws-lambda-java-events' model, or the DynamoDB JSON
 * ({@code {"S":"x"}}, {@code {"M":{...}}}) that event filter patterns are matched against.
 * Every type converts: S, N, B, BOOL, NULL, M, L, SS, NS, BS.
 */
public final class AttributeValues {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AttributeValues() {
    }

    public static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toLambda(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out =
                new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, toLambda(value)));
        return out;
    }

    public static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toLambda(
            AttributeValue value) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> out.setS(value.s());
            case N -> out.setN(value.n());
            case B -> out.setB(buffer(value.b()));
            case BOOL -> out.setBOOL(value.bool());
            case NUL -> out.setNULL(value.nul());
            case M -> out.setM(toLambda(value.m()));
            case L -> {
                List<com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> list = new ArrayList<>();
                value.l().forEach(v -> list.add(toLambda(v)));
                out.setL(list);
            }
            case SS -> out.setSS(new ArrayList<>(value.ss()));
            case NS -> out.setNS(new ArrayList<>(value.ns()));
            case BS -> out.setBS(value.bs().stream().map(AttributeValues::buffer).toList());
            default -> throw new IllegalArgumentException("value: unknown DynamoDB type " + value.type());
        }
        return out;
    }

    public static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode out = JSON.objectNode();
        item.forEach((name, value) -> out.set(name, toJson(value)));
        return out;
    }

    public static ObjectNode toJson(AttributeValue value) {
        ObjectNode out = JSON.objectNode();
        switch (value.type()) {
            case S -> out.put("S", value.s());
            case N -> out.put("N", value.n());
            case B -> out.put("B", base64(value.b()));
            case BOOL -> out.put("BOOL", value.bool());
            case NUL -> out.put("NULL", value.nul());
            case M -> out.set("M", toJson(value.m()));
            case L -> {
                ArrayNode list = out.putArray("L");
                value.l().forEach(v -> list.add(toJson(v)));
            }
            case SS -> strings(out.putArray("SS"), value.ss());
            case NS -> strings(out.putArray("NS"), value.ns());
            case BS -> value.bs().forEach(b -> out.withArray("BS").add(base64(b)));
            default -> throw new IllegalArgumentException("value: unknown DynamoDB type " + value.type());
        }
        return out;
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    private static ByteBuffer buffer(SdkBytes bytes) {
        return ByteBuffer.wrap(bytes.asByteArray());
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
