package com.groupgate.bench;

import com.groupgate.id.Id;
import com.groupgate.token.CodeKind;
import com.groupgate.token.KeyRing;
import com.groupgate.token.SigningKey;
import com.groupgate.token.TokenCodec;
import com.groupgate.token.Verification;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Date;
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
 * Verifying a scan token against the alternatives: a nimbus-jose-jwt HS256 JWT carrying the
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
    private String jwt;
    private MACVerifier jwtVerifier;
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

        byte[] salt = new byte[8];
        random.nextBytes(salt);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(code.toString())
                .claim("kind", "group")
                .claim("tenant", tenant.toString())
                .claim("group", group.toString())
                .claim("salt", Base64.getUrlEncoder().withoutPadding().encodeToString(salt))
                .expirationTime(new Date(EXPIRY * 1000))
                .build();
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("1").build(), claims);
        signed.sign(new MACSigner(secret));
        jwt = signed.serialize();
        jwtVerifier = new MACVerifier(secret);

        try {
            rawMac = Mac.getInstance("HmacSHA256");
            rawMac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        random.nextBytes(authenticated);
        if (!(TokenCodec.verify(ring, token, NOW) instanceof Verification.Valid)) {
            throw new IllegalStateException("token does not verify");
        }
    }

    @Benchmark
    public Verification groupgateVerify() {
        return TokenCodec.verify(ring, token, NOW);
    }

    @Benchmark
    public JWTClaimsSet nimbusHs256ParseAndVerify() throws ParseException, JOSEException {
        SignedJWT parsed = SignedJWT.parse(jwt);
        if (!"1".equals(parsed.getHeader().getKeyID()) || !parsed.verify(jwtVerifier)) {
            throw new IllegalStateException("jwt does not verify");
        }
        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        if (claims.getExpirationTime().getTime() / 1000 <= NOW) {
            throw new IllegalStateException("jwt expired");
        }
        return claims;
    }

    @Benchmark
    public byte[] rawHmacSha256Floor() throws ShortBufferException {
        rawMac.update(authenticated, 0, authenticated.length);
        rawMac.doFinal(macOut, 0);
        return macOut;
    }
}
