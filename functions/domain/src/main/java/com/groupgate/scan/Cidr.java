package com.groupgate.scan;

import java.util.Objects;

/**
 * An IPv4 or IPv6 network: an address and a prefix length, parsed from text such as
 * {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare address (a single host, /32 or
 * /128). Immutable. Host bits set in the text are cleared, so {@code 192.168.1.7/24}
 * means {@code 192.168.1.0/24}; {@link #toString} shows the cleared form. An IPv4-mapped
 * IPv6 network of prefix 96 or more ({@code ::ffff:10.0.0.0/104}) is held as the IPv4
 * network it names ({@code 10.0.0.0/8}), matching how {@link IpAddress#canonical} reports
 * clients.
 *
 * <p>The network and mask are held as two 64-bit halves so that {@link #contains}, which
 * runs for every scan of a code with IP rules, is a few loads and compares with no
 * allocation.
 */
public final class Cidr {
    private final int addressLength;   // 4 or 16
    private final int prefixLength;    // 0..32 or 0..128
    // The address as a 128-bit number (IPv4 in the low 32 bits of lo), host bits cleared.
    private final long hi;
    private final long lo;
    private final long maskHi;
    private final long maskLo;

    private Cidr(byte[] address, int prefixLength) {
        this.addressLength = address.length;
        this.prefixLength = prefixLength;
        int totalBits = address.length * 8;
        long[] mask = halves(maskBytes(address.length, prefixLength));
        long[] value = halves(address);
        this.maskHi = mask[0];
        this.maskLo = mask[1];
        this.hi = value[0] & maskHi;
        this.lo = value[1] & maskLo;
        assert prefixLength >= 0 && prefixLength <= totalBits;
    }

    /**
     * The network written in {@code text}.
     *
     * @throws IllegalArgumentException naming {@code text} when it is not an IPv4 or IPv6
     *     literal with an optional {@code /prefix} in range for its family
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = addressText.indexOf(':') >= 0
                ? IpAddress.parseIpv6(addressText, 0, addressText.length())
                : IpAddress.parseIpv4(addressText, 0, addressText.length());
        if (address == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR: \"" + text + "\"");
        }
        int maxPrefix = address.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            prefix = parsePrefix(text, slash + 1, maxPrefix);
            if (prefix < 0) {
                throw new IllegalArgumentException("CIDR prefix length must be 0.." + maxPrefix + ": \"" + text + "\"");
            }
        }
        if (address.length == 16 && prefix >= 96 && IpAddress.canonical(address).length == 4) {
            // ::ffff:a.b.c.d/n names IPv4 hosts; clients arrive canonical (4 bytes), so must the rule.
            return new Cidr(IpAddress.canonical(address), prefix - 96);
        }
        return new Cidr(address, prefix);
    }

    /** The network of exactly one address. */
    public static Cidr ofAddress(byte[] address) {
        Objects.requireNonNull(address, "address");
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes, was " + address.length);
        }
        return new Cidr(address.clone(), address.length * 8);
    }

    /**
     * Whether {@code address} (4 or 16 bytes) lies in this network. An address of the other
     * family, or null, is never contained: an IPv4 rule says nothing about an IPv6 client.
     * Callers that want IPv4-mapped IPv6 clients matched by IPv4 rules pass
     * {@link IpAddress#canonical} addresses.
     */
    public boolean contains(byte[] address) {
        if (address == null || address.length != addressLength) {
            return false;
        }
        long aHi = 0;
        long aLo = 0;
        if (addressLength == 4) {
            aLo = readInt(address, 0) & 0xFFFF_FFFFL;
        } else {
            aHi = readLong(address, 0);
            aLo = readLong(address, 8);
        }
        return (aHi & maskHi) == hi && (aLo & maskLo) == lo;
    }

    public boolean isIpv6() {
        return addressLength == 16;
    }

    public int prefixLength() {
        return prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c
                && c.addressLength == addressLength && c.prefixLength == prefixLength
                && c.hi == hi && c.lo == lo;
    }

    @Override
    public int hashCode() {
        return Objects.hash(addressLength, prefixLength, hi, lo);
    }

    /** Canonical text: {@code 10.0.0.0/8}, or full uncompressed lowercase IPv6 groups. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (addressLength == 4) {
            for (int i = 3; i >= 0; i--) {
                sb.append((lo >>> (8 * i)) & 0xFF);
                if (i > 0) {
                    sb.append('.');
                }
            }
        } else {
            for (int g = 0; g < 8; g++) {
                long half = g < 4 ? hi : lo;
                sb.append(Long.toHexString((half >>> (16 * (3 - g % 4))) & 0xFFFF));
                if (g < 7) {
                    sb.append(':');
                }
            }
        }
        return sb.append('/').append(prefixLength).toString();
    }

    /** Decimal digits from {@code start} to the end, at most {@code max}; -1 otherwise. */
    private static int parsePrefix(String text, int start, int max) {
        int length = text.length() - start;
        if (length < 1 || length > 3) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }

    private static byte[] maskBytes(int length, int prefixLength) {
        byte[] mask = new byte[length];
        for (int bit = 0; bit < prefixLength; bit++) {
            mask[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return mask;
    }

    /** {hi, lo} of a 16-byte value, or {0, value} of a 4-byte one. */
    private static long[] halves(byte[] bytes) {
        if (bytes.length == 4) {
            return new long[] {0, readInt(bytes, 0) & 0xFFFF_FFFFL};
        }
        return new long[] {readLong(bytes, 0), readLong(bytes, 8)};
    }

    private static int readInt(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 24 | (b[offset + 1] & 0xFF) << 16 | (b[offset + 2] & 0xFF) << 8 | (b[offset + 3] & 0xFF);
    }

    private static long readLong(byte[] b, int offset) {
        return (long) readInt(b, offset) << 32 | (readInt(b, offset + 4) & 0xFFFF_FFFFL);
    }
}
