package com.groupgate.id;

import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's id. Its own type so that it cannot be passed where another entity's id is
 * wanted; the 8 bytes and the 13-character text are those of {@link Id}.
 *
 * <p>Not a record, only so that it can keep its text: every table key, rollup key and
 * webhook event of a tenant writes it, and the aggregate does so for each of a batch's
 * facts, so a tenant id read from text keeps that text and one made from bytes encodes it
 * once, on first use. Equal by {@link #id()} alone.
 */
public final class TenantId {
    private final Id id;
    /** The canonical (lower-case) text: the one parsed, or encoded on first use. */
    private String text;

    public TenantId(Id id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    private TenantId(Id id, String text) {
        this(id);
        this.text = text;
    }

    public static TenantId random() {
        return new TenantId(Id.random());
    }

    /** The id written in {@code text}, or empty when it is not one. */
    public static Optional<TenantId> parse(String text) {
        return Id.parse(text).map(id -> new TenantId(id, canonical(text) ? text : null));
    }

    public Id id() {
        return id;
    }

    /** As written in the API and the tables. */
    public String text() {
        String t = text;
        if (t == null) {
            t = id.toString();
            text = t;
        }
        return t;
    }

    /** Whether {@code text} (a valid id's) is already as {@link Id#toString} writes it. */
    private static boolean canonical(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isUpperCase(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantId other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
