package com.groupgate.token;

import java.util.Objects;

/**
 * The outcome of verifying a scan token. Malformed, forged, unknown-version and
 * retired-version tokens are all the one {@link Invalid#INSTANCE}, so that no caller can
 * tell them apart (and no response can leak which it was). A token is only reported
 * {@link Expired} after its tag verified.
 */
public sealed interface Verification {

    /** The token is authentic and not expired. */
    record Valid(ScanToken token) implements Verification {
        public Valid {
            Objects.requireNonNull(token, "token");
        }
    }

    /** The token is authentic but its expiry has passed. */
    record Expired(ScanToken token) implements Verification {
        public Expired {
            Objects.requireNonNull(token, "token");
        }
    }

    /** Not a token we issued under a key still accepted. */
    final class Invalid implements Verification {
        public static final Invalid INSTANCE = new Invalid();

        private Invalid() {
        }

        @Override
        public String toString() {
            return "Invalid";
        }
    }
}
