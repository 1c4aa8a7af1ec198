package com.groupgate.storage.webhook;

import com.groupgate.keys.SigningKeyTable;
import com.groupgate.seal.SecretSeal;
import com.groupgate.token.SigningKey;
import com.groupgate.webhook.WebhookSecret;

/**
 * Webhook signing secrets sealed for storage and opened for signing: AES-GCM under a
 * signing key version ({@link SecretSeal}), as passcode secrets are. The sender must sign
 * with the secret itself, so a hash would not do; the table holds only the sealed form.
 */
public final class WebhookSecrets {
    private final SigningKeyTable keys;

    public WebhookSecrets(SigningKeyTable keys) {
        this.keys = keys;
    }

    /** Sealed under the issuing ring's current version. */
    public byte[] seal(WebhookSecret secret) {
        SigningKey key = keys.issuingRing().current();
        return SecretSeal.seal(key.version(), key.secret(), secret.key());
    }

    /** The secret a sealed value holds, reading the key version it names (retired or not). */
    public WebhookSecret open(byte[] sealed) {
        int version = SecretSeal.version(sealed);
        SigningKey key = keys.anyVersion(version)
                .orElseThrow(() -> new IllegalStateException("no signing key version " + version));
        return WebhookSecret.ofKey(SecretSeal.open(sealed, key.secret()));
    }
}
