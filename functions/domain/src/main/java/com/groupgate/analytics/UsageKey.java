package com.groupgate.analytics;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import com.groupgate.error.RefusalException;
import com.groupgate.id.TenantId;

/**
 * The usage item of one tenant for one billing month. Billing months are UTC months, the
 * same for every tenant whatever its display time zone, so that an invoice never depends
 * on a setting the tenant can change.
 *
 * <p>Table form: {@code pk = "T#<tenant>#USAGE"}, {@code sk = "M#2026-11"}.
 *
 * @param month the month as {@code YYYY-MM}
 */
public record UsageKey(TenantId tenantId, String month) {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");

    public UsageKey {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(month, "month");
        if (parseMonthOrNull(month) == null) {
            throw new IllegalArgumentException("month must be YYYY-MM: " + month);
        }
    }

    /** The usage item {@code at} counts toward. */
    public static UsageKey of(TenantId tenantId, Instant at) {
        Objects.requireNonNull(at, "at");
        return new UsageKey(tenantId, MONTH.format(YearMonth.from(at.atOffset(ZoneOffset.UTC))));
    }

    /**
     * The {@code month} query parameter of {@code GET /v1/usage}, checked.
     *
     * @throws RefusalException a 400 naming {@code month} when it is missing or not YYYY-MM
     */
    public static UsageKey forRequest(TenantId tenantId, String month) {
        if (month == null || parseMonthOrNull(month) == null) {
            throw RefusalException.badField("month", "must be a month as YYYY-MM");
        }
        return new UsageKey(tenantId, month);
    }

    public String pk() {
        return "T#" + tenantId.text() + "#USAGE";
    }

    public String sk() {
        return "M#" + month;
    }

    /** The inverse of {@link #pk()} and {@link #sk()}. */
    public static UsageKey parse(String pk, String sk) {
        Objects.requireNonNull(pk, "pk");
        Objects.requireNonNull(sk, "sk");
        String[] p = pk.split("#", -1);
        if (p.length != 3 || !p[0].equals("T") || !p[2].equals("USAGE") || !sk.startsWith("M#")) {
            throw new IllegalArgumentException("not a usage key: " + pk + " " + sk);
        }
        TenantId tenantId = TenantId.parse(p[1])
                .orElseThrow(() -> new IllegalArgumentException("not a usage key: " + pk + " " + sk));
        return new UsageKey(tenantId, sk.substring(2));
    }

    private static YearMonth parseMonthOrNull(String month) {
        if (month.length() != 7) {
            return null; // uuuu would also take signed or five-digit years
        }
        try {
            return YearMonth.parse(month, MONTH);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
