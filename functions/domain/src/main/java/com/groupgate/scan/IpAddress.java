package com.groupgate.scan;

import java.util.Arrays;

/**
 * Literal IP address parsing without name resolution. {@code InetAddress.getByName} would
 * send anything that is not a literal to DNS, which on the scan path means an attacker
 * chooses our outbound lookups and our latency; this parser only ever reads characters.
 *
 * <p>Accepted forms: dotted-quad IPv4 ({@code 203.0.113.7}), IPv6 with or without
 * {@code ::} compression and with an optional trailing dotted quad
 * ({@code ::ffff:203.0.113.7}). IPv4 octets with leading zeros are refused because some
 * parsers read them as octal, so the same text would name different hosts to different
 * readers. IPv6 zone ids ({@code %eth0}) are refused: they never arrive from a viewer.
 */
public final class IpAddress {
    /** The first ten bytes of an IPv4-mapped IPv6 address are zero, then two 0xFF bytes. */
    private static final int MAPPED_PREFIX_LENGTH = 12;

    private IpAddress() {
    }

    /**
     * The address in {@code text} as 4 or 16 bytes, or null when it is not one. Also
     * accepts {@code 203.0.113.7:443} and {@code [2001:db8::1]:443}. An unbracketed IPv6
     * address is read whole, never as address plus port, because the two readings are
     * ambiguous; use {@link #parseViewerAddressOrNull} for values known to carry a port.
     */
    public static byte[] parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = s.substring(close + 1);
            if (!rest.isEmpty() && !isPortSuffix(rest)) {
                return null;
            }
            return parseIpv6(s, 1, close);
        }
        int firstColon = s.indexOf(':');
        if (firstColon < 0) {
            return parseIpv4(s, 0, s.length());
        }
        if (s.indexOf(':', firstColon + 1) < 0 && s.indexOf('.') >= 0) {
            // Exactly one colon and a dot: IPv4 with a port.
            if (!isPortSuffix(s.substring(firstColon))) {
                return null;
            }
            return parseIpv4(s, 0, firstColon);
        }
        return parseIpv6(s, 0, s.length());
    }

    /**
     * The address in a CloudFront-Viewer-Address value, which is always {@code ip:port}
     * and writes IPv6 without brackets ({@code 2001:db8::1:46532}): the text after the last
     * colon is the port. Bracketed forms are accepted too. Null when it is not one.
     */
    public static byte[] parseViewerAddressOrNull(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            return parseOrNull(s);
        }
        int lastColon = s.lastIndexOf(':');
        if (lastColon <= 0 || !isPortSuffix(s.substring(lastColon))) {
            return null;
        }
        String host = s.substring(0, lastColon);
        return host.indexOf(':') < 0 ? parseIpv4(host, 0, host.length()) : parseIpv6(host, 0, host.length());
    }

    /**
     * The address a rule should see: an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d},
     * what a dual-stack socket reports for an IPv4 peer) becomes its 4 IPv4 bytes, so that
     * IPv4 CIDR rules and IP hashes treat one client the same however it was reported.
     * Other addresses are returned as given; null stays null.
     */
    public static byte[] canonical(byte[] address) {
        if (address == null || address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
            return address;
        }
        return Arrays.copyOfRange(address, MAPPED_PREFIX_LENGTH, 16);
    }

    /** {@code :} followed by 1 to 5 digits of a value at most 65535. */
    private static boolean isPortSuffix(String s) {
        if (s.length() < 2 || s.length() > 6 || s.charAt(0) != ':') {
            return false;
        }
        int port = 0;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535;
    }

    /** Dotted-quad IPv4 in {@code s[start, end)}, or null. */
    static byte[] parseIpv4(String s, int start, int end) {
        byte[] out = new byte[4];
        return readIpv4(s, start, end, out, 0) ? out : null;
    }

    private static boolean readIpv4(String s, int start, int end, byte[] out, int offset) {
        int part = 0;
        int i = start;
        while (part < 4) {
            int digitsStart = i;
            int value = 0;
            while (i < end && i - digitsStart < 4) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - digitsStart;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && s.charAt(digitsStart) == '0')) {
                return false;
            }
            out[offset + part] = (byte) value;
            part++;
            if (part < 4) {
                if (i >= end || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == end;
    }

    /** ASCII hex digits only: {@code Character.digit} would also take fullwidth and other scripts' digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** IPv6 in {@code s[start, end)}, or null. */
    static byte[] parseIpv6(String s, int start, int end) {
        if (end - start < 2 || end - start > 45) {
            return null;
        }
        byte[] out = new byte[16];
        int groups = 0;          // 16-bit groups written so far
        int gap = -1;            // group index where "::" stands, or -1
        int i = start;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return null;
            }
            gap = 0;
            i += 2;
            if (i == end) {
                return out;      // "::"
            }
        }
        while (i < end) {
            if (groups == 8) {
                return null;
            }
            int digitsStart = i;
            int value = 0;
            while (i < end && i - digitsStart < 5) {
                int d = hexValue(s.charAt(i));
                if (d < 0) {
                    break;
                }
                value = (value << 4) | d;
                i++;
            }
            int digits = i - digitsStart;
            if (i < end && s.charAt(i) == '.') {
                // A trailing dotted quad fills the last two groups.
                if (groups > 6 || !readIpv4(s, digitsStart, end, out, groups * 2)) {
                    return null;
                }
                groups += 2;
                i = end;
                break;
            }
            if (digits == 0 || digits > 4) {
                return null;
            }
            out[groups * 2] = (byte) (value >>> 8);
            out[groups * 2 + 1] = (byte) value;
            groups++;
            if (i == end) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < end && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;     // a second "::"
                }
                gap = groups;
                i++;
                if (i == end) {
                    break;
                }
            } else if (i == end) {
                return null;         // trailing single ':'
            }
        }
        if (gap < 0) {
            return groups == 8 ? out : null;
        }
        if (groups == 8) {
            return null;             // "::" must stand for at least one group
        }
        int tailBytes = (groups - gap) * 2;
        System.arraycopy(out, gap * 2, out, 16 - tailBytes, tailBytes);
        Arrays.fill(out, gap * 2, 16 - tailBytes, (byte) 0);
        return out;
    }
}
