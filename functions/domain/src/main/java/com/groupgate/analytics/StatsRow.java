package com.groupgate.analytics;

import java.util.Objects;

/**
 * One row of tenant-level stats ({@code GET /v1/stats?groupBy=…}).
 *
 * @param key            the channel (or {@code "(none)"}), code id or group id
 * @param conversionRate joins / accepted, 4 decimals; 0 when nothing was accepted
 */
public record StatsRow(String key, long scans, long accepted, long joins, double conversionRate) {
    public StatsRow {
        Objects.requireNonNull(key, "key");
    }
}
