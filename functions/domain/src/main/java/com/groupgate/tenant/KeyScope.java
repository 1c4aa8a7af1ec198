package com.groupgate.tenant;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.Locale;

/**
 * What an API key may do: {@code full} anything a tenant may do, {@code read} only look
 * ({@code GET}) — enough for a dashboard or a reporting job, nothing that changes state.
 */
public enum KeyScope {
    FULL, READ;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /**
     * The scope named by {@code text} (lowercase, as on the wire).
     *
     * @throws RefusalException naming {@code field} when it names none
     */
    public static KeyScope parse(String text, String field) {
        for (KeyScope s : values()) {
            if (s.wireName.equals(text)) {
                return s;
            }
        }
        throw RefusalException.badField(field, "must be one of full, read");
    }

    /**
     * Whether a request with HTTP {@code method} is within this scope. A read key may only
     * GET: every other method — including ones no route answers — is a change it may not
     * make, so the answer does not depend on which routes exist.
     */
    public boolean permits(String method) {
        return this == FULL || "GET".equals(method);
    }

    /** @throws RefusalException 403 {@code forbidden} when {@code method} is outside this scope */
    public void require(String method) {
        if (!permits(method)) {
            throw new RefusalException(Refusal.FORBIDDEN, "this API key has scope read: it may only GET");
        }
    }
}
