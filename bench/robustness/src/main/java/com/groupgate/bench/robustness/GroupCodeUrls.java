package com.groupgate.bench.robustness;

import com.groupgate.id.Id;
import com.groupgate.qr.Ecc;
import com.groupgate.qr.QrReadBack;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanUrl;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Group-code scan URLs as the codes API issues them: a short (v2) token under the default
 * base URL, re-salted until the read-back check at the API's default image (level M, 8 px)
 * passes. Deterministic for a seed.
 */
final class GroupCodeUrls {
    /** template.yaml's default ScanBaseUrl (25 characters). */
    static final String DEFAULT_BASE = "HTTPS://G.EXAMPLE.COM/S/";
    private static final int MAX_SALTS = 8;

    private GroupCodeUrls() {
    }

    static List<String> issue(int count, long seed) {
        return issue(count, seed, DEFAULT_BASE);
    }

    /** As {@link #issue(int, long)}, under another base URL (uppercase, ending in {@code /S/}). */
    static List<String> issue(int count, long seed, String base) {
        Random random = new Random(seed);
        byte[] secret = new byte[SigningKey.SECRET_BYTES];
        random.nextBytes(secret);
        KeyRing ring = KeyRing.of(new SigningKey(1, secret, false));
        List<String> urls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Id code = new Id(random.nextLong());
            Id tenant = new Id(random.nextLong());
            long expiresAt = 1_800_000_000L + random.nextInt(100_000_000);
            byte[] salt = new byte[TokenCodec.SHORT_SALT_BYTES];
            String url;
            int attempt = 0;
            do {
                random.nextBytes(salt);
                url = ScanUrl.scanUrl(base, TokenCodec.issueShort(ring, code, tenant, expiresAt, salt));
            } while (!QrReadBack.readsBack(url, Ecc.M, 8) && ++attempt < MAX_SALTS);
            urls.add(url);
        }
        return urls;
    }
}
