package com.groupgate.api.routes;

import com.groupgate.id.Base32;
import com.groupgate.join.Totp;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.seal.SecretSeal;
import com.groupgate.token.SigningKey;

/**
 * New TOTP secrets for passcode groups: shown to the tenant once, as base32, and stored
 * only sealed. Sealed under the issuing ring's current version, which every warm scan
 * container already holds (a new version issues only after one refresh interval), so
 * joins can open it at once.
 */
public final class PasscodeSecrets {
    /** A passcode secret as shown (base32, once) and as stored (sealed). */
    record PasscodeSecret(String text, byte[] sealed) {
    }

    private final SigningKeyTable keys;

    public PasscodeSecrets(SigningKeyTable keys) {
        this.keys = keys;
    }

    PasscodeSecret next() {
        byte[] secret = Totp.newSecret();
        SigningKey key = keys.issuingRing().current();
        return new PasscodeSecret(Base32.encode(secret), SecretSeal.seal(key.version(), key.secret(), secret));
    }
}
