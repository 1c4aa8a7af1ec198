package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "203.0.113.7                 | 203.0.113.7",
        "0.0.0.0                     | 0.0.0.0",
        "255.255.255.255             | 255.255.255.255",
        "203.0.113.7:443             | 203.0.113.7",
        "' 203.0.113.7 '             | 203.0.113.7",
        "::                          | 0:0:0:0:0:0:0:0",
        "::1                         | 0:0:0:0:0:0:0:1",
        "1::                         | 1:0:0:0:0:0:0:0",
        "2001:db8::1                 | 2001:db8:0:0:0:0:0:1",
        "2001:DB8:0:0:8:800:200C:417A | 2001:db8:0:0:8:800:200c:417a",
        "fe80::1:2                   | fe80:0:0:0:0:0:1:2",
        "1:2:3:4:5:6:7::             | 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8             | 0:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:1.2.3.4         | 1:2:3:4:5:6:102:304",
        "::ffff:1.2.3.4              | 0:0:0:0:0:ffff:102:304",
        "[2001:db8::1]:443           | 2001:db8:0:0:0:0:0:1",
        "[2001:db8::1]               | 2001:db8:0:0:0:0:0:1",
    })
    void parsesLiteralAddressesAndPortForms(String text, String expected) throws UnknownHostException {
        assertArrayEquals(InetAddress.getByName(expected).getAddress(), withMappedKept(expected, IpAddress.parseOrNull(text)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "", " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1..3.4", "1.2.3.4:", "1.2.3.4:99999",
        "1.2.3.4:8a", "１.2.3.4", "::1::", ":::", "1:2:3:4:5:6:7:8:9", "1::2:3:4:5:6:7:8", "12345::", "1:",
        ":1", "g::1", "fe80::1%eth0", "[::1", "[::1]x", "[::1]:", "::ffff:1.2.3", "1:2:3:4:5:6:7:1.2.3.4",
        "example.com", "localhost", "2001:db8::1/64"
    })
    void refusesWhatIsNotALiteralAddress(String text) {
        assertNull(IpAddress.parseOrNull(text));
    }

    @Test
    void nullIsNoAddress() {
        assertNull(IpAddress.parseOrNull(null));
        assertNull(IpAddress.parseViewerAddressOrNull(null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "198.51.100.10:46532                      | 198.51.100.10",
        "2001:db8:85a3::8a2e:370:7334:46532       | 2001:db8:85a3:0:0:8a2e:370:7334",
        "2001:db8::1:443                          | 2001:db8:0:0:0:0:0:1",
        "[2001:db8::1]:443                        | 2001:db8:0:0:0:0:0:1",
    })
    void viewerAddressAlwaysEndsInAPort(String text, String expected) throws UnknownHostException {
        assertArrayEquals(InetAddress.getByName(expected).getAddress(), IpAddress.parseViewerAddressOrNull(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"198.51.100.10", "2001:db8::1", "198.51.100.10:x", "host:80", ""})
    void viewerAddressWithoutAValidPortIsUnknown(String text) {
        assertNull(IpAddress.parseViewerAddressOrNull(text));
    }

    @Test
    void canonicalReducesIpv4MappedToIpv4Only() {
        assertArrayEquals(new byte[] {1, 2, 3, 4}, IpAddress.canonical(IpAddress.parseOrNull("::ffff:1.2.3.4")));
        byte[] compatible = IpAddress.parseOrNull("::1.2.3.4");
        assertEquals(16, IpAddress.canonical(compatible).length);
        byte[] v6 = IpAddress.parseOrNull("2001:db8::1");
        assertArrayEquals(v6, IpAddress.canonical(v6));
        assertNull(IpAddress.canonical(null));
    }

    @Property
    void readsEveryIpv6AddressAsJavaWritesIt(@ForAll @Size(16) byte[] address) throws UnknownHostException {
        // Java writes uncompressed groups; write a "::"-compressed form too.
        String full = InetAddress.getByAddress(address).getHostAddress();
        byte[] expected = InetAddress.getByAddress(address).getAddress();
        assertArrayEquals(expected, IpAddress.canonical(IpAddress.parseOrNull(full)));
        assertArrayEquals(address, IpAddress.parseOrNull(compressed(address)));
    }

    @Property
    void readsEveryIpv4AddressAsJavaWritesIt(@ForAll @Size(4) byte[] address) throws UnknownHostException {
        String text = InetAddress.getByAddress(address).getHostAddress();
        assertArrayEquals(address, IpAddress.parseOrNull(text));
        assertArrayEquals(address, IpAddress.parseViewerAddressOrNull(text + ":65535"));
    }

    /** RFC 5952 style: the longest run of zero groups becomes "::". */
    private static String compressed(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xFF) << 8 | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Java turns ::ffff:a.b.c.d into 4 bytes; our parser keeps what was written. */
    private static byte[] withMappedKept(String expected, byte[] parsed) {
        return expected.equals("0:0:0:0:0:ffff:102:304") ? IpAddress.canonical(parsed) : parsed;
    }
}
