package com.groupgate.bench;

import com.groupgate.id.Id;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Base64;
import java.util.Date;

/**
 * The peer our token is measured against: an HS256 JWT (nimbus-jose-jwt) carrying the
 * same claims — key version as {@code kid}, code id, kind, tenant, group, salt, expiry —
 * parsed, verified and read the way a scan would have to.
 */
final class JwtPeer {
    private final String jwt;
    private final MACVerifier verifier;
    private final long now;

    JwtPeer(byte[] secret, Id code, Id tenant, Id group, byte[] salt, long expiresAt, long now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(code.toString())
                .claim("kind", "group")
                .claim("tenant", tenant.toString())
                .claim("group", group.toString())
                .claim("salt", Base64.getUrlEncoder().withoutPadding().encodeToString(salt))
                .expirationTime(new Date(expiresAt * 1000))
                .build();
        try {
            SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("1").build(), claims);
            signed.sign(new MACSigner(secret));
            this.jwt = signed.serialize();
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        this.now = now;
    }

    JWTClaimsSet parseAndVerify() throws ParseException, JOSEException {
        SignedJWT parsed = SignedJWT.parse(jwt);
        if (!"1".equals(parsed.getHeader().getKeyID()) || !parsed.verify(verifier)) {
            throw new IllegalStateException("jwt does not verify");
        }
        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        if (claims.getExpirationTime().getTime() / 1000 <= now) {
            throw new IllegalStateException("jwt expired");
        }
        return claims;
    }
}
