package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientContextTest {
    private static final String SECRET = "s3cret-from-cloudfront";
    private static final String SOURCE_IP = "198.51.100.200";
    private static final String UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)";

    private static Map<String, String> viewerHeaders(String verify) {
        Map<String, String> h = new HashMap<>();
        if (verify != null) {
            h.put("x-origin-verify", verify);
        }
        h.put("cloudfront-viewer-country", "CN");
        h.put("cloudfront-viewer-country-region", "GD");
        h.put("cloudfront-viewer-city", "Shenzhen");
        h.put("cloudfront-viewer-address", "203.0.113.9:46532");
        h.put("user-agent", UA);
        return h;
    }

    @Test
    void viewerHeadersAreTrustedWithTheOriginSecret() {
        ClientContext c = ClientContext.from(viewerHeaders(SECRET), SOURCE_IP, SECRET);
        assertArrayEquals(new byte[] {(byte) 203, 0, 113, 9}, c.ipBytes());
        assertEquals("CN", c.country());
        assertEquals("CN-GD", c.region());
        assertEquals("Shenzhen", c.city());
        assertEquals(UA, c.userAgent());
    }

    @Test
    void viewerHeadersAreIgnoredWithAWrongSecret() {
        assertUntrusted(ClientContext.from(viewerHeaders("guess"), SOURCE_IP, SECRET));
        assertUntrusted(ClientContext.from(viewerHeaders(SECRET.substring(0, SECRET.length() - 1)), SOURCE_IP, SECRET));
        assertUntrusted(ClientContext.from(viewerHeaders(SECRET + "x"), SOURCE_IP, SECRET));
        assertUntrusted(ClientContext.from(viewerHeaders(SECRET.toUpperCase()), SOURCE_IP, SECRET));
    }

    @Test
    void viewerHeadersAreIgnoredWithoutTheVerifyHeader() {
        assertUntrusted(ClientContext.from(viewerHeaders(null), SOURCE_IP, SECRET));
    }

    @Test
    void anEmptyOrMissingSecretNeverTrusts() {
        assertUntrusted(ClientContext.from(viewerHeaders(""), SOURCE_IP, ""));
        assertUntrusted(ClientContext.from(viewerHeaders(""), SOURCE_IP, null));
        assertUntrusted(ClientContext.from(viewerHeaders(null), SOURCE_IP, null));
    }

    @Test
    void trustedRequestWithoutViewerAddressHasUnknownIpNotTheEdgeAddress() {
        Map<String, String> h = viewerHeaders(SECRET);
        h.remove("cloudfront-viewer-address");
        ClientContext c = ClientContext.from(h, SOURCE_IP, SECRET);
        assertNull(c.ipBytes());
        assertEquals("CN", c.country());
    }

    @Test
    void ipv6ViewerAddressIsReadWithoutBrackets() {
        Map<String, String> h = viewerHeaders(SECRET);
        h.put("cloudfront-viewer-address", "2001:db8:85a3::8a2e:370:7334:46532");
        assertArrayEquals(IpAddress.parseOrNull("2001:db8:85a3::8a2e:370:7334"),
                ClientContext.from(h, SOURCE_IP, SECRET).ipBytes());
    }

    @Test
    void ipv4MappedSourceIpIsReducedToIpv4() {
        ClientContext c = ClientContext.from(Map.of(), "::ffff:198.51.100.7", SECRET);
        assertArrayEquals(new byte[] {(byte) 198, 51, 100, 7}, c.ipBytes());
    }

    @Test
    void alreadyPrefixedRegionIsAccepted() {
        Map<String, String> h = viewerHeaders(SECRET);
        h.put("cloudfront-viewer-country-region", "CN-GD");
        assertEquals("CN-GD", ClientContext.from(h, SOURCE_IP, SECRET).region());
    }

    @Test
    void regionOfAnotherCountryOrMalformedIsUnknown() {
        Map<String, String> h = viewerHeaders(SECRET);
        h.put("cloudfront-viewer-country-region", "US-CA");
        assertNull(ClientContext.from(h, SOURCE_IP, SECRET).region());
        h.put("cloudfront-viewer-country-region", "G$D");
        assertNull(ClientContext.from(h, SOURCE_IP, SECRET).region());
    }

    @Test
    void regionWithoutACountryIsUnknown() {
        Map<String, String> h = viewerHeaders(SECRET);
        h.remove("cloudfront-viewer-country");
        ClientContext c = ClientContext.from(h, SOURCE_IP, SECRET);
        assertNull(c.country());
        assertNull(c.region());
    }

    @Test
    void lowercaseCountryIsNormalisedAndMalformedCountryIsUnknown() {
        Map<String, String> h = viewerHeaders(SECRET);
        h.put("cloudfront-viewer-country", "cn");
        assertEquals("CN", ClientContext.from(h, SOURCE_IP, SECRET).country());
        h.put("cloudfront-viewer-country", "CHN");
        assertNull(ClientContext.from(h, SOURCE_IP, SECRET).country());
    }

    @Test
    void urlEncodedCityIsDecoded() {
        Map<String, String> h = viewerHeaders(SECRET);
        h.put("cloudfront-viewer-city", "S%C3%A3o%20Paulo");
        assertEquals("São Paulo", ClientContext.from(h, SOURCE_IP, SECRET).city());
        h.put("cloudfront-viewer-city", "%E6%B7%B1%E5%9C%B3");
        assertEquals("深圳", ClientContext.from(h, SOURCE_IP, SECRET).city());
        h.put("cloudfront-viewer-city", "Bad%zzEscape");
        assertEquals("Bad%zzEscape", ClientContext.from(h, SOURCE_IP, SECRET).city());
    }

    @Test
    void userAgentIsKeptWhetherOrNotTrusted() {
        assertEquals(UA, ClientContext.from(viewerHeaders(null), SOURCE_IP, SECRET).userAgent());
    }

    @Test
    void unparseableSourceIpIsUnknown() {
        assertNull(ClientContext.from(Map.of(), "not-an-ip", SECRET).ipBytes());
        assertNull(ClientContext.from(Map.of(), null, SECRET).ipBytes());
    }

    @Test
    void toStringWithholdsTheAddress() {
        ClientContext c = ClientContext.from(viewerHeaders(SECRET), SOURCE_IP, SECRET);
        assertFalse(c.toString().contains("203"), c.toString());
    }

    @Test
    void ipBytesCannotBeChangedFromOutside() {
        ClientContext c = ClientContext.from(viewerHeaders(SECRET), SOURCE_IP, SECRET);
        c.ipBytes()[0] = 1;
        assertEquals((byte) 203, c.ipBytes()[0]);
    }

    private static void assertUntrusted(ClientContext c) {
        assertArrayEquals(new byte[] {(byte) 198, 51, 100, (byte) 200}, c.ipBytes());
        assertNull(c.country());
        assertNull(c.region());
        assertNull(c.city());
    }
}
