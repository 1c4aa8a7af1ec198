package com.groupgate.webhook;

import com.groupgate.scan.Cidr;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may be sent to: public unicast only. The ranges refused are
 * those a request from inside AWS must never reach — the machine itself, its VPC, the
 * instance metadata service — and those that are not a host on the internet at all.
 * IPv4 addresses embedded in IPv6 ones (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged as the
 * IPv4 address they reach.
 *
 * <p>Pure: it judges address bytes; resolving a name is the caller's I/O.
 */
public final class TargetAddress {
    /** Why an address is refused. */
    public enum Refusal {
        LOOPBACK("loopback"),
        PRIVATE("private"),
        LINK_LOCAL("link-local"),
        UNIQUE_LOCAL("unique-local"),
        METADATA("cloud metadata"),
        NOT_UNICAST("not a public unicast address");

        private final String text;

        Refusal(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private record Range(Cidr cidr, Refusal refusal) {
    }

    private static Range range(String cidr, Refusal refusal) {
        return new Range(Cidr.parse(cidr), refusal);
    }

    /** Checked in order: the metadata addresses before the link-local and unique-local ranges holding them. */
    private static final List<Range> V4 = List.of(
            range("169.254.169.254/32", Refusal.METADATA),
            range("127.0.0.0/8", Refusal.LOOPBACK),
            range("10.0.0.0/8", Refusal.PRIVATE),
            range("172.16.0.0/12", Refusal.PRIVATE),
            range("192.168.0.0/16", Refusal.PRIVATE),
            range("100.64.0.0/10", Refusal.PRIVATE),          // carrier-grade NAT
            range("169.254.0.0/16", Refusal.LINK_LOCAL),
            range("0.0.0.0/8", Refusal.NOT_UNICAST),          // "this network"
            range("192.0.0.0/24", Refusal.NOT_UNICAST),       // IETF protocol assignments
            range("192.0.2.0/24", Refusal.NOT_UNICAST),       // documentation
            range("198.18.0.0/15", Refusal.NOT_UNICAST),      // benchmarking
            range("198.51.100.0/24", Refusal.NOT_UNICAST),    // documentation
            range("203.0.113.0/24", Refusal.NOT_UNICAST),     // documentation
            range("224.0.0.0/4", Refusal.NOT_UNICAST),        // multicast
            range("240.0.0.0/4", Refusal.NOT_UNICAST));       // reserved, broadcast
    private static final List<Range> V6 = List.of(
            range("fd00:ec2::254/128", Refusal.METADATA),
            range("::1/128", Refusal.LOOPBACK),
            range("::/128", Refusal.NOT_UNICAST),
            range("fe80::/10", Refusal.LINK_LOCAL),
            range("fc00::/7", Refusal.UNIQUE_LOCAL),
            range("ff00::/8", Refusal.NOT_UNICAST),           // multicast
            range("2001:db8::/32", Refusal.NOT_UNICAST),      // documentation
            range("100::/64", Refusal.NOT_UNICAST));          // discard
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");

    private TargetAddress() {
    }

    /** Why {@code address} (4 or 16 bytes) may not be sent to, or empty when it is public. */
    public static Optional<Refusal> refusal(byte[] address) {
        if (address == null || (address.length != 4 && address.length != 16)) {
            return Optional.of(Refusal.NOT_UNICAST);
        }
        if (address.length == 4) {
            return first(V4, address);
        }
        Optional<Refusal> own = first(V6, address);
        if (own.isPresent()) {
            return own;
        }
        byte[] embedded = embeddedIpv4(address);
        return embedded == null ? Optional.empty() : first(V4, embedded);
    }

    /** Whether {@code address} is a loopback address (127/8, ::1, or IPv4 loopback inside IPv6). */
    public static boolean isLoopback(byte[] address) {
        return refusal(address).filter(r -> r == Refusal.LOOPBACK).isPresent();
    }

    private static Optional<Refusal> first(List<Range> ranges, byte[] address) {
        for (Range r : ranges) {
            if (r.cidr().contains(address)) {
                return Optional.of(r.refusal());
            }
        }
        return Optional.empty();
    }

    /** {@code ::ffff:a.b.c.d} (checked by hand: {@link Cidr} holds such a network as the IPv4 one). */
    private static boolean isMapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xFF && v6[11] == (byte) 0xFF;
    }

    /** The IPv4 address an IPv6 one stands for, or null. */
    private static byte[] embeddedIpv4(byte[] v6) {
        if (isMapped(v6) || COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            return java.util.Arrays.copyOfRange(v6, 12, 16);
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return java.util.Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }
}
