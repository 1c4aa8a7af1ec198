package com.groupgate.token;

import java.util.Arrays;

/** Fixed test keys: version v's secret is 32 bytes of value v. */
final class Keys {
    private Keys() {
    }

    static SigningKey key(int version) {
        byte[] secret = new byte[SigningKey.SECRET_BYTES];
        Arrays.fill(secret, (byte) version);
        return new SigningKey(version, secret, false);
    }
}
