package com.groupgate.scan;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a code may be scanned from: allow and deny lists of countries (ISO 3166-1
 * alpha-2, {@code CN}), regions (ISO 3166-2, {@code CN-GD}) and IP networks.
 *
 * <p>Semantics of {@link #check}, in this order:
 * <ol>
 *   <li>Deny lists win: a client matching any deny list is blocked, whatever the allow
 *       lists say.
 *   <li>Each dimension (country, region, network) whose allow list is non-empty must be
 *       matched; dimensions combine with AND, so {@code allowCountries=[CN]} plus
 *       {@code allowCidrs=[10.0.0.0/8]} admits only Chinese clients inside 10/8.
 *   <li>Unknown geo or IP (request not from our CloudFront, or CloudFront did not know)
 *       fails every non-empty allow list of that dimension but passes deny lists: a rule
 *       that says "only CN" must not admit a client we cannot place, while "not RU" has
 *       nothing to refuse.
 * </ol>
 *
 * <p>Lists keep the tenant's order for echoing back; each holds at most
 * {@value #MAX_ENTRIES} entries, so linear scans stay short. Networks are parsed once, here.
 */
public record GeoRules(
        List<String> allowCountries,
        List<String> denyCountries,
        List<String> allowRegions,
        List<String> denyRegions,
        List<Cidr> allowCidrs,
        List<Cidr> denyCidrs) {

    public static final int MAX_ENTRIES = 100;

    /** No restriction. */
    public static final GeoRules NONE = new GeoRules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    /** Validates and copies; null lists are empty. Field names in refusals are {@code geo.*}. */
    public GeoRules {
        allowCountries = countries(allowCountries, "geo.allowCountries");
        denyCountries = countries(denyCountries, "geo.denyCountries");
        allowRegions = regions(allowRegions, "geo.allowRegions");
        denyRegions = regions(denyRegions, "geo.denyRegions");
        allowCidrs = copy(allowCidrs, "geo.allowCidrs");
        denyCidrs = copy(denyCidrs, "geo.denyCidrs");
    }

    /**
     * Rules from their wire form (the {@code geo} object of a code request); null lists
     * are empty.
     *
     * @throws RefusalException a bad request naming the exact field, e.g.
     *     {@code geo.allowCidrs}, when an entry is malformed or a list is too long
     */
    public static GeoRules of(
            List<String> allowCountries, List<String> denyCountries,
            List<String> allowRegions, List<String> denyRegions,
            List<String> allowCidrs, List<String> denyCidrs) {
        return new GeoRules(allowCountries, denyCountries, allowRegions, denyRegions,
                cidrs(allowCidrs, "geo.allowCidrs"), cidrs(denyCidrs, "geo.denyCidrs"));
    }

    /** Whether any list is non-empty; a code without rules skips {@link #check}. */
    public boolean restricts() {
        return !(allowCountries.isEmpty() && denyCountries.isEmpty() && allowRegions.isEmpty()
                && denyRegions.isEmpty() && allowCidrs.isEmpty() && denyCidrs.isEmpty());
    }

    /** {@link Refusal#GEO_BLOCKED} when {@code client} may not scan, else empty. */
    public Optional<Refusal> check(ClientContext client) {
        String country = client.country();
        String region = client.region();
        byte[] ip = client.ipBytes();
        boolean denied = (country != null && denyCountries.contains(country))
                || (region != null && denyRegions.contains(region))
                || anyContains(denyCidrs, ip);
        boolean allowed = !denied
                && (allowCountries.isEmpty() || (country != null && allowCountries.contains(country)))
                && (allowRegions.isEmpty() || (region != null && allowRegions.contains(region)))
                && (allowCidrs.isEmpty() || anyContains(allowCidrs, ip));
        return allowed ? Optional.empty() : Optional.of(Refusal.GEO_BLOCKED);
    }

    /** The networks as text, for storing and echoing the rules. */
    public static List<String> texts(List<Cidr> cidrs) {
        List<String> out = new ArrayList<>(cidrs.size());
        for (Cidr c : cidrs) {
            out.add(c.toString());
        }
        return List.copyOf(out);
    }

    /** Exactly two ASCII uppercase letters. Checked by hand: this runs per scan. */
    static boolean isCountryCode(String s) {
        return s != null && s.length() == 2 && isUpper(s.charAt(0)) && isUpper(s.charAt(1));
    }

    /** ISO 3166-2: a country code, '-', then 1 to 3 ASCII uppercase letters or digits. */
    static boolean isRegionCode(String s) {
        if (s == null || s.length() < 4 || s.length() > 6 || s.charAt(2) != '-'
                || !isUpper(s.charAt(0)) || !isUpper(s.charAt(1))) {
            return false;
        }
        return isSubdivision(s, 3);
    }

    /** From {@code start} to the end: 1 to 3 ASCII uppercase letters or digits. */
    static boolean isSubdivision(String s, int start) {
        int length = s.length() - start;
        if (length < 1 || length > 3) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isUpper(c) && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean anyContains(List<Cidr> cidrs, byte[] ip) {
        if (ip == null) {
            return false;
        }
        for (Cidr c : cidrs) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> countries(List<String> list, String field) {
        List<String> out = copy(list, field);
        for (int i = 0; i < out.size(); i++) {
            if (!isCountryCode(out.get(i))) {
                throw RefusalException.badField(field,
                        "entry " + i + " must be an ISO 3166-1 alpha-2 code in uppercase, like CN");
            }
        }
        return out;
    }

    private static List<String> regions(List<String> list, String field) {
        List<String> out = copy(list, field);
        for (int i = 0; i < out.size(); i++) {
            if (!isRegionCode(out.get(i))) {
                throw RefusalException.badField(field,
                        "entry " + i + " must be an ISO 3166-2 code in uppercase, like CN-GD");
            }
        }
        return out;
    }

    private static List<Cidr> cidrs(List<String> list, String field) {
        List<String> texts = copy(list, field);
        List<Cidr> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(Cidr.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw RefusalException.badField(field,
                        "entry " + i + " must be an IPv4 or IPv6 address or CIDR, like 10.0.0.0/8 or 2001:db8::/32");
            }
        }
        return out;
    }

    private static <T> List<T> copy(List<T> list, String field) {
        if (list == null) {
            return List.of();
        }
        if (list.size() > MAX_ENTRIES) {
            throw RefusalException.badField(field, "at most " + MAX_ENTRIES + " entries, got " + list.size());
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw RefusalException.badField(field, "entry " + i + " is null");
            }
        }
        return List.copyOf(list);
    }
}
