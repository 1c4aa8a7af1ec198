package com.groupgate.scan;

import com.groupgate.secret.SecretValues;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Who is scanning, as far as we can trust it: the client address (4 or 16 bytes, IPv4-mapped
 * addresses reduced to IPv4), country ({@code CN}), region ({@code CN-GD}), city, and the
 * User-Agent. Any of them may be null when unknown.
 *
 * <p>The raw address is held only to evaluate rules and to compute
 * {@link ClientIpHash}; {@link #toString} leaves it out so it cannot reach a log.
 */
public record ClientContext(byte[] ipBytes, String country, String region, String city, String userAgent) {

    public static final String ORIGIN_VERIFY = "x-origin-verify";
    public static final String VIEWER_COUNTRY = "cloudfront-viewer-country";
    public static final String VIEWER_REGION = "cloudfront-viewer-country-region";
    public static final String VIEWER_CITY = "cloudfront-viewer-city";
    public static final String VIEWER_ADDRESS = "cloudfront-viewer-address";
    public static final String USER_AGENT = "user-agent";

    /** Longest city name kept; longer values are cut so analytics keys stay bounded. */
    static final int MAX_CITY_LENGTH = 100;
    /** Longest User-Agent kept; classification needs far less, and attackers send more. */
    static final int MAX_USER_AGENT_LENGTH = 512;

    public static final ClientContext UNKNOWN = new ClientContext(null, null, null, null, null);

    public ClientContext {
        if (ipBytes != null) {
            if (ipBytes.length != 4 && ipBytes.length != 16) {
                throw new IllegalArgumentException("ipBytes must be 4 or 16 bytes, was " + ipBytes.length);
            }
            ipBytes = IpAddress.canonical(ipBytes).clone();
        }
        if (country != null && !GeoRules.isCountryCode(country)) {
            throw new IllegalArgumentException("country must be ISO 3166-1 alpha-2 uppercase: " + country);
        }
        if (region != null && !GeoRules.isRegionCode(region)) {
            throw new IllegalArgumentException("region must be ISO 3166-2 uppercase: " + region);
        }
    }

    /**
     * The client of an HTTP request. CloudFront's viewer headers are believed only when
     * {@code x-origin-verify} equals {@code originSecret}, which only our distribution adds;
     * anyone calling the function URL or API directly could otherwise claim any country or
     * address. Without that proof the client is {@code sourceIp} (the connection's peer)
     * and geo is unknown. With it, the client is CloudFront-Viewer-Address, or unknown when
     * that is missing: {@code sourceIp} is then a CloudFront edge, not the scanner.
     *
     * @param lowercaseHeaders request headers with lowercase names (API Gateway HTTP API v2
     *     delivers them so)
     * @param sourceIp the connection's peer address, as API Gateway reports it; may be null
     * @param originSecret the secret CloudFront adds; null or empty means never trust
     */
    public static ClientContext from(Map<String, String> lowercaseHeaders, String sourceIp, String originSecret) {
        return checkedBy(lowercaseHeaders, sourceIp, SecretValues.of(originSecret)::accepts);
    }

    /**
     * As {@link #from(Map, String, String)}, with {@code isOriginSecret} telling whether a
     * presented {@code x-origin-verify} is the origin secret (asked only when there is one).
     */
    public static ClientContext checkedBy(Map<String, String> lowercaseHeaders, String sourceIp,
                                          Predicate<String> isOriginSecret) {
        Objects.requireNonNull(lowercaseHeaders, "lowercaseHeaders");
        String userAgent = lowercaseHeaders.get(USER_AGENT);
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT_LENGTH) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT_LENGTH);
        }
        String presented = lowercaseHeaders.get(ORIGIN_VERIFY);
        if (presented == null || !isOriginSecret.test(presented)) {
            return new ClientContext(IpAddress.parseOrNull(sourceIp), null, null, null, userAgent);
        }
        String country = upper(lowercaseHeaders.get(VIEWER_COUNTRY));
        if (!GeoRules.isCountryCode(country)) {
            country = null;
        }
        return new ClientContext(
                IpAddress.parseViewerAddressOrNull(lowercaseHeaders.get(VIEWER_ADDRESS)),
                country,
                region(country, upper(lowercaseHeaders.get(VIEWER_REGION))),
                city(lowercaseHeaders.get(VIEWER_CITY)),
                userAgent);
    }

    /**
     * Whether {@code presented} (the request's {@code x-origin-verify}) is our distribution's
     * secret: the one test of "came through the edge", for geo trust here and for the
     * handlers' origin check. Constant-time: SHA-256 of both compared, so the time depends
     * on neither how much of a guess was right nor the secret's length. Null or empty
     * {@code originSecret} matches nothing.
     */
    public static boolean fromOurCloudFront(String presented, String originSecret) {
        return SecretValues.of(originSecret).accepts(presented);
    }

    /**
     * CloudFront sends the subdivision alone ({@code GD}); rules use ISO 3166-2
     * ({@code CN-GD}). A value already prefixed is accepted when the prefix is the
     * viewer's country, or when the country is unknown. Anything else is unknown.
     */
    private static String region(String country, String value) {
        if (value == null) {
            return null;
        }
        if (GeoRules.isRegionCode(value)) {
            return country == null || value.startsWith(country) ? value : null;
        }
        if (country != null && GeoRules.isSubdivision(value, 0)) {
            return country + "-" + value;
        }
        return null;
    }

    /** CloudFront URL-encodes city names ({@code S%C3%A3o%20Paulo}); malformed escapes are kept raw. */
    private static String city(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String decoded = value;
        if (value.indexOf('%') >= 0 || value.indexOf('+') >= 0) {
            try {
                decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                decoded = value;
            }
        }
        decoded = decoded.strip();
        if (decoded.length() > MAX_CITY_LENGTH) {
            decoded = decoded.substring(0, MAX_CITY_LENGTH);
        }
        return decoded.isEmpty() ? null : decoded;
    }

    private static String upper(String value) {
        return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    }

    /** A copy: records expose their components, and callers must not change ours. */
    @Override
    public byte[] ipBytes() {
        return ipBytes == null ? null : ipBytes.clone();
    }

    /** Whether the client's address is known. */
    public boolean hasIp() {
        return ipBytes != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientContext c
                && Arrays.equals(ipBytes, c.ipBytes)
                && Objects.equals(country, c.country) && Objects.equals(region, c.region)
                && Objects.equals(city, c.city) && Objects.equals(userAgent, c.userAgent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ipBytes), country, region, city, userAgent);
    }

    @Override
    public String toString() {
        return "ClientContext[ip=" + (ipBytes == null ? "unknown" : "<withheld>")
                + ", country=" + country + ", region=" + region + ", city=" + city
                + ", userAgent=" + userAgent + "]";
    }
}
