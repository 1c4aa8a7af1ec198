package com.groupgate.api.edge;

import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A list's paging, the same in both API functions: a bounded query integer (the page size) and one page's answer. */
public final class Paging {
    private Paging() {
    }

    public static int intParam(ApiRequest request, String name, int min, int max, int otherwise) {
        String v = request.queryParam(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw RefusalException.badField(name, "must be an integer between " + min + " and " + max);
    }

    /** 200 with one page of a list: {@code {"items":[…],"nextCursor":…}} (null on the last page). */
    public static ApiResponse page(List<Map<String, Object>> items, String nextCursor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("nextCursor", nextCursor);
        return ApiResponse.json(200, out);
    }
}
