package com.groupgate.aws;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/**
 * A stream record's item image (Lambda's event types) as the SDK's attribute values, so
 * that the same codec reads an item from the stream as wrote it to the table (the
 * aggregate's facts, the webhook dispatcher's items).
 */
public final class StreamImages {
    private StreamImages() {
    }

    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> image) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out = new HashMap<>();
        image.forEach((name, value) -> out.put(name, toSdk(value)));
        return out;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        var b = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            return b.s(v.getS()).build();
        }
        if (v.getN() != null) {
            return b.n(v.getN()).build();
        }
        if (v.getB() != null) {
            return b.b(SdkBytes.fromByteBuffer(v.getB())).build();
        }
        if (v.getM() != null) {
            return b.m(toSdk(v.getM())).build();
        }
        if (v.getL() != null) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> list = new ArrayList<>();
            v.getL().forEach(e -> list.add(toSdk(e)));
            return b.l(list).build();
        }
        if (v.getSS() != null) {
            return b.ss(v.getSS()).build();
        }
        if (v.getNS() != null) {
            return b.ns(v.getNS()).build();
        }
        if (v.getBS() != null) {
            return b.bs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList()).build();
        }
        if (v.getBOOL() != null) {
            return b.bool(v.getBOOL()).build();
        }
        return b.nul(true).build();
    }
}
