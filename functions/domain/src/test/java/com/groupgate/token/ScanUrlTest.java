package com.groupgate.token;

import static com.groupgate.token.TokenCodecTest.assertMessageNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.id.Id;
import java.security.SecureRandom;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ScanUrlTest {
    private static String token() {
        return TokenCodec.issue(KeyRing.of(Keys.key(1)), CodeKind.GROUP_CODE, Id.random(), Id.random(), Id.random(),
                ScanToken.NEVER, new SecureRandom());
    }

    @Test
    void scanUrlIsBaseThenToken() {
        String token = token();
        assertEquals("HTTPS://GG.EXAMPLE.CN/S/" + token, ScanUrl.scanUrl("HTTPS://GG.EXAMPLE.CN/S/", token));
    }

    @Test
    void baseMustBeUppercaseQrAlphanumericEndingInSlashSSlash() {
        String token = token();
        assertMessageNames("base", () -> ScanUrl.scanUrl("https://gg.example.cn/S/", token));
        assertMessageNames("base", () -> ScanUrl.scanUrl("HTTPS://GG.EXAMPLE.CN/s/", token));
        assertMessageNames("base", () -> ScanUrl.scanUrl("HTTPS://GG.EXAMPLE.CN/", token));
        assertMessageNames("base", () -> ScanUrl.scanUrl("HTTPS://GG EXAMPLE.CN/S/", token));
        assertMessageNames("base", () -> ScanUrl.scanUrl("HTTPS://GG.EXAMPLE.CN/S/?Q=/S/", token));
        assertMessageNames("base", () -> ScanUrl.scanUrl(null, token));
    }

    @Test
    void tokenMustBeAnUppercaseIssuedToken() {
        String base = "HTTPS://GG.EXAMPLE.CN/S/";
        String token = token();
        assertMessageNames("token", () -> ScanUrl.scanUrl(base, token.toLowerCase(Locale.ROOT)));
        assertMessageNames("token", () -> ScanUrl.scanUrl(base, token.substring(1)));
        assertMessageNames("token", () -> ScanUrl.scanUrl(base, null));
    }
}
