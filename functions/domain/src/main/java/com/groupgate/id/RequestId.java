package com.groupgate.id;

import java.util.Objects;
import java.util.Optional;

/**
 * A join request's id. Its own type so that it cannot be passed where another entity's id is
 * wanted; the 8 bytes and the 13-character text are those of {@link Id}.
 */
public record RequestId(Id id) {
    public RequestId {
        Objects.requireNonNull(id, "id");
    }

    public static RequestId random() {
        return new RequestId(Id.random());
    }

    /** The id written in {@code text}, or empty when it is not one. */
    public static Optional<RequestId> parse(String text) {
        return Id.parse(text).map(RequestId::new);
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
