package com.groupgate.bench;

import com.groupgate.id.Id;
import com.groupgate.token.CodeKind;
import com.groupgate.token.KeyRing;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;
import com.groupgate.token.Verification;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifying a scan token (v1, 87 characters, and the short v2, 66) against the alternatives: a nimbus-jose-jwt HS256 JWT carrying the
 * same claims (parse, verify the signature, read the claims), and the floor — one raw
 * HMAC-SHA256 over the 38 authenticated bytes with an initialised {@link Mac}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenVerifyBench {
    private static final long NOW = 1_800_000_000L;
    private static final long EXPIRY = NOW + 72 * 3600;

    private KeyRing ring;
    private String token;
    private String shortToken;
    private JwtPeer jwtPeer;
    private Mac rawMac;
    private final byte[] authenticated = new byte[38];
    private final byte[] macOut = new byte[32];

    @Setup
    public void setUp() throws JOSEException {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        ring = KeyRing.of(new SigningKey(1, secret, false));
        Id code = Id.random();
        Id tenant = Id.random();
        Id group = Id.random();
        token = TokenCodec.issue(ring, CodeKind.GROUP_CODE, code, tenant, group, EXPIRY, random);
        shortToken = TokenCodec.issueShort(ring, code, tenant, EXPIRY, random);

        byte[] salt = new byte[8];
        random.nextBytes(salt);
        jwtPeer = new JwtPeer(secret, code, tenant, group, salt, EXPIRY, NOW);

        try {
            rawMac = Mac.getInstance("HmacSHA256");
            rawMac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        random.nextBytes(authenticated);
        if (!(TokenCodec.verify(ring, token, NOW) instanceof Verification.Valid)
                || !(TokenCodec.verify(ring, shortToken, NOW) instanceof Verification.Valid)) {
            throw new IllegalStateException("token does not verify");
        }
    }

    @Benchmark
    public Verification groupgateVerify() {
        return TokenCodec.verify(ring, token, NOW);
    }

    /** The short (v2, 66-character) token group codes are issued with. */
    @Benchmark
    public Verification groupgateVerifyShort() {
        return TokenCodec.verify(ring, shortToken, NOW);
    }

    @Benchmark
    public JWTClaimsSet nimbusHs256ParseAndVerify() throws ParseException, JOSEException {
        return jwtPeer.parseAndVerify();
    }

    @Benchmark
    public byte[] rawHmacSha256Floor() throws ShortBufferException {
        rawMac.update(authenticated, 0, authenticated.length);
        rawMac.doFinal(macOut, 0);
        return macOut;
    }
}
