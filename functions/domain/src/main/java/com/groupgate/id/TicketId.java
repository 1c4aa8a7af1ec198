package com.groupgate.id;

import java.util.Objects;
import java.util.Optional;

/**
 * A join ticket's id (a scan hands it to the joiner's page). Its own type so that it cannot be passed where another entity's id is
 * wanted; the 8 bytes and the 13-character text are those of {@link Id}.
 */
public record TicketId(Id id) {
    public TicketId {
        Objects.requireNonNull(id, "id");
    }

    public static TicketId random() {
        return new TicketId(Id.random());
    }

    /** The id written in {@code text}, or empty when it is not one. */
    public static Optional<TicketId> parse(String text) {
        return Id.parse(text).map(TicketId::new);
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
