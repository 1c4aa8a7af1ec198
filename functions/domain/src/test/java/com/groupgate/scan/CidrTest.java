package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0, true",
        "10.0.0.0/8, 10.255.255.255, true",
        "10.0.0.0/8, 11.0.0.0, false",
        "10.0.0.0/8, 9.255.255.255, false",
        "192.168.1.0/24, 192.168.1.77, true",
        "192.168.1.0/24, 192.168.2.1, false",
        "203.0.113.7, 203.0.113.7, true",
        "203.0.113.7, 203.0.113.8, false",
        "0.0.0.0/0, 8.8.8.8, true",
        "172.16.0.0/12, 172.31.255.255, true",
        "172.16.0.0/12, 172.32.0.0, false",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "2001:db8::1, 2001:db8::1, true",
        "2001:db8::1, 2001:db8::2, false",
        "::/0, 2606:4700::1, true",
        "2001:db8:0:8000::/49, 2001:db8:0:8000::1, true",
        "2001:db8:0:8000::/49, 2001:db8:0:7fff::1, false",
        "2001:db8::/127, 2001:db8::1, true",
        "2001:db8::/127, 2001:db8::2, false",
    })
    void containsExactlyTheAddressesUnderItsPrefix(String cidr, String address, boolean expected) {
        assertEquals(expected, Cidr.parse(cidr).contains(IpAddress.parseOrNull(address)));
    }

    @Test
    void anAddressOfTheOtherFamilyIsNeverContained() {
        assertFalse(Cidr.parse("0.0.0.0/0").contains(IpAddress.parseOrNull("2001:db8::1")));
        assertFalse(Cidr.parse("::/0").contains(IpAddress.parseOrNull("10.0.0.1")));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(null));
    }

    @Test
    void aBareAddressIsASingleHost() {
        assertEquals(32, Cidr.parse("10.1.2.3").prefixLength());
        assertEquals(128, Cidr.parse("2001:db8::1").prefixLength());
    }

    @Test
    void hostBitsAreClearedAndShownCanonically() {
        assertEquals("192.168.1.0/24", Cidr.parse("192.168.1.7/24").toString());
        assertEquals(Cidr.parse("192.168.1.0/24"), Cidr.parse("192.168.1.7/24"));
        assertEquals("2001:db8:0:0:0:0:0:0/32", Cidr.parse("2001:DB8:ff::/32").toString());
    }

    @Test
    void ipv4MappedNetworksAreHeldAsIpv4() {
        Cidr mapped = Cidr.parse("::ffff:10.0.0.0/104");
        assertEquals(Cidr.parse("10.0.0.0/8"), mapped);
        assertTrue(mapped.contains(IpAddress.parseOrNull("10.9.9.9")));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8",
        "10.0.0/8", "example.com/8", "10.0.0.0 /8", "10.0.0.0/ 8", "10.0.0.0/0x8", "::1/1000", "10.0.0.0:80/8"})
    void parseRefusalNamesTheBadValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }

    @Property
    void ipv6ContainsIffLeadingPrefixBitsAgree(@ForAll @Size(16) byte[] network, @ForAll @Size(16) byte[] probe,
            @ForAll @IntRange(min = 0, max = 128) int prefix, @ForAll @IntRange(min = 0, max = 128) int shared) {
        // Make the probe share a random number of leading bits with the network.
        byte[] p = probe.clone();
        for (int bit = 0; bit < shared; bit++) {
            int mask = 0x80 >>> (bit % 8);
            p[bit / 8] = (byte) ((p[bit / 8] & ~mask) | (network[bit / 8] & mask));
        }
        Cidr cidr = Cidr.parse(text16(network) + "/" + prefix);
        boolean expected = prefix == 0
                || new BigInteger(1, network).shiftRight(128 - prefix).equals(new BigInteger(1, p).shiftRight(128 - prefix));
        // The parser maps ::ffff:0:0/96 networks to IPv4; skip that corner of the space.
        if (cidr.isIpv6()) {
            assertEquals(expected, cidr.contains(p));
        }
    }

    @Property
    void ipv4ContainsIffLeadingPrefixBitsAgree(@ForAll @Size(4) byte[] network, @ForAll @Size(4) byte[] probe,
            @ForAll @IntRange(min = 0, max = 32) int prefix) {
        long n = new BigInteger(1, network).longValue();
        long a = new BigInteger(1, probe).longValue();
        boolean expected = prefix == 0 || (n >>> (32 - prefix)) == (a >>> (32 - prefix));
        String text = (n >>> 24) + "." + ((n >>> 16) & 255) + "." + ((n >>> 8) & 255) + "." + (n & 255) + "/" + prefix;
        assertEquals(expected, Cidr.parse(text).contains(probe));
        assertTrue(Cidr.parse(text).contains(network));
    }

    private static String text16(byte[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString((a[i] & 0xFF) << 8 | (a[i + 1] & 0xFF)));
        }
        return sb.toString();
    }
}
