package com.groupgate.bench;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.code.Channel;
import com.groupgate.fact.FactCodec;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.scan.ClientContext;
import com.groupgate.scan.ClientIpHash;
import com.groupgate.scan.DailyCap;
import com.groupgate.scan.GeoRules;
import com.groupgate.scan.UserAgentClassifier;
import com.groupgate.secret.SecretValues;
import com.groupgate.token.CodeKind;
import com.groupgate.token.KeyRing;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;
import com.groupgate.token.Verification;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The scan path's CPU work with no I/O, as ScanService does it for a geo-restricted code
 * scanned through CloudFront: verify the token, read the client from the headers (origin
 * secret, viewer country/region/city/address), check geo and CIDR rules, classify the
 * User-Agent, hash the IP, build the fact and the day key. Beside it, in the same run,
 * the JWT peer: nimbus-jose-jwt HS256 parse + verify of a token with the same claims.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScanPathBench {
    private static final long NOW = 1_800_000_000L;
    private static final long EXPIRY = NOW + 72 * 3600;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Channel CHANNEL = Channel.of("campus-north");

    private KeyRing ring;
    private ClientIpHash ipHash;
    private String token;
    /** The short (v2) token group codes now carry; {@code token} is v1, as live codes keep. */
    private String shortToken;
    private final SecretValues originSecret = SecretValues.of("origin-secret");
    private Map<String, String> headers;
    private GeoRules rules;
    private JwtPeer jwtPeer;
    private Id tenant;
    /** The tenant and channel as the stored code the scan path reads holds them, decoded. */
    private TenantId tenantId;
    private Id code;
    private Id group;

    @Setup
    public void setUp() throws JOSEException {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        ring = KeyRing.of(new SigningKey(1, secret, false));
        code = Id.random();
        tenant = Id.random();
        tenantId = new TenantId(tenant);
        group = Id.random();
        token = TokenCodec.issue(ring, CodeKind.GROUP_CODE, code, tenant, group, EXPIRY, random);
        shortToken = TokenCodec.issueShort(ring, code, tenant, EXPIRY, random);
        // Built once per key ring, as ScanService does.
        ipHash = ClientIpHash.withKey(ring.ipHashKey());
        headers = Map.of(
                "user-agent", "Mozilla/5.0 (Linux; Android 13; V2219A) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5061 MMWEBSDK/20230504 "
                        + "MMWEBID/2585 MicroMessenger/8.0.37.2380(0x2800255B) WeChat/arm64 Weixin NetType/WIFI "
                        + "Language/zh_CN ABI/arm64",
                "x-origin-verify", "origin-secret",
                "cloudfront-viewer-country", "CN",
                "cloudfront-viewer-country-region", "GD",
                "cloudfront-viewer-city", "Shenzhen",
                "cloudfront-viewer-address", "203.0.113.77:51234");
        rules = GeoRules.of(List.of("CN", "HK"), List.of(), List.of(), List.of("CN-XZ"),
                List.of("203.0.113.0/24", "2001:db8::/32"), List.of("198.51.100.0/24"));
        jwtPeer = new JwtPeer(secret, code, tenant, group, "saltsalt".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                EXPIRY, NOW);
        if (scanCpuPath() == null || scanCpuPathShort() == null) {
            throw new IllegalStateException("the scan path refused its own token");
        }
    }

    @Benchmark
    public Object scanCpuPath() {
        return scanPath(token);
    }

    /** The same path for a group code's short (v2) token. */
    @Benchmark
    public Object scanCpuPathShort() {
        return scanPath(shortToken);
    }

    private Object scanPath(String scanned) {
        if (!(TokenCodec.verify(ring, scanned, NOW) instanceof Verification.Valid)) {
            return null;
        }
        Instant now = Instant.ofEpochSecond(NOW);
        // As ScanService checks it: against the secret's values read (and digested) once.
        ClientContext client = ClientContext.checkedBy(headers, "10.0.0.1", originSecret::accepts);
        if (rules.check(client).isPresent()) {
            return null;
        }
        RecordedFact.Origin origin = new RecordedFact.Origin(now, client,
                UserAgentClassifier.classify(client.userAgent()), ipHash.hash(client));
        String day = DailyCap.dayKey(now, ZONE);
        // The typed fact, and the attributes its codec makes of it for the one write.
        return FactCodec.encode(RecordedFact.scan(origin, tenantId).code(code).group(group)
                .channel(CHANNEL).counted(day, 500));
    }

    @Benchmark
    public JWTClaimsSet nimbusHs256ParseAndVerify() throws ParseException, JOSEException {
        return jwtPeer.parseAndVerify();
    }
}
