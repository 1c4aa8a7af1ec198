package com.groupgate.testkit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it, by the rules of "DynamoDB item sizes and formats"
 * (Developer Guide, CapacityUnitCalculations): each attribute is its name's UTF-8 bytes
 * plus its value — a string's UTF-8 bytes, a number's one byte per two significant digits
 * plus one, a binary's raw bytes, one byte for null or Boolean, a list or map's three
 * bytes of overhead plus its elements, each element one byte more. A write costs one unit
 * per started kilobyte of the larger of the item's sizes before and after.
 */
public final class DynamoItemSize {
    private DynamoItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + value(e.getValue());
        }
        return size;
    }

    /** Write units of a write whose larger item image is {@code bytes} long. */
    public static long writeUnits(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    private static long value(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return number(v.n());
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasM()) {
            long size = 3;
            for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                size += utf8(e.getKey()) + value(e.getValue()) + 1;
            }
            return size;
        }
        if (v.hasL()) {
            long size = 3;
            for (AttributeValue e : v.l()) {
                size += value(e) + 1;
            }
            return size;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(DynamoItemSize::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(DynamoItemSize::number).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        return 1;
    }

    /** One byte per two significant digits (leading and trailing zeros trimmed), plus one. */
    static long number(String n) {
        String digits = new BigDecimal(n).abs().unscaledValue().toString().replaceAll("0+$", "");
        digits = digits.isEmpty() ? "0" : digits;
        return (digits.length() + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
