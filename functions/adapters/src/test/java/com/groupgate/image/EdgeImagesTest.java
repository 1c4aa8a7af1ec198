package com.groupgate.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeImagesTest {
    private static final TenantId TENANT = TenantId.random();

    @Test
    void theSameBytesHaveTheSameNameAndOtherBytesAnother() {
        byte[] png = "png bytes".getBytes(StandardCharsets.UTF_8);
        String name = EdgeImages.key(EdgeImages.Kind.GROUP_CODE, TENANT, png);
        assertEquals(name, EdgeImages.key(EdgeImages.Kind.GROUP_CODE, TENANT, png.clone()));
        assertNotEquals(name, EdgeImages.key(EdgeImages.Kind.GROUP_CODE, TENANT,
                "other bytes".getBytes(StandardCharsets.UTF_8)));
        // SHA-256 of "png bytes", in lowercase hex.
        assertEquals("i/c/" + TENANT + "/d013614dc14a37ee20fe92005737ab7d3427e7e93580ad56ef8a42205e7f7a4e.png", name);
    }

    @Test
    void groupAndLiveCodeImagesAreApartSoOnlyGroupCodeImagesExpire() {
        byte[] png = {1, 2, 3};
        assertTrue(EdgeImages.key(EdgeImages.Kind.GROUP_CODE, TENANT, png).startsWith("i/c/" + TENANT + "/"));
        assertTrue(EdgeImages.key(EdgeImages.Kind.LIVE_CODE, TENANT, png).startsWith("i/l/" + TENANT + "/"));
        assertEquals(List.of("i/c/" + TENANT + "/", "i/l/" + TENANT + "/"), EdgeImages.tenantPrefixes(TENANT));
        assertTrue(ImageBucket.tenantPrefixes(TENANT).containsAll(EdgeImages.tenantPrefixes(TENANT)),
                "a tenant's deletion sweeps its code images");
    }

    @Test
    void urlsAreOnTheScanHostLowercasedUnderI() {
        String key = EdgeImages.key(EdgeImages.Kind.LIVE_CODE, TENANT, new byte[] {9});
        assertEquals("https://gg.example.com/" + key, EdgeImages.onScanHost("HTTPS://GG.EXAMPLE.COM/S/").url(key));
        assertEquals("http://127.0.0.1:3000/" + key, EdgeImages.onScanHost("HTTP://127.0.0.1:3000/S/").url(key));
        assertEquals("https://gg.example.com/" + key,
                EdgeImages.onScanHost("HTTPS://GG.EXAMPLE.COM/CAMPUS/S/").url(key), "the edge serves /i/ at its root");
    }

    @Test
    void onlyNamesUnderIHaveAnEdgeUrl() {
        EdgeImages edge = EdgeImages.onScanHost("HTTPS://GG.EXAMPLE.COM/S/");
        assertThrows(IllegalArgumentException.class, () -> edge.url("entries/" + TENANT + "/x.png"));
        assertThrows(IllegalArgumentException.class, () -> EdgeImages.onScanHost("GG.EXAMPLE.COM/S/"));
    }
}
