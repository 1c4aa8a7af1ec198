package com.groupgate.id;

import java.util.Objects;
import java.util.Optional;

/**
 * An export's id. Its own type so that it cannot be passed where another entity's id is
 * wanted; the 8 bytes and the 13-character text are those of {@link Id}.
 */
public record ExportId(Id id) {
    public ExportId {
        Objects.requireNonNull(id, "id");
    }

    public static ExportId random() {
        return new ExportId(Id.random());
    }

    /** The id written in {@code text}, or empty when it is not one. */
    public static Optional<ExportId> parse(String text) {
        return Id.parse(text).map(ExportId::new);
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
