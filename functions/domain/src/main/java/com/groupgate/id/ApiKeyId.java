package com.groupgate.id;

import java.util.Objects;
import java.util.Optional;

/**
 * An API key's id (never the key itself). Its own type so that it cannot be passed where another entity's id is
 * wanted; the 8 bytes and the 13-character text are those of {@link Id}.
 */
public record ApiKeyId(Id id) {
    public ApiKeyId {
        Objects.requireNonNull(id, "id");
    }

    public static ApiKeyId random() {
        return new ApiKeyId(Id.random());
    }

    /** The id written in {@code text}, or empty when it is not one. */
    public static Optional<ApiKeyId> parse(String text) {
        return Id.parse(text).map(ApiKeyId::new);
    }

    /** As written in the API and the tables. */
    public String text() {
        return id.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
