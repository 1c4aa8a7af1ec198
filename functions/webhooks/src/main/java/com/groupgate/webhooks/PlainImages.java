package com.groupgate.webhooks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item image as plain values for the pure event rules: strings, whole numbers as
 * {@code Long} (others as {@code BigDecimal}), booleans, maps and lists. Binary values
 * (sealed secrets) are left out: no rule reads them.
 */
final class PlainImages {
    private PlainImages() {
    }

    static Map<String, Object> of(Map<String, AttributeValue> image) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (image != null) {
            image.forEach((k, v) -> {
                Object plain = plain(v);
                if (plain != null) {
                    out.put(k, plain);
                }
            });
        }
        return out;
    }

    private static Object plain(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            BigDecimal n = new BigDecimal(v.n());
            try {
                return n.longValueExact();
            } catch (ArithmeticException notWhole) {
                return n;
            }
        }
        if (v.bool() != null) {
            return v.bool();
        }
        if (v.hasM()) {
            return of(v.m());
        }
        if (v.hasL()) {
            List<Object> out = new ArrayList<>();
            v.l().forEach(e -> {
                Object p = plain(e);
                if (p != null) {
                    out.add(p);
                }
            });
            return out;
        }
        return null;
    }
}
